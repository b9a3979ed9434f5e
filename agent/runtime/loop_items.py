"""What other threads hand the runtime's main loop: one small frozen item per
kind, put on its queue (``agent.runtime.service``), never waited on by the sender.

The printer tap's thread puts ``TillBytes``, ``PrinterBytes``, ``JobStart``,
``JobFlag``, ``JobEnd`` and ``Link`` (through ``QueueListener``); device
supervisors put ``DeviceEvent``; ``request_stop`` puts ``Stop``. ``at`` is
the wall-clock time the sender saw it.
"""

from __future__ import annotations

import queue
from dataclasses import dataclass

# One small frozen dataclass per kind, each sent with ``at``: the wall-clock
# time the sender saw it.
_item = dataclass(frozen=True, slots=True)


@_item
class TillBytes:
    data: bytes  # what the till sent to the printer (already forwarded)
    at: float


@_item
class PrinterBytes:
    data: bytes  # what the printer sent back (status replies)
    at: float


@_item
class JobStart:
    peer: str  # a TCP/USB print job from this IP address begins
    at: float


@_item
class JobFlag:
    flag: str  # on the job in progress: job_truncated, not_printed, job_cut_short
    at: float


@_item
class JobEnd:
    at: float  # the till closed its print job


@_item
class Link:
    side: str  # the tap's link to "till" or "printer"
    up: bool
    detail: str
    at: float


@_item
class DeviceEvent:
    event: object  # from a reader or scanner (drivers.events)
    at: float


@_item
class Stop:
    """Wakes the main loop to shut down."""


Item = TillBytes | PrinterBytes | JobStart | JobFlag | JobEnd | Link | DeviceEvent | Stop


class QueueListener:
    """The tap listener: copies go on the main queue, nothing else (the tap's
    thread must never wait on the agent)."""

    def __init__(self, q: queue.Queue[Item]):
        self.q = q

    def on_till_bytes(self, data: bytes, now: float) -> None:
        self.q.put(TillBytes(data, now))

    def on_printer_bytes(self, data: bytes, now: float) -> None:
        self.q.put(PrinterBytes(data, now))

    def on_job_end(self, now: float) -> None:
        self.q.put(JobEnd(now))

    def on_link(self, side: str, up: bool, detail: str, now: float) -> None:
        self.q.put(Link(side, up, detail, now))

    def on_job_start(self, peer: str, now: float) -> None:
        self.q.put(JobStart(peer, now))

    def on_job_flag(self, flag: str, now: float) -> None:
        self.q.put(JobFlag(flag, now))
