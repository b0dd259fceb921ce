"""The union of report values every renderer accepts."""

from __future__ import annotations

from kehoach_cli.reports.agencies import AgenciesReport
from kehoach_cli.reports.show import ShowReport
from kehoach_cli.reports.status import StatusReport
from kehoach_cli.reports.targets import TargetsReport
from kehoach_cli.reports.tasklist import TaskList

Report = StatusReport | TaskList | ShowReport | AgenciesReport | TargetsReport
