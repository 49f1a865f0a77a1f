"""Cold starts: ``warta --version``, ``warta info``, the main window on an empty and a large library."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.runner import Table, measure_process

SCALES = {
    "small": {"articles": 2_000, "contacts": 1_000, "photos": 100},
    "full": {"articles": 100_000, "contacts": 20_000, "photos": 2_000},
}


def _warta() -> list[str]:
    exe = shutil.which("warta", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "desktop"]


def _prepare(workdir: Path, scale: str) -> tuple[Path, Path]:
    env = {**os.environ, "WARTA_CONFIG_DIR": str(workdir / "config")}
    empty = workdir / "startup-empty"
    if not empty.exists():
        subprocess.run(_warta() + ["demo", "--library", str(empty), "--articles", "0", "--contacts", "0", "--photos", "0"], check=True, env=env, stdout=subprocess.DEVNULL)
    big = workdir / f"startup-{scale}"
    if not big.exists():
        sizes = SCALES[scale]
        print(f"generating demo library {big} {sizes} …", file=sys.stderr)
        subprocess.run(
            _warta() + ["demo", "--library", str(big)] + [f"--{k}={v}" for k, v in sizes.items()],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    return empty, big


def run(table: Table, scale: str, workdir: Path) -> None:
    env = {**os.environ, "WARTA_CONFIG_DIR": str(workdir / "config"), "QT_QPA_PLATFORM": "offscreen"}
    repeat = 7 if scale == "full" else 5
    empty, big = _prepare(workdir, scale)
    py = sys.executable
    bare_py = measure_process([py, "-c", "pass"], repeat=repeat, env=env)
    table.add("warta --version (cold)", measure_process(_warta() + ["--version"], repeat=repeat, env=env),
              baseline="python -c pass", baseline_samples=bare_py, target="< 0.2 s")
    # On these machines importing SQLAlchemy's ORM alone takes ~0.45 s, so
    # the 0.5 s target is judged against that floor measured in the same run.
    bare_sa = measure_process([py, "-c", "import sqlalchemy.orm"], repeat=repeat, env=env)
    table.add("warta info (empty library)", measure_process(_warta() + ["info", "--library", str(empty)], repeat=repeat, env=env),
              baseline="python -c 'import sqlalchemy.orm'", baseline_samples=bare_sa, target="< 0.5 s")
    bare = measure_process([py, "-m", "bench.startup_probe", "--bare"], repeat=repeat, env=env)
    table.add("bare PySide6 window + import sqlalchemy.orm", bare)
    table.add("main window shown, empty library",
              measure_process([py, "-m", "bench.startup_probe", str(empty)], repeat=repeat, env=env),
              baseline="bare window + sqlalchemy.orm", baseline_samples=bare, target="≤ 1.5×")
    sizes = SCALES[scale]
    table.add(f"main window shown, demo library ({sizes['articles']:,} articles)",
              measure_process([py, "-m", "bench.startup_probe", str(big)], repeat=repeat, env=env),
              baseline="bare window + sqlalchemy.orm", baseline_samples=bare, target="≤ 1.5×, = empty")
