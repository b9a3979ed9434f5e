"""The simulated hub's roster walks (``hwsim.hub_core``): each walk (a
snapshot, or one "changes since" walk) is frozen when its first page is
asked for, so its pages, balances and ``till_seq_applied`` are one
consistent view. Cursors: ``w<walk>.<offset>`` inside a walk,
``c<run>-<version>`` at its end; a change cursor from another run of the hub
means "since the beginning", an unknown walk is a 400 (``BadRequest``).
"""

from __future__ import annotations

import collections
import json
import secrets
from dataclasses import dataclass

from hwsim.hub_contract import BadRequest

WALKS_KEPT = 64  # unfinished walks remembered; the oldest is forgotten first


@dataclass
class RosterView:
    """A frozen roster walk: the pages of one snapshot or one changes walk."""

    till_id: str
    pupils: list[dict]
    till_seq_applied: int
    end_version: int


class RosterWalks:
    """The walks in progress and the cursors that name them. Not locked: the
    hub core calls it under its own lock."""

    def __init__(self) -> None:
        self.epoch = secrets.token_hex(4)  # cursors of another hub run are not ours
        self._views: collections.OrderedDict[str, RosterView] = collections.OrderedDict()

    def since(self, cursor: str) -> int:
        """The roster version a ``c`` cursor names (0 for another run's)."""
        epoch, _, since = cursor[1:].partition("-")
        if not since.isdigit():
            raise BadRequest("unknown roster cursor")
        if epoch != self.epoch:
            # Another run of the hub: "changes since the beginning" is every
            # pupil ever known, tombstones included, which is always correct.
            return 0
        return int(since)

    def first_page(self, till_id: str, pupils: list[dict], till_seq_applied: int,
                   end_version: int, size: int) -> dict:
        """Freeze a new walk over ``pupils`` (copied) and answer its first page."""
        view = RosterView(till_id, json.loads(json.dumps(pupils)), till_seq_applied,
                          end_version)
        token = secrets.token_hex(6)
        self._views[token] = view
        while len(self._views) > WALKS_KEPT:
            self._views.popitem(last=False)
        return self._page(token, view, 0, size)

    def next_page(self, till_id: str, cursor: str, size: int) -> dict:
        """The page a ``w`` cursor names, of a walk this till began."""
        token, _, offset = cursor[1:].partition(".")
        view = self._views.get(token)
        if view is None or view.till_id != till_id or not offset.isdigit():
            raise BadRequest("unknown or expired roster cursor")
        self._views.move_to_end(token)
        return self._page(token, view, int(offset), size)

    def _page(self, token: str, view: RosterView, offset: int, size: int) -> dict:
        chunk = view.pupils[offset:offset + size]
        more = offset + size < len(view.pupils)
        cursor = f"w{token}.{offset + size}" if more else f"c{self.epoch}-{view.end_version}"
        if not more and token in self._views:
            del self._views[token]  # a finished walk is not asked for again
        return {"pupils": chunk, "cursor": cursor, "more": more,
                "till_seq_applied": view.till_seq_applied}
