"""Benchmark table: medians, ranges and ratios to a baseline measured in the same run.

The machines are shared and noisy, so every figure is a median of several
runs and is reported next to a baseline (a bare equivalent) measured in the
same process run; the ratio is what to compare across machines.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Callable


def measure(fn: Callable[[], object], *, repeat: int = 5, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def measure_process(argv: list[str], *, repeat: int = 5, env: dict | None = None) -> list[float]:
    """Wall time of a fresh process (cold start), ``repeat`` times."""
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - t0)
    return samples


@dataclass
class Row:
    operation: str
    samples: list[float]
    baseline: str = ""
    baseline_samples: list[float] | None = None
    target: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def ratio(self) -> float | None:
        if not self.baseline_samples:
            return None
        return self.median / statistics.median(self.baseline_samples)


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)

    def add(
        self,
        operation: str,
        samples: list[float],
        *,
        baseline: str = "",
        baseline_samples: list[float] | None = None,
        target: str = "",
    ) -> Row:
        row = Row(operation, samples, baseline, baseline_samples, target)
        self.rows.append(row)
        print(format_row(row), file=sys.stderr, flush=True)
        return row

    def render(self) -> str:
        header = f"{'operation':58} {'median':>10} {'min–max':>21} {'ratio':>7}  baseline / target"
        lines = [header, "-" * len(header)]
        lines += [format_row(r) for r in self.rows]
        return "\n".join(lines)


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.2f} s"


def format_row(row: Row) -> str:
    rng = f"{_fmt(min(row.samples))}–{_fmt(max(row.samples))}"
    ratio = f"{row.ratio:.2f}×" if row.ratio is not None else ""
    base = row.baseline
    if row.baseline_samples:
        base += f" ({_fmt(statistics.median(row.baseline_samples))})"
    if row.target:
        base += f"  [target: {row.target}]"
    return f"{row.operation[:58]:58} {_fmt(row.median):>10} {rng:>21} {ratio:>7}  {base}"
