"""The closed vocabularies the core and the command line share (one type each)."""

from __future__ import annotations

import enum


class Lang(enum.StrEnum):
    """The language of human output (Vietnamese by default)."""

    vi = "vi"
    en = "en"


class Role(enum.StrEnum):
    """Whose tasks a report shows for an agency: those it leads (chủ trì), partners (phối hợp), or either."""

    lead = "lead"
    partner = "partner"
    any = "any"
