"""Figures the benchmarks share."""

from __future__ import annotations


def pct(values: list[float], p: float) -> float:
    """The ``p`` quantile (0 to 1) of ``values``, nearest rank below
    (``int(n * p)``); NaN when there are none."""
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p))] if v else float("nan")
