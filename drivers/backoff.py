"""How long to wait before trying again: the one backoff policy of the agent,
for reopening a device, reconnecting a serial tap's port and reaching the hub.

Attempt n waits ``initial * 2**(n-1)``, capped at ``maximum``, less a random
part of up to ``jitter`` of it, so that readers unplugged together (a powered
USB hub) or tills that lost the hub in the same second do not retry in
lockstep; and never less than a wait the other side asked for (a hub's
``Retry-After``). ``ExponentialBackoff`` is a tenacity wait strategy, so
``tenacity.Retrying`` uses it as it is; ``Backoff`` counts consecutive
failures for the loops that schedule or wait on an event rather than sleep.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import tenacity
from tenacity.wait import wait_base

DEVICE_JITTER = 0.25  # a device's reopen waits 75-100% of its backoff


class ExponentialBackoff(wait_base):
    """Attempt n (from 1) -> seconds to wait; see the module's docstring."""

    def __init__(self, initial: float, maximum: float, jitter: float = 0.0,
                 rand: Callable[[], float] = random.random):
        self.initial = max(0.0, float(initial))
        self.maximum = max(self.initial, float(maximum))
        self.jitter = min(1.0, max(0.0, float(jitter)))
        self.rand = rand

    def delay(self, attempt: int, asked: float | None = None) -> float:
        """The wait before attempt ``attempt + 1``; ``asked``: a wait the other
        side asked for (``after(asked)`` is the least this returns)."""
        try:
            base = min(self.maximum, self.initial * (2 ** max(0, attempt - 1)))
        except OverflowError:
            base = self.maximum
        d = base * (1.0 - self.jitter * (1.0 - self.rand())) if self.jitter else base
        return d if asked is None else max(d, self.after(asked))

    def after(self, asked: float) -> float:
        """What a wait the other side asked for makes us wait (all of it)."""
        return asked

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        return self.delay(retry_state.attempt_number)


class Backoff:
    """Consecutive failures -> the next wait (seconds); ``reset()`` after a
    success. ``failures`` is 0 until the first failure since the last reset."""

    def __init__(self, wait: ExponentialBackoff):
        self.wait = wait
        self.failures = 0

    @classmethod
    def for_device(cls, initial: float, maximum: float, jitter: float = DEVICE_JITTER,
                   rand: Callable[[], float] = random.random) -> Backoff:
        """Reopening a device or a serial port."""
        return cls(ExponentialBackoff(initial, maximum, jitter, rand))

    def next_delay(self, asked: float | None = None) -> float:
        """One more failure: how long to wait before the next try."""
        self.failures += 1
        return self.wait.delay(self.failures, asked)

    def reset(self) -> None:
        self.failures = 0
