"""WAL checkpoints off the sale path.

SQLite copies the write-ahead log back into the database file (a
checkpoint) inside whichever commit finds the log past
``wal_autocheckpoint`` pages. A journal append writes about five pages, so
with the default every ~200th sale would wait for a checkpoint: a few
milliseconds of extra latency at exactly the moment a receipt is cut. The
runtime's writer connection therefore checkpoints only as a backstop (a much
larger threshold), and this thread, on its own connection, checkpoints
right after a sale is journaled (at most once a second), while the main
loop goes on.

A PASSIVE checkpoint never blocks a writer, so a checkpoint in progress does
not hold up the next append; if this thread fails or falls behind, the
writer's backstop threshold still bounds the log.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from agent.runtime import affinity

log = logging.getLogger("agent.journal.checkpointer")

# The runtime's writer checkpoints by itself only past this many WAL pages
# (~40 MB): reached only if this thread is not doing its job.
BACKSTOP_PAGES = 10_000


class WalCheckpointer:
    """Runs ``journal.checkpoint()`` on its own connection. The runtime pokes
    it after each append: a checkpoint runs right after a poke (a commit just
    finished: the gap before the next receipt is the quietest moment there
    is), at most once per ``interval_s``; when sales stop, once more after
    ``idle_s``. ``open_journal`` returns the thread's read-write journal."""

    def __init__(self, open_journal: Callable[[], Any], interval_s: float = 1.0,
                 idle_s: float = 2.0):
        self.open_journal = open_journal
        self.interval_s = interval_s
        self.idle_s = idle_s
        self.checkpoints = 0
        self.failures = 0
        self.last_error = ""
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> WalCheckpointer:
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name="journal-checkpointer")
        self._thread.start()
        return self

    def poke(self) -> None:
        """A sale was just journaled."""
        self._wake.set()

    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop after a last checkpoint."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        affinity.background()
        try:
            journal = self.open_journal()
        except Exception as exc:
            self._fail(exc)
            return
        pending = False  # appends since the last checkpoint
        last = float("-inf")
        try:
            while True:
                poked = self._wake.wait(self.idle_s if pending else None)
                if self._stop.is_set():
                    break
                self._wake.clear()
                pending = pending or poked
                now = time.monotonic()
                if not pending or (poked and now - last < self.interval_s):
                    continue  # idle, or too soon: a later poke comes back here
                self._checkpoint(journal)
                last, pending = now, False
            self._checkpoint(journal)
        finally:
            try:
                journal.close()
            except Exception:
                pass

    def _checkpoint(self, journal: Any) -> None:
        try:
            journal.checkpoint()
            self.checkpoints += 1
            if self.last_error:
                log.info("journal checkpoints work again")
            self.last_error = ""
        except Exception as exc:
            self._fail(exc)

    def _fail(self, exc: Exception) -> None:
        self.failures += 1
        if not self.last_error:
            # The writer's backstop keeps the log bounded; nothing is lost.
            log.warning("journal checkpoint failed (%s); the writer will checkpoint by "
                        "itself past %d pages", exc, BACKSTOP_PAGES)
        self.last_error = str(exc) or type(exc).__name__
