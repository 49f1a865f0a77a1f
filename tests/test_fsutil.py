"""Atomic writes: all or nothing, and ordinary permissions for files meant to be shared."""

from __future__ import annotations

import os
import stat

import pytest

from desktop import fsutil


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "rilis.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with fsutil.atomic_write(target) as fh:
            fh.write(b"half")
            raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["rilis.pdf"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_exports_get_ordinary_permissions_and_private_files_stay_private(tmp_path):
    fsutil.atomic_write_bytes(tmp_path / "kit.pdf", b"%PDF")
    assert stat.S_IMODE((tmp_path / "kit.pdf").stat().st_mode) == fsutil._default_mode()
    with fsutil.atomic_write(tmp_path / "x.wartabackup", private=True) as fh:
        fh.write(b"zip")
    assert stat.S_IMODE((tmp_path / "x.wartabackup").stat().st_mode) == 0o600
