"""What the sync loop says about itself: ``SyncState``, the state, times,
errors and this run's push counts that ``runtime.json``, ``agent status``
and the doctor read (``SyncLoop.state()`` hands out a copy).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, fields
from typing import Any

from sync.pusher import PushCounts

# The names runtime.json and ``agent status`` have always used for the
# counts, in their order: JSON name -> PushCounts attribute.
_STATUS_COUNTS = {"rejected": "all_rejected", "pushed": "accepted", "duplicates": "duplicate",
                  "unanswered": "unanswered", "requests": "requests"}


@dataclass
class SyncState:
    """The loop as ``agent status`` sees it (its JSON: ``to_dict``).
    Times are epoch seconds from the loop's clock; counters count this run."""

    state: str = "starting"  # starting | online | offline | auth_failed
    since: float | None = None
    last_push_ok_at: float | None = None
    last_pull_ok_at: float | None = None
    last_error: str = ""
    roster_error: str = ""
    pending: int = 0
    counts: PushCounts = field(default_factory=PushCounts)  # this run's pushes
    next_attempt_at: float | None = None
    drainer: bool = False  # this process holds the drainer lock
    batch_limit: int = 0
    clock_skew_s: float | None = None  # hub time minus ours, from /v1/health
    health_report: str = "off"  # off | not_sent | sent | unsupported | failing
    health_report_at: float | None = None  # last one the hub took

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape machines read (runtime.json, ``agent status --json``):
        the counts as ``rejected``, ``pushed``, ``duplicates``, ``unanswered``
        and ``requests`` in the place they always had."""
        out: dict[str, Any] = {}
        for f in fields(self):
            if f.name == "counts":
                for key, counted in _STATUS_COUNTS.items():
                    out[key] = getattr(self.counts, counted)
            else:
                out[f.name] = getattr(self, f.name)
        return out

    def copy(self) -> SyncState:
        """A snapshot that later pushes do not change."""
        return dataclasses.replace(self, counts=dataclasses.replace(self.counts))
