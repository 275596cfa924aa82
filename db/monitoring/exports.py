"""The clinic-wide checklist printed: an audited print of what `clinic_checklist` lists."""

from datetime import date, datetime

from clinical.monitoring import ItemState
from db.accounts.actor import Actor
from db.accounts.guard import authorize
from db.accounts.roles import Permission
from db.audit.vocabulary import AuditAction, AuditCategory
from db.database import Database
from db.monitoring.due_table import ensure_current
from db.monitoring.views import ChecklistFilters, DueRow
from db.monitoring.workflows import ANY, due_rows
from reports.model import Letterhead
from reports.monitoring_checklist import ChecklistLine, ChecklistSheet, render_checklist

DEFAULT_LETTERHEAD = Letterhead(clinic_name="Booster Desk")


def state_text(row: DueRow) -> str:
    if row.state is ItemState.OVERDUE:
        return f"Overdue {row.days_overdue} day{'s' if row.days_overdue != 1 else ''}"
    return row.state.label


def checklist_pdf(
    database: Database,
    actor: Actor,
    filters: ChecklistFilters = ANY,
    as_of: date | None = None,
    *,
    filter_text: str = "",
    letterhead: Letterhead | None = None,
    now: datetime | None = None,
) -> bytes:
    authorize(database, actor, Permission.VIEW_CLINICAL, AuditCategory.MONITORING)
    day = as_of or date.today()
    ensure_current(database)
    with database.transaction() as session:
        rows = due_rows(session, day, filters)
        database.audit.record(
            session,
            actor,
            AuditAction.PRINT,
            AuditCategory.MONITORING,
            object_type="monitoring checklist",
            detail=f"monitoring checklist {day.isoformat()}: {len(rows)} items",
        )
    sheet = ChecklistSheet(
        as_of=day,
        lines=tuple(
            ChecklistLine(
                row.patient_name,
                row.mrn,
                row.title,
                state_text(row),
                row.window_text,
                row.reason,
                row.prescriber,
            )
            for row in rows
        ),
        printed_by=actor.display_name,
        printed_at=now or datetime.now(),
        filters=filter_text,
    )
    return render_checklist(sheet, letterhead or DEFAULT_LETTERHEAD)
