"""One read per card presentation.

Many readers repeat the id for as long as the card stays in the field (an
RDM6300 every ~100 ms, some wedge readers on every re-detection). A card is
"still on the reader" while its repeats come less than ``debounce_s`` apart:
every repeat extends the window, so a card held for a minute is one read,
and the same card taken away and presented again after the window is a new
read. A different card is always a new read. Times are the events' own
``at`` (the caller's clock): nothing here reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drivers.events import CardRead


@dataclass
class Debouncer:
    """Drops repeat ``CardRead``s of the card currently on the reader; every
    other event passes unchanged, in order."""

    debounce_s: float = 2.0
    suppressed: int = 0
    _uid: str | None = field(default=None, repr=False)
    _last_at: float = field(default=0.0, repr=False)

    def filter(self, events: list) -> list:
        """The events with repeats removed."""
        out = []
        for ev in events:
            if isinstance(ev, CardRead):
                held = (ev.uid == self._uid and self.debounce_s > 0
                        and 0.0 <= ev.at - self._last_at < self.debounce_s)
                self._uid, self._last_at = ev.uid, ev.at
                if held:
                    self.suppressed += 1
                    continue
            out.append(ev)
        return out

    def reset(self) -> None:
        """Forget the card on the reader (e.g. the reader was unplugged)."""
        self._uid = None
