"""A technician learning twice from the same samples gets the same profile:
the words of a date a learnt layout takes as any of their kind (a month's,
a day's) come in one order whatever the interpreter's hash seed (a set's
order changes with it, and with it the profile's text, though not what it
matches)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# the layout learnt from two samples' date lines, printed by a fresh interpreter
_LEARN = """
from agent.sale.receipt_learn_layout import shapes
lines = ["Mon 07 Dec 2026 12:31 PM", "Tue 08 Dec 2026 12:40 PM"]
print(shapes([(line, "", 0, k) for k, line in enumerate(lines)]))
"""


def _learnt_under(hash_seed: str) -> str:
    done = subprocess.run([sys.executable, "-c", _LEARN], cwd=ROOT, capture_output=True,
                          text=True, check=True, env={"PYTHONHASHSEED": hash_seed,
                                                      "PYTHONPATH": str(ROOT)})
    return done.stdout


def test_a_layout_learnt_from_the_same_samples_is_the_same_under_any_hash_seed():
    learnt = {_learnt_under(seed) for seed in ("1", "2")}
    assert len(learnt) == 1
    (pattern,) = learnt
    # the day's and the month's words: the longest first, then alphabetical
    assert "(?i:wednesday|saturday|thursday|tuesday|friday|monday|sunday|fri|mon|sat|" \
           "sun|thu|tue|wed)" in pattern
    assert "(?i:september|december|february|november|january|october|august|april|" \
           "march|july|june|apr|aug|dec|feb|jan|jul|jun|mar|may|nov|oct|sep)" in pattern
