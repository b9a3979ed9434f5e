"""What the simulated hub checks against the contract (``sync/protocol.md``):
each field of a pushed Transaction (``invalid_field``), the errors a request
as a whole earns (``BadRequest``: 400, ``TooLarge``: 413), the text two
transactions are compared by (``canonical``), and the fleet alarms a till's
health report raises (``retention_alarm``, ``disk_alarm``). Pure functions;
``hwsim.hub_core.HubCore`` and the HTTP shell use them."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

KINDS = ("sale", "refund", "void", "manual")
IDENTIFIED_BY = (None, "card", "biometric", "pin", "name", "receipt", "manual")
AT_TILL_METHODS = ("card", "biometric", "pin", "name")

_ID_RE = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


class BadRequest(Exception):
    """The request as a whole is malformed (HTTP 400)."""


class TooLarge(Exception):
    """The batch breaks the contract's size limits (HTTP 413)."""


def canonical(obj: Any) -> str:
    """The JSON text two transactions are compared by: key order and
    whitespace do not make content different."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def is_int(v: Any) -> bool:
    """Whether ``v`` is a JSON integer (not a boolean)."""
    return type(v) is int  # bool is an int subclass: true/false are not numbers here


def _is_time(v: Any) -> bool:
    return report_time(v) is not None


def _is_line(v: Any) -> bool:
    return (isinstance(v, dict) and isinstance(v.get("description"), str)
            and is_int(v.get("quantity")) and is_int(v.get("amount_pence")))


def invalid_field(txn: dict, till_id: str) -> str | None:
    """The first field of ``txn`` that breaks the contract's Transaction
    table (or names another till than the path), else None."""
    checks: tuple[tuple[str, Any], ...] = (
        ("id", lambda v: isinstance(v, str) and _ID_RE.fullmatch(v)),
        ("till_id", lambda v: v == till_id),
        ("seq", lambda v: is_int(v) and v >= 1),
        ("kind", lambda v: v in KINDS),
        ("occurred_at", _is_time),
        ("clock_synced", lambda v: isinstance(v, bool)),
        ("pupil_id", lambda v: v is None or (isinstance(v, str) and v != "")),
        ("identified_by", lambda v: v in IDENTIFIED_BY),
        ("receipt_no", lambda v: v is None or isinstance(v, str)),
        ("lines", lambda v: isinstance(v, list) and all(_is_line(x) for x in v)),
        ("total_pence", is_int),
        ("tender", lambda v: isinstance(v, str) and v != ""),
        ("offline", lambda v: isinstance(v, bool)),
        ("flags", lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v)),
    )
    for name, ok in checks:
        if name not in txn or not ok(txn[name]):
            return name
    at = txn.get("identified_at_till")  # optional: who the till identified (account_mismatch)
    if at is not None and not (isinstance(at, dict) and isinstance(at.get("pupil_id"), str)
                               and at.get("identified_by") in AT_TILL_METHODS):
        return "identified_at_till"
    parts = txn.get("tenders")  # optional: a split payment's parts, adding up to the total
    if parts is not None and not (
            isinstance(parts, list) and len(parts) >= 2 and txn["kind"] in ("sale", "refund")
            and all(isinstance(p, dict) and isinstance(p.get("tender"), str) and p["tender"]
                    and is_int(p.get("amount_pence")) for p in parts)
            and sum(p["amount_pence"] for p in parts) == txn["total_pence"]):
        return "tenders"
    return None


# --- fleet alarms from a till's health report ------------------------------------------

# A till whose retention has been blocked this long, or whose disk is this
# full, is named to the provider (the contract's health report, journal part).
RETENTION_BLOCKED_ALARM_S = 7 * 86400.0
DISK_LOW_FRACTION = 0.10


def report_time(v: Any) -> float | None:
    """A contract time as epoch seconds; None unless it is one (the regex
    fixes the shape, ``fromisoformat`` checks the ranges)."""
    if not isinstance(v, str) or not _TIME_RE.fullmatch(v):
        return None
    try:
        return datetime.fromisoformat(v[:23]).replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None


def retention_alarm(rep: dict, now: float) -> str | None:
    journal = rep.get("journal") if isinstance(rep.get("journal"), dict) else {}
    blocked = journal.get("blocked_by")
    if not isinstance(blocked, dict):
        return None
    since = report_time(blocked.get("since"))
    if since is None or now - since <= RETENTION_BLOCKED_ALARM_S:
        return None
    return (f"retention_blocked: seq {blocked.get('seq')} ({blocked.get('status')}) has kept "
            f"the journal past its retention for {(now - since) / 86400:.0f} days")


def disk_alarm(rep: dict) -> str | None:
    free, total = rep.get("disk_free_bytes"), rep.get("disk_total_bytes")
    if not (isinstance(free, int) and isinstance(total, int) and total > 0):
        return None
    if free >= total * DISK_LOW_FRACTION:
        return None
    return f"disk_low: {free / 1024**2:,.0f} MB free of {total / 1024**2:,.0f} MB " \
           f"({100 * free / total:.1f}%)"
