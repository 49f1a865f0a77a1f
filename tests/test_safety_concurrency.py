"""Two processes writing the same library: every write lands, none fails, nothing is corrupted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

WRITER = """
import sys
from desktop import staff
from desktop.library import Library
lib = Library.open(sys.argv[1])
tag = sys.argv[2]
for i in range(40):
    staff.create(lib, staff.StaffInput(name=f"{tag} {i:03d}", position="p" * 100))
lib.close()
print("ok")
"""


@pytest.mark.slow
def test_two_processes_write_at_once(library_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(library_path), tag], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=env)
        for tag in ("A", "B")
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0 and out.strip() == "ok", err[-2000:]
    from desktop import staff
    from desktop.check import run_checks
    from desktop.library import Library

    lib = Library.open(library_path)
    try:
        names = {s.name for s in staff.list_staff(lib)}
        assert {f"{t} {i:03d}" for t in "AB" for i in range(40)} <= names
        assert [p for p in run_checks(lib) if "repaired" not in p and "diperbaiki" not in p] == []
    finally:
        lib.close()


def test_window_and_command_lock_the_same_article(library_path):
    """An edit lock taken in one process is seen, with who and since when, in another."""
    from desktop import staff
    from desktop.library import Library
    from desktop.safety import locks

    lib = Library.open(library_path)
    try:
        me = staff.list_staff(lib)[0].id
        mine = locks.acquire(lib, "article", 42, me)
        assert isinstance(mine, locks.Lock)
        code = (
            "import sys; from desktop.library import Library; from desktop.safety import locks; "
            "lib = Library.open(sys.argv[1]); got = locks.acquire(lib, 'article', 42, None); "
            "print(type(got).__name__, getattr(got, 'staff_name', ''))"
        )
        out = subprocess.run([sys.executable, "-c", code, str(library_path)], capture_output=True, text=True,
                             env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
        assert out.stdout.strip() == "LockedBy Admin Uji", out.stderr[-2000:]
        locks.release(lib, mine)
    finally:
        lib.close()
