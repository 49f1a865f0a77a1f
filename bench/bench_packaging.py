"""Packaging: cold start of the frozen bundle against the same command from source.

``small`` measures an existing bundle (``WARTA_BUNDLE`` = the folder holding
``warta``, default ``dist/Warta`` from ``packaging/build.sh``) and skips when
there is none; ``full`` first builds the bundle into the work folder with the
spec and also reports the build time and the bundle size.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.runner import Table, measure_process

ROOT = Path(__file__).resolve().parent.parent


def _build(workdir: Path) -> tuple[Path, float]:
    dist = workdir / "packaging-dist"
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(workdir / "packaging-build"),
         str(ROOT / "packaging" / "warta.spec")],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    return dist / "Warta", time.perf_counter() - t0


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def run(table: Table, scale: str, workdir: Path) -> None:
    if scale == "full":
        bundle, seconds = _build(workdir)
        table.add("packaging: PyInstaller build (one-folder)", [seconds], target="a few minutes on 2 cores")
    else:
        bundle = Path(os.environ.get("WARTA_BUNDLE", ROOT / "dist" / "Warta"))
    exe = bundle / "warta"
    if not exe.is_file():
        print(f"bench_packaging: no bundle at {bundle}; run packaging/build.sh or --scale full", file=sys.stderr)
        return
    print(f"bench_packaging: bundle {bundle} is {_size_mb(bundle):.0f} MB", file=sys.stderr)

    env = dict(os.environ, WARTA_CONFIG_DIR=str(workdir / "packaging-config"))
    repeat = 11 if scale == "full" else 7
    source = [sys.executable, "-m", "desktop"]
    table.add(
        "packaging: frozen `warta --version` (cold start)",
        measure_process([str(exe), "--version"], repeat=repeat, env=env),
        baseline="python -m desktop --version",
        baseline_samples=measure_process(source + ["--version"], repeat=repeat, env=env),
        target="< 0.5 s",
    )
    library = workdir / "packaging-library"
    measure_process([str(exe), "info", "--library", str(library), "--json"], repeat=1, env=env)  # create + migrate
    table.add(
        "packaging: frozen `warta info --json` (existing library)",
        measure_process([str(exe), "info", "--library", str(library), "--json"], repeat=repeat, env=env),
        baseline="python -m desktop info --json",
        baseline_samples=measure_process(source + ["info", "--library", str(library), "--json"], repeat=repeat, env=env),
        target="within 1.2x of source",
    )
