"""Atomic file writing: the one way Warta writes a file the user may keep.

Every output (managed photos, PDFs, exports, backups) is written to a temporary
name beside its target, flushed to disk, then renamed over the target, so a
crash or a full disk never leaves a half-written file under the real name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import BinaryIO, Iterator

TMP_PREFIX = ".warta-tmp-"
_umask: int | None = None
# Files no export may replace: each open library's database (Library.open adds them).
PROTECTED: set[str] = set()


def protect(*paths: Path) -> None:
    PROTECTED.update(os.path.normcase(os.path.abspath(p)) for p in paths)


def unprotect(*paths: Path) -> None:
    PROTECTED.difference_update(os.path.normcase(os.path.abspath(p)) for p in paths)


def is_inside(path: Path, root: Path) -> bool:
    """True when ``path`` (links followed) is ``root`` or lies inside it."""
    try:
        return Path(path).resolve().is_relative_to(Path(root).resolve())
    except OSError:
        return False


def refuse_unsafe_target(target: Path) -> None:
    """Refuse to replace a pipe, device, socket or folder, or an open library's database.

    A rename over ``/dev/full`` (as root) would replace the device node; one
    over ``warta.db`` the library itself. Raises ``ValidationError``.
    """
    import stat

    from desktop.errors import ValidationError
    from desktop.i18n import _

    try:
        real = target.resolve()
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        from desktop.library import unusable_path_message

        raise ValidationError(unusable_path_message(target, exc)) from exc
    if mode is not None and not stat.S_ISREG(mode):
        raise ValidationError(
            _("{path} is not an ordinary file (it is a folder, pipe, device or socket); nothing was written. Choose a file name.").format(
                path=target
            )
        )
    for candidate in (target, real):
        if os.path.normcase(os.path.abspath(candidate)) in PROTECTED:
            raise ValidationError(
                _("{path} is the database of an open library; it is never overwritten. Choose another file.").format(path=target)
            )


def _default_mode() -> int:
    """Permissions a normally created file would get (mkstemp makes 0600).

    Exports and PDFs go to folders the user chose and are meant to be
    shared; files inside a library are protected by its 0700 folder.
    """
    global _umask
    if _umask is None:
        current = os.umask(0o022)
        os.umask(current)
        _umask = current
    return 0o666 & ~_umask


def fsync_dir(path: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_write(
    target: Path | str, mode: str = "wb", *, private: bool = False, prefix: str = TMP_PREFIX
) -> Iterator[BinaryIO]:
    """Yield a file object; on success it replaces ``target`` atomically.

    On any exception the temporary file is removed and ``target`` is untouched.
    ``private`` keeps the file readable by its owner only (backups).
    """
    target = Path(target)
    refuse_unsafe_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, mode) as fh:
            yield fh  # type: ignore[misc]
            fh.flush()
            os.fsync(fh.fileno())
        if not private and os.name == "posix":
            os.chmod(tmp, _default_mode())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_bytes(target: Path | str, data: bytes) -> None:
    with atomic_write(target) as fh:
        fh.write(data)


def atomic_copy(source: Path | str, target: Path | str, chunk: int = 1 << 20) -> None:
    """Copy ``source`` to ``target`` through a temporary file and a rename."""
    with open(source, "rb") as src, atomic_write(target) as dst:
        shutil.copyfileobj(src, dst, chunk)


# -- reproducible ZIP packages (.docx, .xlsx) -------------------------------------------
# Office writers stamp the moment of saving into every member's date and into
# docProps/core.xml; the same data must give the same bytes (a re-export compares
# equal, a signed bundle does not change), so the stamp becomes a stated day.

_STAMPED = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def stable_zip(data: bytes, when: dt.date) -> bytes:
    """``data`` (a ZIP package) with every member dated ``when`` and the core properties' times set to it."""
    stamp = when.strftime("%Y-%m-%dT00:00:00Z").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _STAMPED.sub(lambda m: m.group(1) + stamp + m.group(2), body)
            member = zipfile.ZipInfo(info.filename, date_time=(when.year, when.month, when.day, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            dst.writestr(member, body)
    return out.getvalue()
