"""What the reader remembers between receipts: a till prints the same lines,
minutes and markers all day, so each pure judgement of them is made once.
Every memo is bounded the same way: full, it is forgotten all at once (one
step, safe under threads; the usual entries come straight back), so a long
service or a hostile stream never grows it."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

MEMO_MAX = 2048  # entries a memo holds (~1 MB for line facts); then forgotten all at once

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def remembered(memo: dict[K, V], key: K, judge: Callable[[], V]) -> V:
    """``memo[key]``, judged once by ``judge()`` (a pure function of the key)."""
    found = memo.get(key)
    if found is None:
        if len(memo) >= MEMO_MAX:
            memo.clear()
        found = memo[key] = judge()
    return found
