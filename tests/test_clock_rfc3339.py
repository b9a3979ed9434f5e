"""rfc3339's fast path writes exactly what datetime + strftime write, for any
time: the journal's wall_time and every sale's occurred_at depend on it."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent.clock import parse_rfc3339, rfc3339


def reference(ts: float) -> str:
    """The slow, obviously right way (what rfc3339 did before its fast path)."""
    dt = datetime.fromtimestamp(ts, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def edges() -> list[float]:
    """Times where rounding can go wrong: next to a second, a millisecond, a
    microsecond's half, a day, the epoch, the end of year 9999."""
    out: list[float] = [0.0, 1.0, 86399.9999995, 86400.0, 1_795_000_000.0,
                        253402300799.0, 253402300797.9999996, 253402300798.5, 4102444800.0]
    rng = random.Random(7)
    for _ in range(3000):
        sec = float(rng.choice([0, 86399, 951782399, 1_795_000_000, 1_798_761_599,
                                rng.randrange(0, 253402300790)]))
        for frac in (0.0, 0.001, 0.999, 0.9995, 0.9999995, 0.9999994999, 0.0000005,
                     rng.randrange(1000) / 1000, (rng.randrange(10**6) + 0.5) / 1e6,
                     rng.random()):
            x = sec + frac
            out += [x, math.nextafter(x, 0.0), math.nextafter(x, math.inf)]
    return out


def test_the_fast_path_agrees_with_datetime_at_every_rounding_edge():
    for ts in edges():
        if ts < 0:
            continue
        assert rfc3339(ts) == reference(ts), repr(ts)


@given(st.floats(min_value=0.0, max_value=253402300799.0, allow_nan=False))
def test_any_time_of_any_day_is_written_as_datetime_writes_it(ts):
    assert rfc3339(ts) == reference(ts)


@given(st.integers(min_value=0, max_value=253402300799))
def test_whole_seconds_given_as_ints_too(ts):
    assert rfc3339(ts) == reference(ts)


@given(st.floats(min_value=-1e10, max_value=-1e-9))
def test_times_before_the_epoch_take_the_slow_path_and_still_agree(ts):
    assert rfc3339(ts) == reference(ts)


def test_the_shape_is_always_the_contracts():
    for ts in (0.0, 1_795_000_000.123456, 1_795_003_599.9996):
        text = rfc3339(ts)
        assert len(text) == 24 and text[10] == "T" and text.endswith("Z"), text
        assert abs(parse_rfc3339(text) - ts) < 0.001


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 1e20])
def test_times_datetime_refuses_raise_as_before(bad):
    with pytest.raises((ValueError, OverflowError, OSError)) as got:
        rfc3339(bad)
    with pytest.raises(type(got.value)):
        reference(bad)


def test_days_change_under_the_cached_date():
    # Alternate between two days: the cached date prefix must follow.
    for ts in (1_795_000_000.5, 1_795_100_000.25, 1_795_000_000.75, 86399.999, 86400.0):
        assert rfc3339(ts) == reference(ts)
