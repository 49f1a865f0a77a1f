"""Is a folder on a network share? (SQLite's locks do not hold over SMB/NFS.)"""

from __future__ import annotations

import os
from pathlib import Path

NETWORK_TYPES = frozenset({
    "cifs", "smb3", "smbfs", "nfs", "nfs4", "afs", "ncpfs", "9p", "fuse.sshfs", "davfs", "fuse.davfs2",
    "fuse.rclone", "glusterfs", "ceph",
})


def _mounts(text: str) -> list[tuple[str, str]]:
    """``(mount point, fs type)`` from /proc/self/mountinfo text."""
    mounts = []
    for line in text.splitlines():
        left, sep, right = line.partition(" - ")
        if not sep:
            continue
        fields = left.split()
        if len(fields) < 5 or not right.split():
            continue
        point = fields[4].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        mounts.append((point, right.split()[0]))
    return mounts


def network_filesystem(path: Path, mountinfo: str | None = None) -> str | None:
    """The network file system type holding ``path`` ("cifs", "nfs4" …), or None when local."""
    if os.name == "nt":
        return _windows_remote(path)
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = Path(path).absolute()
    while not target.exists() and target != target.parent:
        target = target.parent
    resolved = str(target.resolve())
    best, kind = "", None
    for point, fstype in _mounts(mountinfo):
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fstype
    return kind if kind in NETWORK_TYPES else None


def _windows_remote(path: Path) -> str | None:
    text = str(Path(path).absolute())
    if text.startswith("\\\\"):
        return "SMB"
    import ctypes

    drive = os.path.splitdrive(text)[0] + "\\"
    DRIVE_REMOTE = 4
    return "SMB" if ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE else None  # type: ignore[attr-defined]
