"""Data safety: Backup now and restore of a demo library, beside a plain ZIP of the same folder.

``full``: a demo library with 2,000 photos (built once into the workdir and
reused); ``small``: 200. The baseline is ``zipfile`` storing the same files
(no snapshot, no hashes, no verification) and ``extractall`` for restore,
measured in the same run. Sizes are printed beside the times.
"""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from pathlib import Path

from bench.runner import Table, measure

SIZES = {"small": 200, "full": 2_000}


def _library(workdir: Path, photos: int) -> Path:
    from desktop import demo
    from desktop.library import Library

    path = workdir / f"safety-lib-{photos}"
    marker = path / ".bench-complete"
    if marker.exists():
        return path
    shutil.rmtree(path, ignore_errors=True)
    lib = Library.open(path)
    try:
        demo.generate(lib, {"articles": 200, "contacts": 300, "photos": photos})
    finally:
        lib.close()
    marker.write_text("ok")
    return path


def _plain_zip(library: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
        zf.write(library / "warta.db", "warta.db")
        for folder in ("photos", "files", "thumbnails", "exports", "quarantine"):
            for dirpath, _dirs, names in os.walk(library / folder):
                for name in names:
                    full = Path(dirpath) / name
                    zf.write(full, full.relative_to(library).as_posix())


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def run(table: Table, scale: str, workdir: Path) -> None:
    from desktop.library import Library
    from desktop.safety import backup, restore

    photos = SIZES[scale]
    repeat = 3
    lib_path = _library(workdir, photos)
    out = workdir / "safety-out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    lib = Library.open(lib_path)
    made: list[Path] = []
    try:
        def do_backup() -> None:
            result = backup.export_backup(lib, out)
            made.append(result.path)

        samples = measure(do_backup, repeat=repeat, warmup=0)
        plain = out / "plain.zip"
        base = measure(lambda: _plain_zip(lib_path, plain), repeat=repeat, warmup=0)
        size, plain_size = made[-1].stat().st_size, plain.stat().st_size
        library_size = lib.size_bytes()
    finally:
        lib.close()
    table.add(
        f"backup now, {photos} photos ({_mb(size)} file)",
        samples,
        baseline=f"zipfile store of the folder ({_mb(plain_size)})",
        baseline_samples=base,
        target="< 4× (adds snapshot, SHA-256, fsync, re-read to verify)",
    )

    counter = iter(range(10_000))

    def do_restore() -> None:
        target = out / f"restored-{next(counter)}"
        restore.restore(made[-1], target)
        shutil.rmtree(target)

    def bare_extract() -> None:
        target = out / f"extracted-{next(counter)}"
        with zipfile.ZipFile(plain) as zf:
            zf.extractall(target)
        shutil.rmtree(target)

    samples = measure(do_restore, repeat=repeat, warmup=0)
    base = measure(bare_extract, repeat=repeat, warmup=0)
    table.add(
        f"restore, {photos} photos (library {_mb(library_size)})",
        samples,
        baseline="zipfile extractall",
        baseline_samples=base,
        target="< 3× (adds SHA-256 of every file, integrity check, open)",
    )
    print(
        f"safety sizes: library {_mb(library_size)}, .wartabackup {_mb(size)}, plain zip {_mb(plain_size)}",
        file=sys.stderr,
    )
    shutil.rmtree(out, ignore_errors=True)
