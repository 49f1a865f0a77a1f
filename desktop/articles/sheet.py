"""The *Lembar Persetujuan*: one page that says which text was approved, by whom, when, under which number.

Filed with the signed paper copy and handed to whoever asks later whether a
published release is the approved one: the content SHA-256 printed in full
can be checked against the text (``warta check`` verifies every approval).
An article without an approval in force gets the same sheet marked DRAF.

The values come from the approval record (:mod:`desktop.articles.approval`);
the page is typeset by the press kits' renderer (letterhead, fonts), which
takes the plain :class:`ApprovalSheet`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ApprovalSheet:
    """What the sheet prints. Times are naive UTC, as stored; the renderer prints them in local time."""

    article_id: int
    title: str
    kind: str  # the article kind's key (siaran_pers …); the renderer prints its label
    release_number: str
    writer: str
    approver: str
    revision: int
    content_sha256: str
    approved: bool  # False: the sheet carries the DRAF mark
    submitted_at: dt.datetime | None = None
    approved_at: dt.datetime | None = None
    published_at: dt.datetime | None = None
    self_approved: bool = False
    newer_draft: bool = False  # a draft after the approved text exists (not what this sheet describes)


def sheet_for(library, article_id: int) -> ApprovalSheet:  # noqa: ANN001
    """The sheet of the article's approval in force, or of its working text (DRAF) when there is none."""
    from desktop.articles import approval, store

    out = approval.document_for_output(library, article_id)
    loaded = store.load(library, article_id)
    record = out.approval
    doc = out.doc
    writer = doc.writer.strip() or loaded.author_name
    if record is None:
        return ApprovalSheet(
            article_id=article_id, title=doc.title, kind=doc.kind, release_number="", writer=writer, approver="",
            revision=loaded.revision, content_sha256=approval.content_hash(doc), approved=False,
        )
    return ApprovalSheet(
        article_id=article_id, title=doc.title, kind=doc.kind, release_number=record.release_number,
        writer=writer, approver=record.approver_name, revision=record.revision_number,
        # A revision changed after approval is not what was approved: the sheet is DRAF with the text's own hash.
        content_sha256=record.content_sha256 if out.approved else approval.content_hash(doc), approved=out.approved,
        submitted_at=record.submitted_at,
        approved_at=record.approved_at, published_at=record.published_at, self_approved=record.self_approved,
        newer_draft=out.newer_draft,
    )


def sheet_pdf(library, article_id: int) -> bytes:  # noqa: ANN001
    """The sheet as PDF bytes on the office letterhead (same article and approval: same bytes)."""
    from desktop.kits import api as kits

    return kits.approval_sheet_pdf(library, sheet_for(library, article_id))


def write_sheet(library, article_id: int, out_path: Path | str) -> Path:  # noqa: ANN001
    """Write the sheet atomically to ``out_path`` (the old file stays until the new one is complete).

    Refused with a sentence, writing nothing, for a target inside the library or one that is not a file.
    """
    from desktop.errors import ValidationError
    from desktop.kits import api as kits
    from desktop.library import export_target_problem

    out = Path(out_path).expanduser().absolute()
    problem = export_target_problem(out, getattr(library, "path", None))
    if problem:
        raise ValidationError(problem)
    kits.write_approval_sheet(library, sheet_for(library, article_id), out)
    return out
