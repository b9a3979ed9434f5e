"""The OCR worker: raster-only receipts are read in another process, off the
sale's path.

``OcrWorker.submit(job_id, images)`` never blocks: the job goes on a bounded
queue (``maxsize``), or the call returns False at once when the queue is full
or the worker cannot be started, and the caller keeps the job to offer it
again later. The worker process reassembles the images, reads them
(``agent.ocr.reader.read_bitmap``: the till's glyph cache when it knows the
picture's cells, Tesseract else) and interprets the text; ``results()`` (called from the main loop's
timers) takes finished readings without waiting.

A worker that dies (a crash in Tesseract, the OOM killer) is started again by
the next ``results()`` (after a growing pause when workers keep dying as
they start); the jobs it held are offered to the new worker once
more, and a job that two workers died on comes back as a failure
(``OcrResult.error``) instead of killing workers for ever.

The process is started with ``spawn``: the agent's threads and sockets are
not inherited, and the worker imports only what reading needs.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("agent.ocr.reader")

MAX_ATTEMPTS = 2
QUICK_DEATH_S = 10.0  # a worker that dies sooner than this after starting...
MAX_PAUSE_S = 60.0  # ...is started again after 1, 2, 4 ... up to 60 s


@dataclass
class OcrResult:
    """A finished job: its reading, or why there is none."""

    job_id: str
    reading: Any = None  # agent.ocr.reader.OcrReading
    error: str = ""
    queued_s: float = 0.0  # submit -> result taken
    retry: bool = False  # not read for want of room: offer it again later


@dataclass
class _Job:
    job_id: str
    images: list[Any]
    submitted: float
    attempts: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


def _serve(jobs: Any, results: Any, rules: Any, make_reader: Callable[[], Any] | None) -> None:
    """The worker process: read jobs until ``None``."""
    _off_the_sale_path()
    from agent.ocr.reader import TesseractReader, read_bitmap
    from drivers.glyph_cache import GlyphCache
    from drivers.raster import reassemble

    reader = make_reader() if make_reader is not None else TesseractReader()
    # The till's font, learnt from this worker's trusted readings (a new
    # worker learns again: a few receipts).
    cache = GlyphCache()
    while True:
        item = jobs.get()
        if item is None:
            return
        job_id, images = item
        try:
            reading = read_bitmap(reassemble(images), reader, rules, cache)
            results.put((job_id, reading, ""))
        except Exception as exc:  # one bad picture must not end the worker
            results.put((job_id, None, f"{type(exc).__name__}: {exc}"))


def _off_the_sale_path() -> None:
    """Keep the worker from competing with the sale's path: Tesseract on one
    thread (OpenMP would take every CPU), a lower CPU priority, and, when the
    agent is pinned to one CPU (agent.runtime.affinity), the other CPUs. Best effort:
    a refusal (seccomp, a unit's CPUAffinity=) leaves it as it is."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from agent.runtime.affinity import background

    background()
    try:
        others = set(range(os.cpu_count() or 1)) - set(os.sched_getaffinity(0))
        if others:
            os.sched_setaffinity(0, others)
    except (AttributeError, OSError, ValueError):
        pass


class OcrWorker:
    """A reading process with a bounded job queue (see the module doc)."""

    def __init__(self, maxsize: int = 16, rules: Any = None,
                 make_reader: Callable[[], Any] | None = None) -> None:
        self.maxsize = maxsize
        self.rules = rules
        self.make_reader = make_reader  # picklable; None: Tesseract
        self._ctx = mp.get_context("spawn")
        self._proc: Any = None
        self._jobs: Any = None
        self._results: Any = None
        self.in_flight: dict[str, _Job] = {}
        self.restarts = 0
        # A worker that dies as it starts (Tesseract's data missing, memory
        # short) is started again after a growing pause, not on every tick.
        self._started_at = 0.0
        self._quick_deaths = 0
        self._next_start = 0.0
        self.start_error = ""

    # --- life ---------------------------------------------------------------

    def start(self) -> OcrWorker:
        """Start the process (again); a failure is kept in ``start_error``."""
        self._jobs = self._ctx.Queue(self.maxsize)
        self._results = self._ctx.Queue()
        try:
            self._proc = self._ctx.Process(
                target=_serve, args=(self._jobs, self._results, self.rules, self.make_reader),
                name="till-agent-ocr", daemon=True)
            self._proc.start()
            self._started_at = time.monotonic()
            self.start_error = ""
        except (OSError, RuntimeError) as exc:
            self._proc = None
            self.start_error = str(exc)
            log.error("OCR worker could not start (%s): raster-only sales stay unread", exc)
        return self

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def stop(self, timeout: float = 2.0) -> None:
        """Ask the worker to finish and wait a little; then end it."""
        p = self._proc
        if p is None:
            return
        try:
            self._jobs.put_nowait(None)
        except (queue.Full, ValueError, OSError):
            pass
        p.join(timeout)
        if p.is_alive():
            p.terminate()
            p.join(1.0)
        for q in (self._jobs, self._results):
            q.close()
            q.cancel_join_thread()
        self._proc = None

    # --- jobs ---------------------------------------------------------------

    def submit(self, job_id: str, images: list[Any], **extra: Any) -> bool:
        """Queue a receipt's images for reading; False at once when the
        queue is full or the worker is down (keep the job, offer it later)."""
        if job_id in self.in_flight:
            return True
        if not self.alive:
            return False
        job = _Job(job_id, list(images), time.monotonic(), extra=extra)
        if not self._put(job):
            return False
        self.in_flight[job_id] = job
        return True

    def _put(self, job: _Job) -> bool:
        try:
            self._jobs.put_nowait((job.job_id, job.images))
            return True
        except queue.Full:
            return False

    def results(self) -> list[OcrResult]:
        """Readings finished since the last call (never waits); restarts a
        dead worker and offers it the jobs the dead one held."""
        out: list[OcrResult] = []
        while self._results is not None:
            try:
                job_id, reading, error = self._results.get_nowait()
            except (queue.Empty, OSError, EOFError, ValueError):
                break
            job = self.in_flight.pop(job_id, None)
            waited = time.monotonic() - job.submitted if job else 0.0
            out.append(OcrResult(job_id, reading, error, waited))
        if self._proc is not None and not self._proc.is_alive():
            now = time.monotonic()
            if not self._next_start:
                quick = now - self._started_at < QUICK_DEATH_S
                self._quick_deaths = self._quick_deaths + 1 if quick else 0
                self._next_start = now + (min(MAX_PAUSE_S, 0.5 * 2 ** self._quick_deaths)
                                          if quick else 0.0)
            if now >= self._next_start:
                self._next_start = 0.0
                out += self._restart()
        return out

    def _restart(self) -> list[OcrResult]:
        code = self._proc.exitcode
        self.restarts += 1
        log.error("OCR worker died (exit %s); starting another, %d job(s) to read again",
                  code, len(self.in_flight))
        for q in (self._jobs, self._results):
            q.close()
            q.cancel_join_thread()
        self.start()
        failed: list[OcrResult] = []
        for job_id, job in list(self.in_flight.items()):
            job.attempts += 1
            if job.attempts > MAX_ATTEMPTS or not self.alive or not self._put(job):
                del self.in_flight[job_id]
                gave_up = job.attempts > MAX_ATTEMPTS
                why = "the OCR worker died reading it" if gave_up else "no OCR worker to take it"
                failed.append(OcrResult(job_id, None, why, time.monotonic() - job.submitted,
                                        retry=not gave_up))
        return failed

    def queued(self) -> int:
        """Jobs submitted and not yet answered."""
        return len(self.in_flight)
