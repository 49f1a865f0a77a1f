"""What the rest of Warta may use of distribution (the window, the CLI, other areas).

Releases go to distribution lists by e-mail (SMTP through a restart-proof
outbox, or .eml files for the office's mail client) and WhatsApp
(click-to-chat links the staffer ticks); printed kits handed out are
recorded too. Every send is logged per recipient. Values crossing this
module are plain dataclasses and dicts.
"""

from __future__ import annotations

from desktop.distribution.content import MAX_MESSAGE_BYTES, WHATSAPP_LIMIT, approved_doc
from desktop.distribution.email import (
    SECURITY,
    SmtpConfig,
    SmtpError,
    load_config,
    password_for,
    save_config,
    test_connection,
)
from desktop.distribution.log import (
    CHANNEL_LABELS,
    LogEntry,
    Reach,
    ReleaseReach,
    batches_for,
    channel_label,
    count_entries,
    entries,
    for_article,
    for_kit,
    for_organization,
    for_person,
    link_coverage,
    move_person,
    reach,
    reach_between,
    record_handed_out,
    state_label,
    suggest_send,
)
from desktop.distribution.outbox import (
    Queued,
    SendResult,
    Skipped,
    batch_info,
    outbox,
    preview,
    queue_email,
    retry_failed,
    retry_uncertain,
    send_pending,
    uncertain,
    write_eml,
)
from desktop.distribution.recipients import Recipient
from desktop.distribution.whatsapp import WhatsAppBatch, batch_links, mark_sent
from desktop.distribution.whatsapp import link as whatsapp_link
from desktop.distribution.whatsapp import prepare as prepare_whatsapp

__all__ = [
    "CHANNEL_LABELS", "MAX_MESSAGE_BYTES", "SECURITY", "WHATSAPP_LIMIT",
    "LogEntry", "Queued", "Reach", "Recipient", "ReleaseReach", "SendResult", "Skipped", "SmtpConfig", "SmtpError", "WhatsAppBatch",
    "approved_doc", "batch_info", "batch_links", "batches_for", "channel_label", "count_entries", "entries", "for_article", "for_kit",
    "for_organization", "for_person", "link_coverage", "load_config", "move_person", "mark_sent", "outbox", "password_for",
    "prepare_whatsapp", "preview", "queue_email", "reach", "reach_between", "record_handed_out", "retry_failed", "retry_uncertain",
    "save_config", "send_pending", "state_label", "suggest_send", "test_connection", "uncertain", "whatsapp_link", "write_eml",
]
