"""Guard: files the user keeps are written only through desktop.fsutil (temporary name, fsync, rename)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Plain writes that are fine: the atomic writer itself, restore (it writes into a
# hidden staging folder renamed as a whole), the empty session lock file,
# developer screenshots.
ALLOWED = {"desktop/fsutil.py", "desktop/safety/restore.py", "desktop/safety/sweep.py", "desktop/ui/screenshots.py"}
PLAIN_WRITE = re.compile(
    r"\.write_bytes\(|\.write_text\(|(?<![\w.])open\([^)\n]*['\"][wax]b?\+?['\"]|os\.open\([^)\n]*O_(WRONLY|RDWR)|shutil\.copy(file|2)?\("
)


def test_no_plain_file_writes_outside_the_atomic_writer():
    offenders = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if PLAIN_WRITE.search(line) and "atomic" not in line:
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert not offenders, "write through desktop.fsutil.atomic_write/atomic_copy instead:\n" + "\n".join(offenders)
