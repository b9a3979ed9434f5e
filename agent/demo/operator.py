"""The demo's operator at the display: acknowledges each allergen banner as
staff would, over the console's HTTP (the page's CSRF token, its Origin), so
the acknowledgement goes the real way and is journaled once."""

from __future__ import annotations

import re
from typing import Any

import httpx

_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class DemoOperator:
    """Acknowledges the display's waiting banners; counts what it did."""

    def __init__(self, console_url: str, feed: Any):
        self.url = console_url.rstrip("/")
        self.feed = feed
        self.acknowledged = 0
        self.failed = 0
        self._http = httpx.Client(timeout=5.0, trust_env=False,
                                  headers={"Origin": self.url})
        self._csrf = ""

    def acknowledge_waiting(self) -> None:
        """POST /display/ack for every banner the display shows now."""
        for p in self.feed.state()["pending"]:
            try:
                if not self._csrf:
                    page = self._http.get(self.url + "/display")
                    m = _CSRF.search(page.text)
                    self._csrf = m.group(1) if m else ""
                r = self._http.post(self.url + "/display/ack",
                                    data={"csrf": self._csrf, "event": str(p["event"])})
                if r.status_code == 200 and r.json().get("recorded"):
                    self.acknowledged += 1
                else:
                    self.failed += 1
            except (httpx.HTTPError, ValueError):
                self.failed += 1

    def close(self) -> None:
        self._http.close()
