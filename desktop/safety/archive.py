"""The ``.wartabackup`` format: a ZIP with the database, the managed files and a manifest.

Layout of the archive::

    photos/…  files/…  …      managed files, same relative paths as in the library
    warta.db                  consistent snapshot (SQLite online backup), locks cleared
    manifest.json             written last: format, version, library id, schema,
                              and for every other member its size and SHA-256

Restoring trusts nothing in the archive: every member name is checked
(:func:`check_member_name`), the manifest must describe exactly the members
present, and every byte is re-hashed before a library folder appears.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from desktop.errors import WartaError
from desktop.i18n import _
from desktop.jobs import Progress

SUFFIX = ".wartabackup"
FORMAT = "warta-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "warta.db"
# Managed folders a backup carries. "renditions" are resized copies made on
# demand from the originals (exports, press kits): regenerable and the
# largest derived data, so they stay out unless asked for. Thumbnails are
# small (a few % of the originals) and make a restored library usable at once
# instead of re-reading thousands of originals, so they go in. "keys" holds
# the office's signing key for exchange bundles: a restore that made a new one
# would make every partner office check a new fingerprint by phone.
FOLDERS = ("photos", "files", "thumbnails", "exports", "quarantine", "keys")
OPTIONAL_FOLDERS = ("renditions",)
CHUNK = 1 << 20
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 2_000_000
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
# Already-compressed formats are stored as they are; deflating them costs
# time and saves nothing.
STORED_SUFFIXES = frozenset(
    ".jpg .jpeg .png .gif .webp .heic .heif .avif .mp4 .mov .zip .docx .xlsx .pptx .odt .gz .mp3 .m4a".split()
)


class BackupError(WartaError):
    """A backup cannot be written, read or trusted."""


@dataclass
class Entry:
    path: str
    size: int
    sha256: str


def compress_type(name: str) -> int:
    suffix = PurePosixPath(name).suffix.lower()
    return zipfile.ZIP_STORED if suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED


def check_member_name(name: str, *, source: str) -> str:
    """Return ``name`` if it is a plain relative path Warta writes; else raise.

    Refuses absolute paths, ``..``, backslashes, drive letters, empty or
    dotted components and anything outside the folders a backup carries.
    """
    if (
        not name
        or len(name) > 1000
        or "\x00" in name
        or "\\" in name
        or name.startswith("/")
        or (len(name) > 1 and name[1] == ":")
    ):
        raise _unsafe(source, name)
    parts = name.split("/")
    if "" in parts or "." in parts or ".." in parts:
        raise _unsafe(source, name)
    if len(parts) == 1:
        if name not in (DATABASE, MANIFEST):
            raise _unsafe(source, name)
    elif parts[0] not in FOLDERS and parts[0] not in OPTIONAL_FOLDERS:
        raise _unsafe(source, name)
    return name


def _unsafe(source: str, name: str) -> BackupError:
    return BackupError(
        _("The backup {file} contains an unsafe or unexpected path '{name}'; it was not restored.").format(
            file=source, name=name[:200]
        )
    )


def check_members(zf: zipfile.ZipFile, *, source: str) -> dict[str, zipfile.ZipInfo]:
    """Validate the archive's members (names, types, duplicates); map name → info."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise BackupError(_("The backup {file} holds too many entries to be a Warta backup.").format(file=source))
    members: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    for info in infos:
        name = info.filename
        check_member_name(name, source=source)
        mode = info.external_attr >> 16
        if info.is_dir() or (mode and not stat.S_ISREG(mode)):
            raise BackupError(
                _("The backup {file} contains '{name}', which is not a plain file (a link or folder); it was not restored.").format(
                    file=source, name=name[:200]
                )
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BackupError(
                _("The backup {file} uses a compression Warta does not write; it was not restored.").format(file=source)
            )
        if info.flag_bits & 0x1:
            raise BackupError(_("The backup {file} is encrypted; Warta backups never are.").format(file=source))
        key = name.casefold()
        if name in members or key in folded:
            raise BackupError(
                _("The backup {file} contains '{name}' twice; it was not restored.").format(file=source, name=name[:200])
            )
        members[name] = info
        folded.add(key)
    return members


def read_manifest(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], *, source: str) -> dict:
    """Parse and validate the manifest against the members actually present."""
    damaged = _("The backup {file} is damaged or not a Warta backup ({reason}).")
    info = members.get(MANIFEST)
    if info is None:
        raise BackupError(damaged.format(file=source, reason=_("no manifest")))
    if info.file_size > MAX_MANIFEST_BYTES:
        raise BackupError(damaged.format(file=source, reason=_("manifest too large")))
    try:
        with zf.open(info) as fh:
            raw = fh.read(MAX_MANIFEST_BYTES + 1)
        manifest = json.loads(raw.decode("utf-8"))
    except (
        zipfile.BadZipFile, zlib.error, UnicodeDecodeError, ValueError, OSError, EOFError, RuntimeError, NotImplementedError
    ) as exc:
        # zlib.error (a broken deflate stream) is not an OSError.
        raise BackupError(damaged.format(file=source, reason=_("unreadable manifest"))) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(damaged.format(file=source, reason=_("unknown format")))
    version = manifest.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise BackupError(
            _("The backup {file} was made by a newer version of Warta; update Warta to restore it.").format(file=source)
        )
    files = manifest.get("files")
    if not isinstance(files, list):
        raise BackupError(damaged.format(file=source, reason=_("manifest without a file list")))
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in files:
        if not isinstance(item, dict):
            raise BackupError(damaged.format(file=source, reason=_("malformed manifest entry")))
        path, size, digest = item.get("path"), item.get("size"), item.get("sha256")
        if (
            not isinstance(path, str)
            or not isinstance(size, int)
            or isinstance(size, bool)
            or size < 0
            or not isinstance(digest, str)
            or not _HEX64.match(digest)
        ):
            raise BackupError(damaged.format(file=source, reason=_("malformed manifest entry")))
        check_member_name(path, source=source)
        if path in seen or path == MANIFEST:
            raise BackupError(damaged.format(file=source, reason=_("manifest lists a file twice")))
        seen.add(path)
        entries.append(Entry(path, size, digest))
    present = set(members) - {MANIFEST}
    if present != seen:
        extra = sorted(present - seen)[:3]
        missing = sorted(seen - present)[:3]
        raise BackupError(
            damaged.format(
                file=source,
                reason=_("manifest does not match the contents: missing {missing}, unlisted {extra}").format(
                    missing=", ".join(missing) or "-", extra=", ".join(extra) or "-"
                ),
            )
        )
    if DATABASE not in seen:
        raise BackupError(damaged.format(file=source, reason=_("no database")))
    for entry in entries:
        if members[entry.path].file_size != entry.size:
            raise BackupError(
                damaged.format(
                    file=source, reason=_("size of {name} differs from the manifest").format(name=entry.path)
                )
            )
    manifest["entries"] = entries
    return manifest


def copy_member(
    zf: zipfile.ZipFile, entry: Entry, out: BinaryIO | None, *, source: str, progress: Progress | None = None
) -> None:
    """Stream one member (into ``out``, or nowhere to just verify), checking size and hash.

    Reads at most one byte more than declared, so a member that inflates
    beyond its declared size (a zip bomb) stops at once.
    """
    digest = hashlib.sha256()
    total = 0
    try:
        with zf.open(entry.path) as fh:
            while True:
                block = fh.read(min(CHUNK, entry.size - total + 1))
                if not block:
                    break
                total += len(block)
                if total > entry.size:
                    break
                digest.update(block)
                if out is not None:
                    out.write(block)
                if progress is not None:
                    progress.check()
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as exc:
        # zipfile raises BadZipFile on a CRC mismatch, zlib.error on a broken stream.
        raise BackupError(
            _("The backup {file} is damaged: {name} cannot be read ({error}).").format(
                file=source, name=entry.path, error=exc
            )
        ) from exc
    if total != entry.size or digest.hexdigest() != entry.sha256:
        raise BackupError(
            _("The backup {file} is damaged: {name} does not match its recorded checksum.").format(
                file=source, name=entry.path
            )
        )


def verify(zf: zipfile.ZipFile, *, source: str, progress: Progress | None = None) -> dict:
    """Check names, manifest and every hash of an open archive; return the manifest."""
    members = check_members(zf, source=source)
    manifest = read_manifest(zf, members, source=source)
    entries: list[Entry] = manifest["entries"]
    for i, entry in enumerate(entries):
        if progress is not None:
            progress.report(i, len(entries), entry.path)
        copy_member(zf, entry, None, source=source, progress=progress)
    return manifest


def open_archive(fh_or_path, *, source: str) -> zipfile.ZipFile:  # noqa: ANN001
    try:
        return zipfile.ZipFile(fh_or_path, "r")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise BackupError(_("{file} is not a Warta backup (not a readable ZIP file).").format(file=source)) from exc


def manifest_json(manifest: dict, entries: list[Entry]) -> bytes:
    body = dict(manifest)
    body["files"] = [{"path": e.path, "size": e.size, "sha256": e.sha256} for e in entries]
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
