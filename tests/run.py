"""Run the whole suite on both engines: SQLite, then PostgreSQL (shared-office mode).

``python tests/run.py [pytest options]`` — what the README's test command and
CI run. Each engine is a pytest run of its own (``WARTA_TEST_ENGINE``); the
PostgreSQL run starts a throw-away server from the installed ``postgresql``
binaries (or uses ``WARTA_TEST_PG_URL``). The exit code is non-zero if either
run failed, and the last line adds both runs up.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("sqlite", "postgresql")
_COUNT = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)")


def main(argv: list[str]) -> int:
    engines = [e for e in os.environ.get("WARTA_TEST_ENGINES", ",".join(ENGINES)).split(",") if e]
    totals: dict[str, int] = {}
    worst = 0
    for engine in engines:
        print(f"\n=== Warta tests on {engine} ===", flush=True)
        env = {**os.environ, "WARTA_TEST_ENGINE": engine}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        proc = subprocess.Popen([sys.executable, "-m", "pytest", *argv], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        last = ""
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            if _COUNT.search(line) and re.search(r" in [\d.]+s", line):  # pytest's closing line
                last = line
        code = proc.wait()
        for number, word in _COUNT.findall(last):
            key = "failed" if word.startswith("error") else word
            totals[key] = totals.get(key, 0) + int(number)
        if code == 5:  # pytest: no tests collected — a run that tested nothing has failed
            code = 1
        worst = max(worst, code)
    summary = f"{totals.get('passed', 0)} passed, {totals.get('failed', 0)} failed"
    if totals.get("skipped"):
        summary += f", {totals['skipped']} skipped"
    print(f"\ntotal: {summary}", flush=True)
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
