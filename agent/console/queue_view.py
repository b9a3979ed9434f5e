"""The till queue page's figures in words: what ``agent status`` knows, said
for the kitchen and the office (alarms from agent/runtime/alarms.py)."""

from __future__ import annotations

from typing import Any

from agent.clock import parse_rfc3339
from agent.config import Config, site_zone
from agent.journal.sync_summary import human_age, read_till_queue
from agent.runtime import runtime_json
from agent.uk_dates import uk_when

HUB_WORDS = {
    "online": "Connected",
    "offline": "Not reachable: sales are kept on the till and sent when it is back",
    "auth_failed": "Refusing this till's key: sales are kept on the till",
    "starting": "Connecting",
    "disabled": "Not set up on this till",
}
PRINTER_MODES = {"none": "Not watched by the agent", "tcp": "Watched (network)",
                 "usb": "Watched (USB)", "serial": "Watched (serial cable)",
                 "serial-tap": "Watched (serial cable)"}


def device_words(kind: str) -> str:
    return "Fingerprint scanner" if kind == "fingerprint" else "Card reader"


def printer_words(printer: dict[str, Any]) -> str:
    """The receipt printer's state in a few words."""
    status = printer.get("status") or {}
    if status.get("paper_out"):
        return "Out of paper"
    if status.get("cover_open"):
        return "Cover open"
    if printer.get("listening") is False:
        return "Not answering"
    return PRINTER_MODES.get(str(printer.get("mode") or "none"), str(printer.get("mode")))


def _when(at: Any, zone: Any, now: float) -> str:
    try:
        return uk_when(parse_rfc3339(str(at)), zone, now)
    except ValueError:
        return ""


def queue_page_context(cfg: Config, now: float) -> dict[str, Any]:
    """Everything queue.html shows (reads the state directory; no writes)."""
    q = read_till_queue(cfg.state_path, now,
                        roster_stale_after_s=cfg.policy.roster_stale_after_h * 3600)
    rt = runtime_json.read(cfg.state_path) or {}
    devices = [{**d, "words": device_words(str(d.get("kind") or ""))}
               for d in rt.get("devices") or []]
    printer = rt.get("printer") or {}
    hub = HUB_WORDS.get(q.hub_state, "Unknown (the agent is not running)"
                        if not q.daemon_running else q.hub_state.capitalize())
    zone = site_zone(cfg)
    rejected = [{**r, "when": _when(r.get("at"), zone, now)} for r in q.rejected_items]
    return {"q": q, "alarms": q.explained_alarms(zone, now), "hub_words": hub,
            "rejected": rejected,
            "devices": devices, "printer": printer, "printer_words": printer_words(printer),
            "oldest": human_age(q.oldest_pending_age_s) if q.pending else "",
            "last_sync": (human_age(now - q.last_push_ok_at) + " ago"
                          if q.last_push_ok_at else "never"),
            "roster_age": human_age(q.roster_age_s) if q.roster_pulled_at else ""}
