"""Leftovers after a crash go to quarantine (never deleted); missing files are reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from desktop.safety import sweep


def _old(path, seconds: float = 10) -> None:
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_open_sweeps_top_level_temp_files_into_quarantine(library_path):
    from desktop.library import Library

    leftover = library_path / ".warta-tmp-abc123"
    leftover.write_bytes(b"half")
    in_files = library_path / "files"
    in_files.mkdir(exist_ok=True)
    (in_files / ".warta-tmp-x").write_bytes(b"half too")
    lib = Library.open(library_path)
    try:
        assert not leftover.exists() and not (in_files / ".warta-tmp-x").exists()
        moved = sorted(p.relative_to(library_path / "quarantine").as_posix().split("/", 1)[1]
                       for p in (library_path / "quarantine").rglob("*") if p.is_file())
        assert moved == [".warta-tmp-abc123", "files/.warta-tmp-x"]
    finally:
        lib.close()


def test_check_moves_deep_leftovers_and_orphans_and_says_so(library, cli):
    deep = library.path / "photos" / "ab"
    deep.mkdir(parents=True)
    (deep / ".warta-tmp-q").write_bytes(b"partial photo")
    (deep / "orphan.jpg").write_bytes(b"no row")
    path = library.path
    library.close()  # check runs alone, as after a crash
    code, out, err = cli("check", "--library", path, "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"], out + err
    text = "\n".join(report["problems"])
    assert "photos/ab/orphan.jpg" in text and "photos/ab/.warta-tmp-q" in text
    assert not (deep / "orphan.jpg").exists()
    kept = [p.name for p in (path / "quarantine").rglob("*") if p.is_file()]
    assert sorted(kept) == [".warta-tmp-q", "orphan.jpg"]
    # A second check finds nothing more.
    code, out, _err = cli("check", "--library", path, "--json")
    assert json.loads(out)["problems"] == []


def test_recent_leftovers_of_another_running_process_are_left_alone(library):
    """A second Warta holds the library: its fresh temporary file must survive a sweep."""
    child = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from desktop.library import Library; lib = Library.open(sys.argv[1]); "
         "print('open', flush=True); time.sleep(30)", str(library.path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout.readline().strip() == "open"
        fresh = library.path / "photos" / ".warta-tmp-live"
        fresh.parent.mkdir(exist_ok=True)
        fresh.write_bytes(b"being written")
        old = library.path / "photos" / ".warta-tmp-old"
        old.write_bytes(b"from a crash long ago")
        _old(old, sweep.BUSY_MIN_AGE + 60)
        report = sweep.sweep(library)
        assert fresh.exists()
        assert not old.exists() and report.moved == ["photos/.warta-tmp-old"]
        assert report.skipped_busy == 1
    finally:
        child.kill()
        child.wait()
    # Once the other process is gone, the sweep is alone and takes everything.
    report = sweep.sweep(library)
    assert report.moved == ["photos/.warta-tmp-live"]


def test_missing_and_damaged_managed_files_are_reported(library, cli, tmp_path):
    from PIL import Image

    from desktop import office

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), "red").save(logo)
    profile = office.load(library)
    office.save(library, profile, logo_file=logo)
    rel = office.load(library).logo
    path = library.path
    library.close()
    assert json.loads(cli("check", "--library", path, "--json")[1])["ok"]
    (path / rel).write_bytes(b"tampered")
    code, out, _ = cli("check", "--library", path, "--json")
    assert code == 1 and any("damaged file" in p or "rusak" in p for p in json.loads(out)["problems"])
    (path / rel).unlink()
    code, out, _ = cli("check", "--library", path, "--json")
    problems = json.loads(out)["problems"]
    assert code == 1 and any(rel in p for p in problems)


def test_closed_library_never_closes_a_file_descriptor_reused_by_others(library_path):
    """The session lock file is closed once; a later garbage collection must not close a reused number."""
    import gc

    from desktop.library import Library

    lib = Library.open(library_path)
    fd = lib._safety_session
    assert fd is not None
    lib.close()
    opened = []
    while True:  # get the freed number back for an unrelated file
        n = os.open(os.devnull, os.O_RDONLY)
        opened.append(n)
        if n == fd or len(opened) > 200:
            break
    try:
        del lib
        gc.collect()
        for n in opened:
            os.fstat(n)  # still open: nobody closed it behind our back
    finally:
        for n in opened:
            os.close(n)
