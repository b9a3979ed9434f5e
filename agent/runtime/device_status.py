"""What a supervised device looks like from outside: published in
``runtime.json`` (``devices``) for ``agent status`` and ``agent doctor``.

Nothing here identifies a pupil: ``last_error`` is an exception text from
opening or reading the port (a path, an errno), ``detail`` the node opened.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DeviceState:
    """One device's supervision state. Times are the supervisor's clock
    (seconds since the epoch), ``None`` until the thing first happened."""

    name: str
    kind: str
    connected: bool = False
    connected_since: float | None = None
    # Since when it has not been working (lost, or never opened): staff are
    # told "since 12:41". None while connected; later retries do not move it.
    disconnected_since: float | None = None
    last_data_at: float | None = None
    errors: int = 0
    reopen_count: int = 0
    frames_rejected: int = 0
    reads: int = 0
    last_error: str = ""
    last_error_at: float | None = None
    detail: str = ""
    stats: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy."""
        d = dataclasses.asdict(self)
        d["stats"] = dict(self.stats)
        return d
