"""The bundle file: a ZIP with a signed manifest (see ``docs/exchange-format.md``).

Reading trusts nothing until it is proven, in this order: the file's size,
the central directory (member count, names, types, sizes, compression ratio),
the manifest's format and version, its Ed25519 signature, the key being one
this office trusts, and every member's size and SHA-256. Only then is the
content parsed. Every refusal is an :class:`ExchangeError` with a sentence.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import stat
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.errors import WartaError, os_reason
from desktop.exchange.keys import ExchangeError, OfficeKey, is_public_hex, office_uid, sign, verify
from desktop.i18n import _

SUFFIX = ".wartabundle"
FORMAT = "warta-exchange"
FORMAT_VERSION = 1
KINDS = ("style-pack", "report")
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
CONTENT = "content.json"
PHOTO_FOLDER = "photos"

# Bounds from the central directory, checked before a byte is inflated.
MAX_BUNDLE_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
# Text deflates ~10:1 and JPEGs not at all; 100:1 on anything over 1 MiB is a bomb.
MAX_RATIO = 100
RATIO_FLOOR = 1024 * 1024


@dataclass
class Bundle:
    """A verified bundle: its manifest, parsed content and member bytes (photos)."""

    source: str
    manifest: dict
    content: dict
    files: dict[str, bytes] = field(default_factory=dict)
    sha256: str = ""

    @property
    def kind(self) -> str:
        return self.manifest["kind"]

    @property
    def bundle_uid(self) -> str:
        return self.manifest["bundle_id"]

    @property
    def sequence(self) -> int:
        return self.manifest["sequence"]

    @property
    def office(self) -> dict:
        return self.manifest["office"]

    @property
    def created(self) -> dt.datetime:
        return parse_time(self.manifest["created"])

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        period = self.manifest.get("period") or {}
        return _date(period.get("from")), _date(period.get("to"))


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def parse_time(value: str) -> dt.datetime:
    """A manifest time (``2026-12-03T18:00:00Z``) as the naive UTC datetime Warta stores."""
    stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return stamp


# -- writing ----------------------------------------------------------------------------


def write(
    library,  # noqa: ANN001
    target: Path,
    *,
    kind: str,
    key: OfficeKey,
    sequence: int,
    content: dict,
    files: dict[str, bytes],
    period: tuple[dt.date, dt.date] | None = None,
) -> dict:
    """Write a signed bundle to ``target`` (atomically); return its manifest."""
    from desktop import __version__
    from desktop.fsutil import atomic_write
    from desktop.safety import api as safety

    members = {CONTENT: json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")}
    members.update(files)
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bundle_id": str(uuid.uuid4()),
        "kind": kind,
        "office": {"id": key.office_uid, "name": key.name, "public_key": key.public_key},
        "sequence": sequence,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "period": {"from": period[0].isoformat(), "to": period[1].isoformat()} if period else None,
        "app": f"Warta {__version__}",
        "files": [
            {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(members.items())
        ],
    }
    raw = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    signature = base64.b64encode(sign(library, raw)) + b"\n"
    with atomic_write(target) as fh, zipfile.ZipFile(fh, "w") as zf:
        for name, data in [(MANIFEST, raw), (SIGNATURE, signature), *sorted(members.items())]:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, data, safety.compress_type(name))
    return manifest


# -- reading ----------------------------------------------------------------------------


def refuse(source: str, reason: str) -> ExchangeError:
    return ExchangeError(
        _("The bundle {file} was refused: {reason} Nothing was changed.").format(file=source, reason=reason)
    )


def _check_name(name: str, source: str) -> None:
    """A plain relative member name of the layout: no traversal, absolute path, drive or odd character."""
    parts = name.split("/")
    if (
        not name
        or len(name) > 200
        or "\x00" in name
        or "\\" in name
        or name.startswith("/")
        or (len(name) > 1 and name[1] == ":")
        or "" in parts
        or "." in parts
        or ".." in parts
        or not (
            name in (MANIFEST, SIGNATURE, CONTENT)
            or (len(parts) == 2 and parts[0] == PHOTO_FOLDER and parts[1].lower().endswith(".jpg"))
        )
    ):
        raise refuse(source, _("it contains an unsafe or unexpected path '{name}'.").format(name=name[:200]))


def _check_directory(zf: zipfile.ZipFile, source: str) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refuse(source, _("it holds more than {limit} files.").format(limit=MAX_MEMBERS))
    members: dict[str, zipfile.ZipInfo] = {}
    folded: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        _check_name(name, source)
        mode = info.external_attr >> 16
        # Some zip writers record permissions without a file type; only a stated link or device is refused.
        if info.is_dir() or (stat.S_IFMT(mode) and not stat.S_ISREG(mode)):
            raise refuse(source, _("'{name}' is not a plain file (a link or folder).").format(name=name))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1:
            raise refuse(source, _("'{name}' is encrypted or uses a compression Warta does not write.").format(name=name))
        if name in members or name.casefold() in folded:
            raise refuse(source, _("it contains '{name}' twice.").format(name=name))
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES or (
            info.file_size > RATIO_FLOOR and ratio > MAX_RATIO
        ):
            raise refuse(source, _("it would unpack to far more than it holds (a zip bomb)."))
        members[name] = info
        folded.add(name.casefold())
    return members


def _manifest(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], source: str) -> tuple[dict, bytes, bytes]:
    if SIGNATURE not in members:
        raise refuse(source, _("it is not signed."))
    if MANIFEST not in members:
        raise refuse(source, _("it has no manifest; it is not a Warta bundle."))
    if members[MANIFEST].file_size > MAX_MANIFEST_BYTES or members[SIGNATURE].file_size > 200:
        raise refuse(source, _("its manifest or signature is too large."))
    try:
        raw = zf.read(MANIFEST)
        signature = base64.b64decode(zf.read(SIGNATURE).strip(), validate=True)
        manifest = json.loads(raw.decode("utf-8"))
    except (zipfile.BadZipFile, zlib.error, UnicodeDecodeError, ValueError, OSError, EOFError, RuntimeError) as exc:
        raise refuse(source, _("its manifest or signature cannot be read.")) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse(source, _("it is not a Warta exchange bundle."))
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version != FORMAT_VERSION:
        if isinstance(version, int) and version > FORMAT_VERSION:
            raise refuse(source, _("it was made by a newer Warta (format {version}); update Warta to read it.").format(
                version=version))
        raise refuse(source, _("its format version {version} is not one this Warta reads.").format(version=str(version)[:20]))
    return manifest, raw, signature


def _check_fields(manifest: dict, source: str) -> None:
    office = manifest.get("office")
    sequence = manifest.get("sequence")
    bad = (
        manifest.get("kind") not in KINDS
        or not isinstance(office, dict)
        or not is_public_hex(office.get("public_key"))
        or not isinstance(office.get("id"), str)
        or not isinstance(office.get("name"), str)
        or not isinstance(sequence, int)
        or isinstance(sequence, bool)
        or not 0 < sequence < 2**31
        or not isinstance(manifest.get("bundle_id"), str)
        or not isinstance(manifest.get("files"), list)
    )
    if not bad and office["id"] != office_uid(office["public_key"]):
        bad = True  # the office id is derived from its key; another one is a forgery
    if not bad:
        try:
            uuid.UUID(manifest["bundle_id"])
            parse_time(str(manifest.get("created")))
        except ValueError:
            bad = True
    if bad:
        raise refuse(source, _("its manifest is incomplete or malformed."))


def read(path: Path | str, trusted, progress=None) -> Bundle:  # noqa: ANN001 - trusted: public hex -> office or None
    """Open and verify a bundle. ``trusted(public_hex)`` answers whether this office trusts the key
    (it raises the refusal itself so that it can name the office and fingerprint)."""
    from desktop.safety import api as safety

    path = Path(path)
    source = path.name
    try:
        st = path.stat()
    except OSError as exc:
        raise ExchangeError(_("Cannot read {file}: {error}").format(file=path, error=os_reason(exc))) from exc
    if not stat.S_ISREG(st.st_mode):
        raise refuse(source, _("it is not an ordinary file."))
    if st.st_size > MAX_BUNDLE_BYTES:
        raise refuse(source, _("it is larger than {limit} MB.").format(limit=MAX_BUNDLE_BYTES // 1024 // 1024))
    data = path.read_bytes()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise refuse(source, _("it is not a readable ZIP file.")) from exc
    with zf:
        members = _check_directory(zf, source)
        manifest, raw, signature = _manifest(zf, members, source)
        _check_fields(manifest, source)
        public = manifest["office"]["public_key"]
        if not verify(public, signature, raw):
            raise refuse(source, _("its signature does not match its manifest (it was changed or wrongly signed)."))
        trusted(public, manifest)
        entries = []
        seen = set()
        for item in manifest["files"]:
            if not isinstance(item, dict):
                raise refuse(source, _("its manifest is incomplete or malformed."))
            name, size, digest = item.get("path"), item.get("size"), item.get("sha256")
            if not isinstance(name, str) or not isinstance(size, int) or not isinstance(digest, str) or name in seen:
                raise refuse(source, _("its manifest is incomplete or malformed."))
            _check_name(name, source)
            seen.add(name)
            entries.append(safety.ArchiveEntry(name, size, digest))
        if seen != set(members) - {MANIFEST, SIGNATURE} or CONTENT not in seen:
            raise refuse(source, _("its files are not the ones its manifest lists."))
        files: dict[str, bytes] = {}
        for i, entry in enumerate(entries):
            if progress is not None:
                progress.report(i, len(entries), entry.path)
            if members[entry.path].file_size != entry.size:
                raise refuse(source, _("{name} was changed after the bundle was signed.").format(name=entry.path))
            out = io.BytesIO()
            try:
                safety.copy_member(zf, entry, out, source=source, progress=progress)
            except WartaError as exc:  # the backup reader's sentence speaks of a backup
                raise refuse(source, _("{name} was changed after the bundle was signed.").format(name=entry.path)) from exc
            files[entry.path] = out.getvalue()
    try:
        content = json.loads(files.pop(CONTENT).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise refuse(source, _("its content cannot be read.")) from exc
    if not isinstance(content, dict):
        raise refuse(source, _("its content cannot be read."))
    return Bundle(source, manifest, content, files, hashlib.sha256(data).hexdigest())
