"""``python -m bench [AREA ...] [--scale small|full]``: run benchmarks, print the table.

Each ``bench/bench_<area>.py`` defines ``run(table, scale, workdir)``.
``--scale full`` uses the sizes the issues name (100,000 articles, 50,000
contacts, 20,000 photos …); ``small`` is a quick smoke run.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import tempfile
from pathlib import Path

from bench.runner import Table


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("areas", nargs="*", help="areas to run (default: all)")
    parser.add_argument("--scale", choices=["small", "full"], default="small")
    parser.add_argument("--workdir", help="keep generated libraries here (reused between runs)")
    args = parser.parse_args()
    names = sorted(
        m.name[len("bench_"):] for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_")
    )
    chosen = args.areas or names
    table = Table()
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="warta-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    for name in chosen:
        importlib.import_module(f"bench.bench_{name}").run(table, args.scale, workdir)
    print(table.render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
