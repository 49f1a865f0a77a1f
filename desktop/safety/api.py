"""What the rest of Warta may use of data safety (the window, the CLI, other areas).

Everything outside ``desktop/safety/`` imports this module only: backups
and restore, the leftover-file sweep, and edit locks (safety owns the lock
table; an area marking locks in its own rows does so in its ``api``).
"""

from __future__ import annotations

from desktop.safety.archive import SUFFIX as BACKUP_SUFFIX
# The bounded, hash-checked member read and the compression choice, also used by exchange bundles.
from desktop.safety.archive import Entry as ArchiveEntry
from desktop.safety.archive import compress_type, copy_member
from desktop.safety.backup import (
    REMIND_AFTER_DAYS,
    auto_backup,
    auto_backup_if_due,
    auto_backups,
    export_backup,
    integrity_problems,
    restore_hint,
    last_external_backup,
)
from desktop.safety.locks import HEARTBEAT_SECONDS, Lock, LockedBy, acquire, heartbeat, holder_of, release
from desktop.safety.errors import explain as explain_storage_error
from desktop.safety.restore import PasswordNeeded, is_protected, restore, restore_snapshot
from desktop.safety.sweep import on_open, release_session, scan

__all__ = [
    "ArchiveEntry", "compress_type", "copy_member",
    "BACKUP_SUFFIX", "HEARTBEAT_SECONDS", "PasswordNeeded", "is_protected", "REMIND_AFTER_DAYS", "Lock", "LockedBy",
    "acquire", "auto_backup", "explain_storage_error", "auto_backup_if_due", "auto_backups", "export_backup", "heartbeat", "integrity_problems", "restore_hint", "holder_of",
    "last_external_backup", "on_open", "release", "release_session", "restore", "restore_snapshot", "scan",
]
