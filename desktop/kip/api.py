"""What the rest of Warta may use of the KIP register (the window, the CLI, other areas).

Everything outside ``desktop/kip/`` imports this module only. Values crossing
it are plain dataclasses (:class:`RequestRow`, :class:`DipRow` …), never ORM rows.
"""

from __future__ import annotations

from desktop.kip.deadlines import (
    ANSWER_DAYS,
    EXTENSION_DAYS,
    OBJECTION_DAYS,
    add_working_days,
    answer_due,
    is_working_day,
    objection_due,
    response_days,
    working_days_between,
)
from desktop.kip.overview import item_text as reminder_text
from desktop.kip.report import export_semester, write_xlsx, xlsx_bytes
from desktop.kip.schedule import requests_with_deadlines
from desktop.kip.store import (
    CATEGORIES,
    CHANNELS,
    KIND_CATEGORY,
    OPEN_STATES,
    STATES,
    DipProposal,
    DipRow,
    RequestInput,
    RequestNotFound,
    RequestRow,
    SemesterReport,
    add_dip,
    add_proposals,
    add_request,
    answer_request,
    category_label,
    channel_label,
    count_dip,
    count_requests,
    delete_request,
    due_soon,
    extend_request,
    get_request,
    list_dip,
    list_requests,
    object_request,
    propose_dip,
    semester_bounds,
    semester_code,
    semester_report,
    state_label,
    update_request,
)

__all__ = [
    "ANSWER_DAYS", "CATEGORIES", "CHANNELS", "EXTENSION_DAYS", "KIND_CATEGORY", "OBJECTION_DAYS", "OPEN_STATES", "STATES",
    "DipProposal", "DipRow", "RequestInput", "RequestNotFound", "RequestRow", "SemesterReport",
    "add_dip", "add_proposals", "add_request", "add_working_days", "answer_due", "answer_request", "category_label",
    "channel_label", "count_dip", "count_requests", "current_day", "delete_request", "due_soon", "export_semester", "extend_request",
    "get_request",
    "is_working_day", "list_dip",
    "list_requests", "object_request", "objection_due", "propose_dip", "reminder_text", "response_days",
    "semester_bounds", "semester_code", "semester_report", "state_label", "update_request", "working_days_between",
    "write_xlsx", "xlsx_bytes",
    "requests_with_deadlines",
]


def current_day():  # noqa: ANN201 - datetime.date
    """The day the register judges deadlines by (looked up at each call, so the store's clock is the only one)."""
    from desktop.kip import store

    return store.current_day()
