"""The running agent's published state: ``runtime.json`` in the state directory.

The daemon rewrites it atomically every few seconds and on every change, so
``agent status`` and ``agent doctor`` (other processes, possibly run while the
daemon is stopped) can see devices, the printer, sync and alarms without
talking to the daemon. Schema (all keys optional for readers)::

    {"pid": int, "version": str, "started_at": float, "updated_at": float,
     "ready": bool,
     "devices": [DeviceState.to_dict(), ...],           # agent/runtime/device_status.py
     "printer": {"mode": str, ... TapState fields ..., "status": {...PrinterStatus...}},
     "sync": {"state": "online"|"offline"|"auth_failed"|"disabled"|"starting",
              "last_push_ok_at": float|null, "last_pull_ok_at": float|null,
              "last_error": str, "next_attempt_at": float|null},
     "alarms": [str, ...],            # e.g. "journal_write_failed: disk full"
     "console": {"url": str, "port": int, "listen": str} | null,  # where it really
                                      # listens (port 0 in the config: the kernel's pick)
     "stopping": bool,                # set by the last publish of a stopping agent
     "counters": {str: int}}          # receipts, sales, reprints, no_sale, rejected frames...
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from agent.runtime import alarms

RUNTIME_FILE = "runtime.json"


def publish(state_dir: Path | str, data: dict[str, Any]) -> None:
    """Atomically replace the published state (write to a temp file, rename)."""
    path = Path(state_dir) / RUNTIME_FILE
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    data = {**data, "updated_at": time.time()}
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    # dumps, not dump: dump encodes in pure Python chunk by chunk, holding
    # the GIL the main loop needs right after a sale's commit.
    text = json.dumps(data, sort_keys=True)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def read(state_dir: Path | str) -> dict[str, Any] | None:
    """The last published state, or None if there is none (or it is unreadable)."""
    try:
        return json.loads((Path(state_dir) / RUNTIME_FILE).read_text())
    except (OSError, ValueError):
        return None


def daemon_alive(data: dict[str, Any] | None, stale_after_s: float = 30.0) -> bool:
    """Whether the publisher looks alive: it has not published its stop (an
    agent's last publish says ``stopping``), its pid exists and it wrote
    within ``stale_after_s`` (it rewrites every few seconds)."""
    if not data or data.get("stopping"):
        return False
    pid = data.get("pid")
    try:
        os.kill(int(pid), 0)
    except (TypeError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        pass
    return time.time() - float(data.get("updated_at", 0)) < stale_after_s


# Alarms about the roster cache: derived from the cache as it is now (its
# pulled_at), by the daemon and by the commands that read its published state.
ROSTER_ALARMS = (alarms.ROSTER_MISSING, alarms.ROSTER_STALE)


def roster_alarm(pulled_at: float | None, now: float, stale_after_s: float) -> str:
    """The roster alarm for a cache pulled at ``pulled_at`` (None: never), or ""."""
    if not pulled_at:
        return alarms.make(alarms.ROSTER_MISSING,
                           "no roster pulled from the hub yet; every card is unknown")
    if now - pulled_at > stale_after_s:
        return alarms.make(alarms.ROSTER_STALE, f"the roster is {(now - pulled_at) / 3600:.0f} h "
                           "old; balances may be out of date")
    return ""
