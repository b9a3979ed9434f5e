"""The till's health report: what ``runtime.json`` says, in the contract's
"Till health" shape (sync/protocol.md), for the hub and the textfile.

Pure: built from a published runtime snapshot (agent/runtime/runtime_json.py) plus
what the caller measured (disk free, the roster's pull time). Only figures
about the till go in: device names are the config's, alarms the operator's
words (no ids), the printer its mode and USB id; never a pupil, card, name,
receipt line or token.
"""

from __future__ import annotations

from typing import Any

from agent.clock import parse_rfc3339, rfc3339

MAX_ALARM_CHARS = 200
MAX_ALARMS = 32
MAX_DEVICES = 16


def _time(t: Any) -> str | None:
    try:
        return rfc3339(float(t)) if t else None
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _count(v: Any) -> int:
    return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else 0


def _clip(s: str, n: int) -> str:
    s = "".join(c if c.isprintable() else " " for c in s)
    return s if len(s) <= n else s[: n - 3] + "..."


def printer_vendor_model(printer: dict[str, Any], usb_id: str) -> str | None:
    """What the till knows of the printer's make: its USB vendor:product id
    when it is a USB printer; the agent never queries a printer, so a
    network or serial printer's model is unknown."""
    if printer.get("mode") == "usb" and usb_id:
        return f"usb {usb_id.lower()}"
    return None


def journal_health(retention: dict[str, Any] | None) -> dict[str, Any] | None:
    """The report's ``journal`` object from ``agent.journal.retention.retention_report``
    (None: no journal yet): its size, entries, oldest entry, anchor, the last
    retention run and what blocks the next drop (a seq and a sync status;
    never the entry itself)."""
    if not retention:
        return None
    anchor = retention.get("anchor") or {}
    blocked = retention.get("blocked_by")
    return {
        "bytes": _count(retention.get("bytes")),
        "entries": _count(retention.get("entries")),
        "oldest_entry_at": _time_text(retention.get("oldest_entry_at")),
        "anchor_seq": _count(anchor.get("seq", 0)),
        "retention_school_years": _count(retention.get("school_years")),
        "retention_last_run_at": _time_text(retention.get("last_run_at")),
        "blocked_by": ({"seq": _count(blocked.get("seq")),
                        "status": _clip(str(blocked.get("status", "")), 32),
                        "since": _time_text(blocked.get("since"))}
                       if isinstance(blocked, dict) else None),
    }


def _time_text(t: Any) -> str | None:
    """An RFC 3339 time as the journal wrote it, normalised (None if not one)."""
    try:
        return rfc3339(parse_rfc3339(t)) if isinstance(t, str) and t else None
    except ValueError:
        return None


def health_report(snap: dict[str, Any], *, now: float, disk_free_bytes: int | None,
                  roster_pulled_at: float | None, usb_id: str = "",
                  disk_total_bytes: int | None = None,
                  journal: dict[str, Any] | None = None) -> dict[str, Any]:
    """The contract's health object from a runtime snapshot (``_complete``d:
    with its ``queue``); ``journal`` is the state directory's
    ``retention_report`` (None: not known)."""
    queue = snap.get("queue") or {}
    sync = snap.get("sync") or {}
    printer = snap.get("printer") or {}
    status = printer.get("status") or {}
    online = status.get("online")
    if online is None and "listening" in printer and printer.get("mode") in ("tcp", "usb"):
        online = bool(printer.get("listening"))
    devices = []
    for d in (snap.get("devices") or [])[:MAX_DEVICES]:
        devices.append({"name": _clip(str(d.get("name", "?")), 64) or "?",
                        "kind": _clip(str(d.get("kind", "")), 32),
                        "connected": bool(d.get("connected", False)),
                        "errors": _count(d.get("errors", 0))})
    return {
        "till_id": str(snap.get("till_id", "")),
        "sent_at": rfc3339(now),
        "agent_version": _clip(str(snap.get("version", "unknown")), 64),
        "started_at": _time(snap.get("started_at")) or rfc3339(now),
        "queue": {"pending": _count(queue.get("pending", 0)),
                  "rejected": _count(queue.get("rejected", 0)),
                  "oldest_pending_at": _time(queue.get("oldest_pending_at"))},
        "last_push_ok_at": _time(sync.get("last_push_ok_at")),
        "last_roster_pull_at": _time(roster_pulled_at),
        "devices": devices,
        "printer": {"mode": str(printer.get("mode", "none")),
                    "vendor_model": printer_vendor_model(printer, usb_id),
                    "online": online if isinstance(online, bool) else None,
                    "paper_out": status.get("paper_out") if isinstance(
                        status.get("paper_out"), bool) else None},
        "alarms": [_clip(str(a), MAX_ALARM_CHARS) for a in (snap.get("alarms") or [])
                   ][:MAX_ALARMS],
        "disk_free_bytes": disk_free_bytes if isinstance(disk_free_bytes, int) else None,
        "disk_total_bytes": disk_total_bytes if isinstance(disk_total_bytes, int) else None,
        "journal": journal_health(journal),
    }
