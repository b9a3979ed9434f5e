"""The hand-off from the sale path to the display: a bounded, numbered log
of display events plus the state a newly connected screen needs.

``publish`` is called on the runtime's main loop: it appends under a lock
held for microseconds and pokes the console's event loop (``waker``, a
``call_soon_threadsafe``); it never waits for a browser, a socket or the
console thread. Readers (the SSE streams) take what is new with ``since``;
a reconnecting screen resumes from its Last-Event-ID while that event is
still kept, else it gets the whole ``state`` again.

Events carry only what a screen shows. What the server needs to journal an
acknowledgement (the pupil id) stays here, in ``pending``, keyed by the
event's number: the browser sends back the number, never pupil data.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PERSON_KINDS = ("identified", "unknown_card", "refused", "no_match")


@dataclass
class PendingAck:
    """An allergen banner waiting for staff: who it is about (server side)."""

    event: int
    pupil_id: str
    name: str
    allergens: list[str]
    photo: str | None = None  # the display's URL of the pupil's photo (by hash)


@dataclass
class DisplayFeed:
    """Numbered display events (the last ``keep``) and the current state."""

    keep: int = 200
    max_pending: int = 20
    # Makes acknowledgement ids unique across restarts (event numbers restart).
    run_id: str = field(default_factory=lambda: secrets.token_hex(6))
    waker: Callable[[], None] | None = None

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._events: deque[dict[str, Any]] = deque(maxlen=self.keep)
        self._last = 0
        self._person: dict[str, Any] | None = None
        self._receipt: dict[str, Any] | None = None
        self._pending: OrderedDict[int, PendingAck] = OrderedDict()
        self.published = 0
        self.shown = 0  # identifications (a pupil, or a refusal/unknown message)
        self.with_photo = 0  # of them, a pupil shown with their photo
        self.banners = 0
        self.acknowledged = 0

    def publish(self, kind: str, data: dict[str, Any], *, ack_for: str | None = None) -> int:
        """Add an event; ``ack_for`` (a pupil id) makes it an allergen banner
        that waits for ``acknowledge``. Returns the event's number."""
        with self._lock:
            self._last += 1
            ev = {"id": self._last, "kind": kind, **data}
            if ack_for is not None:
                ev["needs_ack"] = True
                self._pending[self._last] = PendingAck(
                    self._last, ack_for, data.get("name", ""), list(data.get("allergens") or []),
                    (data.get("pupil") or {}).get("photo"))
                while len(self._pending) > self.max_pending:
                    self._pending.popitem(last=False)
            self._events.append(ev)
            if kind in PERSON_KINDS:
                self._person = ev
                self.shown += 1
                if (data.get("pupil") or {}).get("photo"):
                    self.with_photo += 1
            if ack_for is not None:
                self.banners += 1
            elif kind == "sale":
                self._receipt = ev
                if not data.get("sale", {}).get("identified", True):
                    self._person = None  # a cash customer: nobody to show
            self.published += 1
            number = self._last
        self._wake()
        return number

    def pending(self, event: int) -> PendingAck | None:
        """The banner ``event`` if it still waits for acknowledgement."""
        with self._lock:
            return self._pending.get(event)

    def acknowledge(self, event: int) -> PendingAck | None:
        """Clear banner ``event`` on every screen (an ``ack`` event); the
        PendingAck, or None if it was not waiting (already acknowledged)."""
        with self._lock:
            p = self._pending.pop(event, None)
            if p is not None:
                self.acknowledged += 1
        if p is not None:
            self.publish("ack", {"event": event})
        return p

    def since(self, last_id: int) -> list[dict[str, Any]] | None:
        """Events after ``last_id``; None when some of them are no longer
        kept (the reader must start again from ``state``)."""
        with self._lock:
            if last_id > self._last:  # numbered by an earlier run of the agent
                return None
            if last_id == self._last:
                return []
            if not self._events or self._events[0]["id"] > last_id + 1:
                return None
            return [e for e in self._events if e["id"] > last_id]

    def state(self) -> dict[str, Any]:
        """Everything a screen shows now: the last person, the last sale and
        the banners still waiting."""
        with self._lock:
            return {"id": self._last, "kind": "state", "person": self._person,
                    "sale": self._receipt,
                    "pending": [{"event": p.event, "name": p.name, "allergens": p.allergens,
                                 "photo": p.photo}
                                for p in self._pending.values()]}

    @property
    def last_id(self) -> int:
        return self._last

    def _wake(self) -> None:
        waker = self.waker
        if waker is not None:
            try:
                waker()
            except RuntimeError:  # the console's loop is closing: nobody to wake
                pass
