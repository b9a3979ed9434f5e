"""What the reader remembers between receipts: a till prints the same lines,
minutes and markers all day, so each pure judgement of them is made once.
Every memo is bounded the same way: full, it is forgotten all at once (one
step, safe under threads; the usual entries come straight back), so a long
service or a hostile stream never grows it."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

MEMO_MAX = 2048  # entries a memo holds (~1 MB for line facts); then forgotten all at once

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
_UNJUDGED: Any = object()  # no answer remembered yet (None is an answer too)


def remembered(memo: dict[K, V], key: K, judge: Callable[..., V], *args: Any,
               most: int | None = None) -> V:
    """``memo[key]``, judged once by ``judge(*args)`` (a pure function of the
    key). The judge and its arguments are passed, not wrapped in a new
    closure: a remembered answer then costs a look-up and nothing more.
    ``most``: the entries it holds before it is forgotten (a memo of whole
    receipts holds a few; never more than ``MEMO_MAX``)."""
    found = memo.get(key, _UNJUDGED)
    if found is _UNJUDGED:
        if len(memo) >= (MEMO_MAX if most is None else min(most, MEMO_MAX)):
            memo.clear()
        found = memo[key] = judge(*args)
    return found
