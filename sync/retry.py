"""How long to wait before trying the hub again (tenacity).

Exponential backoff from ``backoff_initial_s`` up to ``backoff_max_s`` with
jitter (so a school's tills coming back after an outage do not all knock at
once), and never less than a ``Retry-After`` the hub sent with 429/503: that
wait in full plus up to as long again at random, since every till a hub
throttled in the same second is told the same number, and waiting exactly
that long brings them all back in the same second again (``python -m
tests.fleet`` shows the difference).

The policy is the agent's one backoff (``drivers.backoff``), with half of
each wait jittered; ``HubWait`` adds the hub's ``Retry-After``. It is a
tenacity wait strategy: ``retrying()`` uses it for the bounded retries of
``agent sync``; the sync loop, which schedules rather than sleeps, asks a
``hub_backoff()`` for its next delay computed by the same strategy.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import tenacity

from drivers.backoff import Backoff, ExponentialBackoff
from sync.client import HubThrottled, HubUnavailable


def retry_after_of(exc: BaseException | None) -> float | None:
    """The wait a throttling hub asked for, if any."""
    return exc.retry_after if isinstance(exc, HubThrottled) else None


RETRY_AFTER_SPREAD = 1.0  # a Retry-After of R is waited as R .. 2R
HUB_JITTER = 0.5  # the upper half of each wait is drawn at random


class HubWait(ExponentialBackoff):
    """Attempt n waits ``min(max, initial * 2**(n-1))``, its upper half
    jittered, and at least the hub's ``Retry-After`` (spread, see above)."""

    def __init__(self, initial: float, maximum: float,
                 rand: Callable[[], float] = random.random):
        super().__init__(initial, maximum, HUB_JITTER, rand)

    def after(self, asked: float) -> float:
        """What a hub's ``Retry-After`` makes us wait: all of it, and a random
        part of it again."""
        return asked * (1.0 + self.rand() * RETRY_AFTER_SPREAD)

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        return self.delay(retry_state.attempt_number, retry_after_of(exc))


def hub_backoff(initial: float, maximum: float,
                rand: Callable[[], float] = random.random) -> Backoff:
    """The sync loop's failure counter with ``HubWait``'s delays."""
    return Backoff(HubWait(initial, maximum, rand))


class _StopIfAskedToWaitLong(tenacity.stop.stop_base):
    """Give up at once when the hub asks for a longer wait than a person at
    the till should sit through."""

    def __init__(self, max_wait: float):
        self.max_wait = max_wait

    def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        ra = retry_after_of(exc)
        return ra is not None and ra > self.max_wait


def retrying(cfg: Any, attempts: int, *, max_wait: float = 30.0,
             sleep: Callable[[float], None] | None = None,
             before_sleep: Callable[[tenacity.RetryCallState], None] | None = None
             ) -> tenacity.Retrying:
    """Bounded retries of a transient failure (unreachable, 5xx, throttled),
    for a person waiting at ``agent sync``: waits capped at ``max_wait``
    (a longer Retry-After ends the retries); auth and protocol errors are
    raised at once."""
    kw: dict[str, Any] = {}
    if sleep is not None:
        kw["sleep"] = sleep
    return tenacity.Retrying(
        wait=HubWait(min(cfg.backoff_initial_s, max_wait), min(cfg.backoff_max_s, max_wait)),
        stop=tenacity.stop_after_attempt(max(1, attempts)) | _StopIfAskedToWaitLong(max_wait),
        retry=tenacity.retry_if_exception_type(HubUnavailable),
        before_sleep=before_sleep, reraise=True, **kw)
