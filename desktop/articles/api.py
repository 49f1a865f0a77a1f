"""What the rest of Warta may use of the articles area (the window, the CLI, other areas).

Everything outside ``desktop/articles/`` imports this module only; the
modules behind it are the area's own and may change. Values crossing it are
plain dataclasses (:class:`ArticleDoc`, :class:`ListQuery` rows …), never ORM
rows. Changes to the area's tables asked for by other areas (a contact merge
moving quote speakers, an edit lock mirrored into ``articles.locked_*``) are
functions here, run inside the caller's transaction.
"""

from __future__ import annotations

from desktop.articles.aids import RELEASE_KINDS, analyse, dateline, release_line
from desktop.articles.approval import (
    DEFAULT_PATTERN,
    Approval,
    ApprovalError,
    OutputDoc,
    approvals,
    approve,
    approved_doc,
    approved_revision,
    canonical_json,
    content_hash,
    document_for_output,
    documents_for_output,
    format_number,
    self_approval_allowed,
    start_new_draft,
    validate_pattern,
    verify,
)
from desktop.articles.document import KINDS, STATUSES, TIMEZONES, ArticleDoc, Quote
from desktop.articles.glossary import DEFAULT_RULES, VARIANT_SEPARATOR, Checker, Rule
from desktop.articles.glossary import clean as clean_glossary
from desktop.articles.glossary import export_file as export_glossary
from desktop.articles.glossary import import_file as import_glossary
from desktop.articles.glossary import load as load_glossary
from desktop.articles.glossary import merge as merge_glossary
from desktop.articles.glossary import save as save_glossary
from desktop.articles.io import default_file_name, export_article, import_files, is_importable, whatsapp_text
from desktop.articles.io import render as render_article
from desktop.articles.io.markup import canonical_markdown, escape_markdown
from desktop.articles.io.readers import read_text
from desktop.articles.io.service import about_name, export_bytes, import_summary, paste_article, release_pdf
from desktop.articles.io.structure import contact_text, photo_credit
from desktop.articles.io.writers import docx_bytes
from desktop.articles.sheet import ApprovalSheet, sheet_for, sheet_pdf, write_sheet
from desktop.articles.schedule import KIND_LABELS, STATUS_LABELS, ScheduledArticle, embargoes, planned_releases
from desktop.articles.snapshot import same_content
from desktop.articles.snapshot import to_dict as doc_dict
from desktop.articles.store import (
    ListQuery,
    ReleaseRow,
    action_label,
    add_comment,
    all_tags,
    allowed_actions,
    approved_ids,
    authors,
    autosave,
    clear_lock_marks,
    comments,
    count_articles,
    create_article,
    delete_article,
    diff,
    discard_autosave,
    duplicate,
    existing_ids,
    kind_label,
    list_articles,
    load,
    load_doc,
    mark_locked,
    move_speaker,
    recoveries,
    releases_between,
    restore,
    revision_doc,
    revisions,
    save,
    status_label,
    transition,
    workflow_actions,
)
from desktop.articles.templates import new_doc, template_doc

__all__ = [
    "DEFAULT_PATTERN", "Approval", "ApprovalError", "OutputDoc", "approvals", "approve", "approved_doc",
    "approved_revision", "canonical_json", "content_hash", "document_for_output", "documents_for_output",
    "format_number",
    "self_approval_allowed", "start_new_draft", "validate_pattern", "verify", "workflow_actions",
    "DEFAULT_RULES", "KINDS", "RELEASE_KINDS", "STATUSES", "TIMEZONES", "VARIANT_SEPARATOR",
    "ArticleDoc", "Checker", "ListQuery", "Quote", "ReleaseRow", "Rule",
    "ApprovalSheet", "sheet_for", "sheet_pdf", "write_sheet",
    "about_name", "action_label", "add_comment", "all_tags", "allowed_actions", "analyse", "approved_ids",
    "authors", "autosave", "canonical_markdown", "clean_glossary", "clear_lock_marks", "comments", "contact_text",
    "count_articles", "create_article", "dateline", "delete_article", "default_file_name", "diff", "discard_autosave",
    "doc_dict", "docx_bytes", "duplicate", "escape_markdown", "existing_ids", "export_article", "export_bytes",
    "export_glossary", "import_files", "import_glossary", "import_summary", "is_importable", "kind_label", "list_articles",
    "load", "load_doc", "load_glossary", "mark_locked", "merge_glossary", "move_speaker", "paste_article", "photo_credit", "read_text",
    "recoveries", "release_line", "releases_between", "release_pdf", "render_article", "restore", "revision_doc", "revisions", "same_content",
    "new_doc", "save", "save_glossary", "status_label", "template_doc", "transition", "whatsapp_text",
    "KIND_LABELS", "STATUS_LABELS", "ScheduledArticle", "embargoes", "planned_releases",
]
