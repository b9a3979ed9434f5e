"""Send the till's health report with the sync (contract: "Till health").

The runtime builds the report (``sync.journal_port.HealthSource``); this module only
decides when to send it: after a push round that reached the hub, at most
once per ``interval_s``. The endpoint is optional: a hub answering 404 does
not offer it, so the till stops asking for ``UNSUPPORTED_PAUSE_S`` (a day)
rather than knocking every minute. Any other failure is retried at the next
interval; a health report never changes the sync loop's state (the push
that just succeeded says the hub is there).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sync.client import HubClient, HubError, HubNoEndpoint
from sync.journal_port import HealthSource

log = logging.getLogger("sync.health")

UNSUPPORTED_PAUSE_S = 86400.0


@dataclass
class HealthReportState:
    """What ``agent status`` shows of the reports (epoch seconds)."""

    state: str = "not_sent"  # not_sent | sent | unsupported | failing
    last_sent_at: float | None = None
    next_at: float | None = None
    sent: int = 0
    last_error: str = ""


class HealthReporter:
    """``maybe_send(client)`` after each push round that reached the hub."""

    def __init__(self, source: HealthSource, interval_s: float,
                 clock: Callable[[], float], unsupported_pause_s: float = UNSUPPORTED_PAUSE_S):
        self.source = source
        self.interval_s = max(0.0, float(interval_s))
        self.unsupported_pause_s = unsupported_pause_s
        self.clock = clock
        self.state = HealthReportState()
        self._next = float("-inf")

    def due(self) -> bool:
        return self.clock() >= self._next

    def maybe_send(self, client: HubClient) -> bool:
        """Send a report if one is due; True if the hub took it."""
        now = self.clock()
        if now < self._next:
            return False
        st = self.state
        try:
            report = self.source()
        except Exception as exc:  # a bug in building it must not stop the sync
            log.exception("health report could not be built")
            report, exc_text = None, f"report could not be built: {type(exc).__name__}"
        if report is None:
            self._next = now + self.interval_s
            st.state, st.last_error, st.next_at = "failing", exc_text, self._next
            return False
        try:
            client.post_health(report)
        except HubNoEndpoint:
            self._next = now + self.unsupported_pause_s
            if st.state != "unsupported":
                log.info("the hub does not take health reports (HTTP 404); asking again in "
                         "%.0f h", self.unsupported_pause_s / 3600)
            st.state, st.last_error = "unsupported", "hub answered 404"
            st.next_at = self._next
            return False
        except (HubError, OSError, ValueError) as exc:
            self._next = now + self.interval_s
            if st.state != "failing":
                log.warning("health report not sent: %s", exc)
            st.state, st.last_error, st.next_at = "failing", str(exc), self._next
            return False
        self._next = now + self.interval_s
        st.state, st.last_error = "sent", ""
        st.last_sent_at, st.next_at = now, self._next
        st.sent += 1
        return True
