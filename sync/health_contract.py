"""The till's health report in the hub contract (sync/protocol.md, "Health
report"): its fields and limits, and the strict check of a report before it
is sent (``POST /v1/tills/{till_id}/health``). Built on the scalar checks of
``sync.contract``."""

from __future__ import annotations

from typing import Any

from sync.contract import MAX_SEQ, ContractError
from sync.contract_checks import _bool, _int, _obj, _opt_int, _opt_str, _str, _str_list, parse_time

# ``POST /v1/tills/{till_id}/health``: what a provider sees of a till it cannot
# reach. Figures about the till only: no pupil, card, name or token, ever.
HEALTH_FIELDS = ("till_id", "sent_at", "agent_version", "started_at", "queue",
                 "last_push_ok_at", "last_roster_pull_at", "devices", "printer", "alarms",
                 "disk_free_bytes", "disk_total_bytes", "journal")
HEALTH_JOURNAL_FIELDS = ("bytes", "entries", "oldest_entry_at", "anchor_seq",
                         "retention_school_years", "retention_last_run_at", "blocked_by")
HEALTH_BLOCKED_FIELDS = ("seq", "status", "since")
HEALTH_QUEUE_FIELDS = ("pending", "rejected", "oldest_pending_at")
HEALTH_DEVICE_FIELDS = ("name", "kind", "connected", "errors")
HEALTH_PRINTER_FIELDS = ("mode", "vendor_model", "online", "paper_out")
MAX_HEALTH_BYTES = 16 * 1024
MAX_HEALTH_DEVICES = 16
MAX_HEALTH_ALARMS = 32


def _opt_time(v: Any, where: str) -> float | None:
    return None if v is None else parse_time(v, where)


def _opt_bool(v: Any, where: str) -> bool | None:
    return None if v is None else _bool(v, where)


def validate_health_report(obj: Any) -> None:
    """Check a health report (the body of ``POST .../health``) before it is
    sent: exactly the documented fields, each of its type; ContractError
    names the first problem."""
    w = "health"
    o = _obj(obj, w)
    if set(o) != set(HEALTH_FIELDS):
        raise ContractError(f"{w}: fields must be exactly {', '.join(HEALTH_FIELDS)}")
    _str(o["till_id"], f"{w}.till_id", max_len=64)
    parse_time(o["sent_at"], f"{w}.sent_at")
    _str(o["agent_version"], f"{w}.agent_version", max_len=64)
    parse_time(o["started_at"], f"{w}.started_at")
    q = _obj(o["queue"], f"{w}.queue")
    if set(q) != set(HEALTH_QUEUE_FIELDS):
        raise ContractError(f"{w}.queue: fields must be exactly {', '.join(HEALTH_QUEUE_FIELDS)}")
    _int(q["pending"], f"{w}.queue.pending", 0, MAX_SEQ)
    _int(q["rejected"], f"{w}.queue.rejected", 0, MAX_SEQ)
    _opt_time(q["oldest_pending_at"], f"{w}.queue.oldest_pending_at")
    _opt_time(o["last_push_ok_at"], f"{w}.last_push_ok_at")
    _opt_time(o["last_roster_pull_at"], f"{w}.last_roster_pull_at")
    devices = o["devices"]
    if not isinstance(devices, list) or len(devices) > MAX_HEALTH_DEVICES:
        raise ContractError(f"{w}.devices: expected a list of at most {MAX_HEALTH_DEVICES}")
    for i, d in enumerate(devices):
        dw = f"{w}.devices[{i}]"
        d = _obj(d, dw)
        if set(d) != set(HEALTH_DEVICE_FIELDS):
            raise ContractError(f"{dw}: fields must be exactly {', '.join(HEALTH_DEVICE_FIELDS)}")
        _str(d["name"], f"{dw}.name", max_len=64)
        _str(d["kind"], f"{dw}.kind", max_len=32, allow_empty=True)
        _bool(d["connected"], f"{dw}.connected")
        _int(d["errors"], f"{dw}.errors", 0, MAX_SEQ)
    p = _obj(o["printer"], f"{w}.printer")
    if set(p) != set(HEALTH_PRINTER_FIELDS):
        raise ContractError(f"{w}.printer: fields must be exactly "
                            f"{', '.join(HEALTH_PRINTER_FIELDS)}")
    _str(p["mode"], f"{w}.printer.mode", max_len=32)
    _opt_str(p["vendor_model"], f"{w}.printer.vendor_model", max_len=64)
    _opt_bool(p["online"], f"{w}.printer.online")
    _opt_bool(p["paper_out"], f"{w}.printer.paper_out")
    _str_list(o["alarms"], f"{w}.alarms", max_items=MAX_HEALTH_ALARMS, max_len=200)
    _opt_int(o["disk_free_bytes"], f"{w}.disk_free_bytes", 0, 2**62)
    _opt_int(o["disk_total_bytes"], f"{w}.disk_total_bytes", 0, 2**62)
    if o["journal"] is not None:
        _validate_health_journal(o["journal"], f"{w}.journal")


def _validate_health_journal(obj: Any, w: str) -> None:
    j = _obj(obj, w)
    if set(j) != set(HEALTH_JOURNAL_FIELDS):
        raise ContractError(f"{w}: fields must be exactly {', '.join(HEALTH_JOURNAL_FIELDS)}")
    _int(j["bytes"], f"{w}.bytes", 0, 2**62)
    _int(j["entries"], f"{w}.entries", 0, MAX_SEQ)
    _opt_time(j["oldest_entry_at"], f"{w}.oldest_entry_at")
    _int(j["anchor_seq"], f"{w}.anchor_seq", 0, MAX_SEQ)
    _int(j["retention_school_years"], f"{w}.retention_school_years", 0, 50)
    _opt_time(j["retention_last_run_at"], f"{w}.retention_last_run_at")
    if j["blocked_by"] is not None:
        bw = f"{w}.blocked_by"
        b = _obj(j["blocked_by"], bw)
        if set(b) != set(HEALTH_BLOCKED_FIELDS):
            raise ContractError(f"{bw}: fields must be exactly {', '.join(HEALTH_BLOCKED_FIELDS)}")
        _int(b["seq"], f"{bw}.seq", 1, MAX_SEQ)
        _str(b["status"], f"{bw}.status", max_len=32)
        _opt_time(b["since"], f"{bw}.since")
