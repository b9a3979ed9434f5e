"""One backoff policy (drivers/backoff.py) for devices, the serial tap and the hub."""

from __future__ import annotations

import tenacity

from drivers.backoff import Backoff, ExponentialBackoff
from sync.retry import HubWait, hub_backoff


def test_an_unplugged_reader_waits_twice_as_long_each_time_up_to_the_cap():
    b = Backoff.for_device(0.5, 4.0, rand=lambda: 1.0)
    assert [b.next_delay() for _ in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    b.reset()
    assert b.failures == 0 and b.next_delay() == 0.5


def test_jitter_only_ever_shortens_a_wait_and_by_at_most_its_fraction():
    shortest = Backoff.for_device(1.0, 60.0, jitter=0.25, rand=lambda: 0.0)
    assert [shortest.next_delay() for _ in range(3)] == [0.75, 1.5, 3.0]
    none = ExponentialBackoff(1.0, 60.0, jitter=0.0, rand=lambda: 0.0)
    assert none.delay(3) == 4.0


def test_a_wait_the_other_side_asked_for_is_the_least_waited():
    assert ExponentialBackoff(1.0, 60.0).delay(1, asked=9.0) == 9.0
    assert ExponentialBackoff(1.0, 60.0).delay(7, asked=9.0) == 60.0


def test_the_hub_uses_the_same_policy_with_half_of_each_wait_jittered():
    assert isinstance(HubWait(1.0, 300.0), ExponentialBackoff)
    b = hub_backoff(1.0, 300.0, rand=lambda: 0.0)
    assert [b.next_delay() for _ in range(3)] == [0.5, 1.0, 2.0]


def test_tenacity_takes_the_policy_as_its_wait_strategy():
    calls = []
    r = tenacity.Retrying(wait=ExponentialBackoff(0.01, 0.02), stop=tenacity.stop_after_attempt(3),
                          sleep=calls.append, reraise=True)
    try:
        r(lambda: 1 / 0)
    except ZeroDivisionError:
        pass
    assert calls == [0.01, 0.02]
