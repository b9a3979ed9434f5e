"""Show the till queue: journaled sales, what still waits for the hub, what the
hub rejected, the oldest pending sale, the last successful sync and the
roster's age. Reads the state directory only; works with the daemon stopped."""

from __future__ import annotations

import json
import time

from agent.config import load_config
from agent.till_queue import human_age, read_till_queue

HELP = "show the till queue (pending sync, rejected, last sync, roster age)"


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _printer_tap(state_dir) -> str:
    """The running tap's listener, in one line: listening or not, and what it
    refused or cut short ("" without a TCP/USB tap)."""
    from agent import runtime_state
    from agent.doctor_devices import listener_guard

    printer = (runtime_state.read(state_dir) or {}).get("printer") or {}
    if printer.get("listening") is None:  # no tap, or a serial one
        return ""
    state = "listening" if printer["listening"] else "NOT listening (printer unreachable)"
    guard = listener_guard(printer)
    return f"{state}, {printer.get('jobs', 0)} job(s)" + (f"; {guard}" if guard else "")


def run(args) -> int:
    cfg = load_config(args.config, args.state_dir)
    now = time.time()
    q = read_till_queue(cfg.state_path, now)
    if args.json:
        print(json.dumps({"till_id": cfg.till_id, "state_dir": str(cfg.state_path),
                          **q.to_dict()}, indent=2, sort_keys=True))
        return 1 if q.error else 0
    print(f"till {cfg.till_id}  (state: {cfg.state_path})")
    print(f"  agent daemon      : {'running' if q.daemon_running else 'not running'}")
    print(f"  hub               : {q.hub_state}")
    print(f"  journaled         : {q.journaled}")
    print(f"  pending sync      : {q.pending}"
          + (f"  (oldest {human_age(q.oldest_pending_age_s)} ago)" if q.pending else ""))
    print(f"  synced            : {q.accepted + q.duplicate}"
          f"  (accepted {q.accepted}, already at hub {q.duplicate})")
    print(f"  rejected by hub   : {q.rejected}")
    for r in q.rejected_items:
        print(f"      seq {r['seq']} {r['id']}: {r['reason']}")
    last = human_age(now - q.last_push_ok_at) + " ago" if q.last_push_ok_at else "never"
    print(f"  last sync         : {last}")
    roster = (f"{q.roster_pupils} pupils, {human_age(q.roster_age_s)} old"
              if q.roster_pulled_at else "not pulled yet")
    print(f"  roster            : {roster}")
    tap = _printer_tap(cfg.state_path) if q.daemon_running else ""
    if tap:
        print(f"  printer tap       : {tap}")
    if q.recovered_at_start:
        print(f"  recovered at start: {q.recovered_at_start} receipt(s) printed as the agent "
              "stopped (flag recovered_after_restart: no card or finger attached)")
    for a in q.alarms:
        print(f"  ALARM             : {a}")
    if q.error:
        print(f"  error             : {q.error}")
        return 1
    return 0
