"""The narrative sections of a report, written by people and kept per period.

Pendahuluan, Kendala and Rencana tindak lanjut are the parts of a *Laporan
kehumasan* that no query can produce. One row per (period, section); saving
an empty text keeps the row empty (the report then says the section is not
written yet).
"""

from __future__ import annotations

from sqlalchemy import select

from database.base import utcnow
from database.models.reports import ReportNarrative
from desktop.errors import ValidationError
from desktop.i18n import N_, _
from desktop.reports.period import parse

# In the order they are printed: the introduction opens the report, the other two close it.
SECTIONS = {
    "pendahuluan": N_("Introduction"),
    "kendala": N_("Obstacles"),
    "rencana": N_("Follow-up plan"),
}
MAX_CHARS = 20_000


def section_label(key: str) -> str:
    return _(SECTIONS[key]) if key in SECTIONS else key


def _section(key: str) -> str:
    if key not in SECTIONS:
        raise ValidationError(_("'{value}' is not a narrative section; use one of: {choices}.").format(
            value=key, choices=", ".join(SECTIONS)))
    return key


def narratives(library, period: str) -> dict[str, str]:  # noqa: ANN001
    """Every section's text for ``period`` (``""`` for one not written), in :data:`SECTIONS` order."""
    code = parse(period).code
    with library.store.read() as s:
        found = dict(s.execute(select(ReportNarrative.section, ReportNarrative.text)
                               .where(ReportNarrative.period == code)).all())
    return {key: found.get(key, "") for key in SECTIONS}


def _clean(section: str, text: str) -> str:
    section = _section(section)
    text = "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")).strip()
    if len(text) > MAX_CHARS:
        raise ValidationError(_("The text of '{section}' is {count} characters long; keep it under {limit}.").format(
            section=section_label(section), count=len(text), limit=MAX_CHARS))
    return text


def set_narratives(library, period: str, texts: dict[str, str]) -> None:  # noqa: ANN001
    """Save the given sections' texts for ``period`` in one transaction (replacing what was there)."""
    code = parse(period).code
    cleaned = {section: _clean(section, text) for section, text in texts.items()}
    with library.store.write() as tx:
        for section, text in cleaned.items():
            row = tx.session.scalars(select(ReportNarrative).where(
                ReportNarrative.period == code, ReportNarrative.section == section).with_for_update()).first()
            if row is None:
                tx.session.add(ReportNarrative(period=code, section=section, text=text, updated_by=tx.staff_id))
            elif row.text != text:
                row.text, row.updated_by, row.updated_at = text, tx.staff_id, utcnow()


def set_narrative(library, period: str, section: str, text: str) -> None:  # noqa: ANN001
    """Save one section's text for ``period``."""
    set_narratives(library, period, {section: text})
