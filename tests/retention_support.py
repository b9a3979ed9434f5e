"""What the retention tests share: London wall-clock times and a school meal."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def at(y: int, mo: int, d: int, h: int = 12, mi: int = 0) -> float:
    """Epoch seconds of a London wall-clock time."""
    return datetime(y, mo, d, h, mi, tzinfo=LONDON).timestamp()


def sale(i: int) -> dict:
    """A meal on account for one of 300 pupils."""
    return {"till_id": "till-1", "pupil_id": f"P{i % 300:04d}", "total_pence": 240,
            "lines": [{"description": "Meal of the day", "quantity": 1}], "tender": "account"}
