"""Show the till: the agent daemon, each device and the printer, the
journal's hash chain, journaled sales, what still waits for the hub, what
the hub rejected, the oldest pending sale, the last successful sync, the
roster's age, the receipts the office has to check (held ones and spot
checks, as the console's till queue counts them) and the alarms. Reads the
state directory only; works with the daemon stopped, and then says that
what it last published is from a stopped agent, with the time.

Exit status: 0 the journal is intact (devices and alarms are shown, not
judged: `agent doctor` does that), 1 the state directory cannot be read or
the journal is damaged, 2 a configuration problem.
"""

from __future__ import annotations

import json
import sqlite3

from agent.clock import Clock, rfc3339
from agent.config import load_config, site_zone
from agent.journal.sync_summary import human_age, read_till_queue
from agent.journal.types import JournalError
from agent.runtime.state_dir import require_readable

HELP = "show the till: daemon, devices, journal, queue (pending sync, rejected), roster"


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _devices(cfg) -> list:
    """The readers, scanners and printer as doctor's device checks see them
    (the node present and openable; in use and its last data when the
    daemon runs): one place decides what a device's state is."""
    from agent.doctor import devices as doctor_devices
    from agent.doctor.base import Context, skip

    ctx = Context(cfg)
    found = []
    for fn in (doctor_devices.readers, doctor_devices.printer):
        try:
            got = fn(ctx)
        except Exception as exc:  # noqa: BLE001 - a device we cannot judge is said so
            got = skip(f"devices.{fn.__name__}", f"cannot tell ({type(exc).__name__}: {exc})")
        found += got if isinstance(got, list) else [got]
    return found


def _daemon_line(q, now: float) -> str:
    if q.daemon_running:
        return f"running (pid {q.daemon_pid})" if q.daemon_pid else "running"
    if q.published_at is None:
        return "not running (it has never published its state here)"
    return (f"NOT RUNNING: last seen {human_age(max(0.0, now - q.published_at))} ago "
            f"({rfc3339(q.published_at)}); what it published then is shown as its last run's")
def _printer_tap(state_dir) -> str:
    """The running tap's listener, in one line: listening or not, and what it
    refused or cut short ("" without a TCP/USB tap)."""
    from agent.doctor.devices import listener_guard
    from agent.runtime import runtime_json

    printer = (runtime_json.read(state_dir) or {}).get("printer") or {}
    if printer.get("listening") is None:  # no tap, or a serial one
        return ""
    state = "listening" if printer["listening"] else "NOT listening (printer unreachable)"
    guard = listener_guard(printer)
    return f"{state}, {printer.get('jobs', 0)} job(s)" + (f"; {guard}" if guard else "")


def _open_journal(cfg):
    """The state directory's journal, read-only, opened once for every figure
    status shows (None: no journal yet, or it cannot be opened: the journal
    line says why)."""
    from agent.journal.store import JOURNAL_FILE, Journal

    if not (cfg.state_path / JOURNAL_FILE).exists():
        return None
    try:
        return Journal.in_state_dir(cfg.state_path, readonly=True)
    except JournalError:
        return None


def _retention(cfg, now: float, journal) -> dict | None:
    """The journal's size and retention (agent.journal.retention.retention_report),
    or {"error": ...}; None without a journal."""
    from agent.journal.retention import read_retention

    if journal is None:
        return None
    try:
        return read_retention(cfg.state_path, cfg, now, journal)
    except Exception as exc:  # a damaged file: the journal line says so; never crash status
        return {"error": str(exc)}


# What a damaged journal file raises: said by the journal line; anything
# else is a bug, and status fails loudly rather than leave a line out.
_DAMAGED = (JournalError, sqlite3.DatabaseError)


def _flagged(cfg, now: float, journal) -> list[dict]:
    """The latest flagged sales as the till queue page lists them ([] without a journal)."""
    from agent.console.queue_view import flagged_sales

    if journal is None:
        return []
    try:
        return flagged_sales(journal, site_zone(cfg), now)
    except _DAMAGED:  # a damaged file: the journal line says what is wrong
        return []


def _to_check(cfg, now: float, journal) -> dict | None:
    """The receipts Receipts to check asks about now, held and spot checks
    (``review_view.waiting_summary``, as the till queue page counts them);
    None without a readable journal."""
    from agent.console.review_view import waiting_summary

    if journal is None:
        return None
    try:
        return waiting_summary(journal, site_zone(cfg), now)
    except _DAMAGED:  # a damaged file: the journal line says what is wrong
        return None


def _receipt_reading(cfg, config_path, journal, now: float | None = None) -> dict | None:
    """How well this till's receipts are read (agent.sale.receipt_reading,
    as doctor's receipts.reading says it); None without a readable journal."""
    from agent.sale.receipt_reading import read_receipt_reading

    if journal is None:
        return None
    try:
        r = read_receipt_reading(journal, cfg, now)
    except _DAMAGED:  # a damaged file: the journal line says what is wrong
        return None
    return {**r.to_dict(config_path, cfg.state_path), "summary": r.summary()}


def run(args) -> int:
    cfg = load_config(args.config, args.state_dir)
    require_readable(cfg.state_path, "agent status")
    now = Clock().wall()  # a test pins it (agent.clock)
    journal = _open_journal(cfg)
    try:
        return _show(args, cfg, now, journal)
    finally:
        if journal is not None:
            journal.close()


def _show(args, cfg, now: float, journal) -> int:
    q = read_till_queue(cfg.state_path, now, verify=True,
                        roster_stale_after_s=cfg.policy.roster_stale_after_h * 3600,
                        journal=journal)
    devices = _devices(cfg)
    retention = _retention(cfg, now, journal)
    failed = bool(q.error or q.journal_damaged)
    reading = _receipt_reading(cfg, cfg.source, journal, now)
    to_check = _to_check(cfg, now, journal)
    if args.json:
        print(json.dumps({"till_id": cfg.till_id, "state_dir": str(cfg.state_path),
                          "devices": [{"name": f.name, "status": f.status,
                                       "summary": f.summary} for f in devices],
                          "journal_retention": retention, "receipt_reading": reading,
                          "receipts_to_check": to_check,
                          **q.to_dict()}, indent=2, sort_keys=True))
        return 1 if failed else 0
    print(f"till {cfg.till_id}  (state: {cfg.state_path})")
    print(f"  agent daemon      : {_daemon_line(q, now)}")
    for f in devices:
        label = f.name.removeprefix("devices.").replace(".", " ", 1)
        mark = {"fail": "FAULT: ", "warn": "WARNING: "}.get(f.status, "")
        print(f"  {label:<18}: {mark}{f.summary}")
    hub = q.hub_state if q.daemon_running else "unknown (the agent is not running)"
    print(f"  hub               : {hub}")
    if q.journal_damaged:
        chain = f"DAMAGED: {q.journal_damaged}; run `agent journal verify`, keep the file"
    elif q.journal_verified is not None:
        chain = f"hash chain intact ({q.journal_verified} entries)"
    else:
        chain = "no journal yet"
    print(f"  journal           : {chain}")
    print(f"  journaled         : {q.journaled}")
    if retention and "error" not in retention:
        from agent.journal.retention import describe, describe_blocked

        print(f"  journal size      : {describe(retention)}")
        if retention["blocked_by"]:
            print(f"  retention         : blocked by {describe_blocked(retention['blocked_by'])}")
    print(f"  pending sync      : {q.pending}"
          + (f"  (oldest {human_age(q.oldest_pending_age_s)} ago)" if q.pending else ""))
    print(f"  synced            : {q.accepted + q.duplicate}"
          f"  (accepted {q.accepted}, already at hub {q.duplicate})")
    refused = str(q.rejected)
    if q.rejected:
        refused += (f"  (latest seq {q.rejected_last_seq} at {q.rejected_last_at}; "
                    + (f"{q.rejected_new} not yet acknowledged: `agent journal ack-rejected` "
                       "once dealt with)" if q.rejected_new else "all acknowledged)"))
    print(f"  rejected by hub   : {refused}")
    for r in q.rejected_items:
        print(f"      seq {r['seq']} {r['id']}: {r['reason']}")
    if to_check is not None:
        from agent.console.review_view import to_check_words

        said = (to_check_words(to_check) + " (the console's Receipts to check page)"
                if to_check["count"] else "none")
        print(f"  office checks     : {said}")
    flagged = _flagged(cfg, now, journal)
    if flagged:
        print(f"  sales to check    : {len(flagged)} flagged (latest first; the console's "
              "till queue page says the same)")
    for s in flagged:
        unsure = " (time unsure: the clock was not checked)" if s["time_unsure"] else ""
        print(f"      seq {s['seq']} {s['when']}{unsure}: {s['what']}, paid by {s['paid']}")
        for f in s["flags"]:
            print(f"          {f['code']}: {f['stated']} {f['action']}")
    if reading is not None:
        mark = {"warn": "WARNING: "}.get(reading["verdict"], "")
        print(f"  receipts read     : {mark}{reading['summary']}")
        if reading["advice"] and reading["verdict"] != "not known":
            print(f"      {'to do' if reading['verdict'] == 'warn' else 'note'}: "
                  f"{reading['advice']}")
    last = human_age(now - q.last_push_ok_at) + " ago" if q.last_push_ok_at else "never"
    print(f"  last sync         : {last}")
    roster = (f"{q.roster_pupils} pupils, {human_age(q.roster_age_s)} old"
              if q.roster_pulled_at else "not pulled yet")
    print(f"  roster            : {roster}")
    if q.roster_counters:
        from sync.roster_counters import describe as describe_counters

        print(f"  roster extras     : {describe_counters(q.roster_counters)}")
    tap = _printer_tap(cfg.state_path) if q.daemon_running else ""
    if tap:
        print(f"  printer tap       : {tap}")
    if q.recovered_at_start:
        print(f"  recovered at start: {q.recovered_at_start} receipt(s) printed as the agent "
              "stopped (flag recovered_after_restart: no card or finger attached)")
    for a in q.explained_alarms(site_zone(cfg), now):
        print(f"  ALARM             : {a.alarm}")
        # What the kitchen/office is told on the console, for the technician on the phone.
        print(f"      staff are told: {a.sentence} {a.action}")
    if q.last_run_alarms:
        when = rfc3339(q.published_at) if q.published_at else "an unknown time"
        print(f"  last run's alarms (not current: the agent stopped; as of {when}):")
        for a in q.last_run_alarms:
            print(f"      {a}")
    if any(f.status == "fail" for f in devices):
        print("  (`agent doctor` says what to do about each FAULT)")
    if q.error:
        print(f"  error             : {q.error}")
    return 1 if failed else 0
