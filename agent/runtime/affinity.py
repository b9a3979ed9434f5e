"""Keeping the agent on one CPU, and its sale path first on it.

The agent is one Python process whose threads hand each receipt on to one
another (tap thread -> main loop; the commit releases the GIL to the sync
and publisher threads and takes it back). Spread over several CPUs, each
hand-off wakes another, often idle, CPU and runs on its cold caches: on the
2-core VM the benchmarks run on, receipt -> journal p50 went from ~1.5 ms to
~1.0 ms and p99 from ~2.4 ms to ~1.6 ms with the process on one CPU
(``tests/bench/bench_runtime.py``). The GIL lets only one thread run Python
at a time anyway, so one CPU costs the agent nothing.

``cpu`` in the config: ``"auto"`` (default) pins to the highest-numbered CPU
the process may use (CPU 0 usually takes most device interrupts), and only
when it may use more than one; ``"off"`` leaves scheduling alone; a number
(``"3"``) pins to that CPU. Threads started afterwards inherit the setting,
so the runtime pins before it starts any.

On that one CPU, the threads off the sale's path run at a lower priority
(``background``: nice +10, for the calling thread alone): the publisher,
the checkpointer, the sync loop, the device readers, and a print job's tap
session once the till has sent the whole job (its teardown). A sale's
journal commit releases the GIL while SQLite works; a thread that woke
meanwhile would otherwise be preferred by the scheduler, as a thread that
slept, and run first, with the commit waiting behind it. At a lower
priority they run while the commit waits for the disk and between sales;
they are never starved (the main loop sleeps between sales). The tap's
forwarding and hand-off keep their priority: a tap session at nice +10
from the start lost its CPU to the main loop it had just woken, in the
middle of handing the bytes over. Measured with
``tests/bench/bench_runtime.py``; see the README's Benchmarks.
"""

from __future__ import annotations

import logging
import os
import threading

log = logging.getLogger("agent.runtime.affinity")


def choose(setting: str, allowed: set[int]) -> int | None:
    """The CPU to pin to for ``setting`` when the process may use
    ``allowed``; None to leave it alone. Raises ValueError for a CPU the
    process may not use or a setting that is not auto/off/a number."""
    s = setting.strip().lower()
    if s == "off":
        return None
    if s == "auto":
        return max(allowed) if len(allowed) > 1 else None
    if not s.isdigit():
        raise ValueError(f"cpu: {setting!r} is not 'auto', 'off' or a CPU number")
    cpu = int(s)
    if cpu not in allowed:
        raise ValueError(f"cpu: CPU {cpu} is not one this process may use "
                         f"({', '.join(map(str, sorted(allowed)))})")
    return cpu


def pin(setting: str) -> int | None:
    """Pin the calling thread (and the threads it starts later) as
    ``setting`` says; returns the CPU, or None when nothing was pinned. A
    CPU that cannot be used is logged and ignored: the agent runs anyway."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    try:
        cpu = choose(setting, set(os.sched_getaffinity(0)))
        if cpu is not None:
            os.sched_setaffinity(0, {cpu})
    except ValueError as exc:
        log.warning("not pinning the agent to a CPU: %s", exc)
        return None
    except OSError as exc:  # e.g. refused by a seccomp filter (our unit's)
        log.warning("not pinning the agent to a CPU (%s): under systemd, give the unit "
                    "CPUAffinity= (agent install-service does)", exc.strerror or exc)
        return None
    if cpu is not None:
        log.debug("agent pinned to CPU %d", cpu)
    return cpu


#: How much lower than the main loop the other threads run (nice steps).
BACKGROUND_NICE = 10


def background() -> bool:
    """Lower the calling thread's CPU priority to ``BACKGROUND_NICE`` steps
    below the process's (only this thread: Linux sets nice per thread), from
    a thread off the sale's path (see the module's docstring). Best effort:
    False when refused (no ``setpriority``, or a seccomp filter that denies
    it); the agent works the same, only a sale may wait behind it."""
    if not hasattr(os, "setpriority"):
        return False
    try:
        tid = threading.get_native_id()
        base = os.getpriority(os.PRIO_PROCESS, os.getpid())
        os.setpriority(os.PRIO_PROCESS, tid, min(19, base + BACKGROUND_NICE))
    except OSError as exc:
        log.debug("thread %s keeps its CPU priority (%s)", threading.current_thread().name,
                  exc.strerror or exc)
        return False
    return True
