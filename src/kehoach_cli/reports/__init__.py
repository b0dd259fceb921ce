"""The report stage: an evaluation as of a date → typed report values, one module per report.

Reports never print: `kehoach_cli.render` turns a value into text in the chosen format.
"""

from kehoach_cli.reports.agencies import AGENCY_FIELDS, AgenciesReport, agencies
from kehoach_cli.reports.common import Meta, Scope, Succeeded, scope
from kehoach_cli.reports.report import Report
from kehoach_cli.reports.show import ShowReport, show
from kehoach_cli.reports.status import Counts, StatusReport, status
from kehoach_cli.reports.targets import TARGET_FIELDS, TargetsReport, targets
from kehoach_cli.reports.tasklist import TASK_FIELDS, TaskList, TaskRow, overdue, tasks, unowned, untimed, upcoming

__all__ = [
    "AGENCY_FIELDS",
    "TARGET_FIELDS",
    "TASK_FIELDS",
    "AgenciesReport",
    "Counts",
    "Meta",
    "Report",
    "Scope",
    "ShowReport",
    "StatusReport",
    "Succeeded",
    "TargetsReport",
    "TaskList",
    "TaskRow",
    "agencies",
    "overdue",
    "scope",
    "show",
    "status",
    "targets",
    "tasks",
    "unowned",
    "untimed",
    "upcoming",
]
