"""Entry point: ``warta`` and ``python -m desktop``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # Photo import uses worker processes; a frozen bundle must let them
        # start as workers instead of as another Warta.
        import multiprocessing

        multiprocessing.freeze_support()
    from desktop.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
