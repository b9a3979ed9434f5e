"""Run every benchmark in tests/bench (``python -m tests.bench [NAME ...]``).

Each bench_*.py is a script that prints its own figures side by side with a
baseline measured in the same run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    wanted = set(argv)
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        name = script.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        print(f"\n=== {name} ({script.relative_to(HERE.parent.parent)}) ===", flush=True)
        failed |= subprocess.run([sys.executable, str(script)]).returncode != 0
    return int(failed)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
