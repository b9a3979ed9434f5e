"""Inspect the journal.

  agent journal verify                 walk the hash chain; exit 0 if intact,
                                       1 naming the first damaged seq
  agent journal export --format csv    sales and meal attendance, for manual
                                       entry into the provider's site when sync
                                       is impossible
  agent journal show SEQ               one entry, with its captured receipt text
  agent journal prune [--dry-run]      drop what retention says is due now
                                       (agent/journal/retention.py), outside the night
                                       window; refused while the agent runs (it
                                       prunes by itself at night)
  agent journal ack-rejected           say the hub's refusals so far were looked at:
                                       the sales_rejected alarm clears until the
                                       hub refuses another sale (they stay rejected)
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import IO

from agent import csv_cells
from agent.config import load_config
from agent.journal.retention import describe_anchor
from agent.journal.store import JOURNAL_FILE, Journal, JournalError
from agent.outfile import private_file
from agent.runtime.state_dir import require_readable

HELP = "verify, export or show the journal"

EXPORT_FIELDS = ["seq", "id", "occurred_at", "kind", "pupil_id", "identified_by", "receipt_no",
                 "items", "total_pence", "tender", "offline", "flags", "sync_status"]


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="journal_cmd", required=True, metavar="ACTION")
    sub.add_parser("verify", help="walk the hash chain and report the first damaged seq")
    ex = sub.add_parser("export", help="export sales and meal attendance (csv or jsonl)")
    ex.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    ex.add_argument("--since", metavar="YYYY-MM-DD", type=date.fromisoformat,
                    help="only transactions that occurred on or after this date")
    ex.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    sh = sub.add_parser("show", help="show one entry and its captured receipt")
    sh.add_argument("seq", type=int)
    pr = sub.add_parser("prune", help="drop acknowledged entries older than the retention "
                        "(the agent must be stopped)")
    pr.add_argument("--dry-run", action="store_true",
                    help="say what would be dropped and what blocks the rest; change nothing")
    sub.add_parser("ack-rejected", help="acknowledge the sales the hub refused so far: the "
                   "sales_rejected alarm clears until another is refused")


def _journal_path(cfg) -> Path | None:
    """The till's journal file; None, said on stderr, when nothing was
    journaled on this till yet."""
    path = cfg.state_path / JOURNAL_FILE
    if not path.exists():
        print(f"{path}: no journal yet (nothing journaled on this till).", file=sys.stderr)
        return None
    return path


def _open(args) -> Journal | None:
    cfg = load_config(args.config, args.state_dir)
    require_readable(cfg.state_path, f"agent journal {args.journal_cmd}")
    path = _journal_path(cfg)
    return None if path is None else Journal(path, readonly=True)


def run(args) -> int:
    if args.journal_cmd == "prune":
        return _prune(args)
    if args.journal_cmd == "ack-rejected":
        return _ack_rejected(args)
    try:
        journal = _open(args)
    except JournalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if journal is None:
        return 0 if args.journal_cmd != "show" else 1
    with journal:
        if args.journal_cmd == "verify":
            return _verify(journal)
        if args.journal_cmd == "export":
            return _export(journal, args)
        return _show(journal, args.seq)


def _verify(journal: Journal) -> int:
    result = journal.verify()
    if result.ok and result.anchor.seq:
        kept = (f", and {result.kept:,} held for review kept below it (each as recorded when "
                "retention passed over it)" if result.kept else "")
        print(f"{journal.path}: chain intact, verified {result.checked:,} entries from "
              f"{describe_anchor(result.anchor)}{kept}.")
        return 0
    if result.ok:
        print(f"{journal.path}: chain intact, {result.checked} entries verified.")
        return 0
    print(f"{journal.path}: DAMAGED at seq {result.first_bad_seq}: {result.problem} "
          f"({result.checked} entries verified before it).", file=sys.stderr)
    print("fix: stop the agent, keep a copy of the file, and contact the till supplier; "
          "do not delete the journal (it holds unsent sales).", file=sys.stderr)
    return 1


def _export(journal: Journal, args) -> int:
    anchor = journal.anchor()
    if anchor.seq:
        kept = journal.kept_count()
        print(f"the journal starts at seq {anchor.seq + 1:,}: retention dropped the entries "
              f"before it ({describe_anchor(anchor)})"
              + (f" except {kept:,} held for review, exported too" if kept else ""),
              file=sys.stderr)
    if not args.out:
        _write_export(journal, args, sys.stdout)
        return 0
    try:
        with private_file(args.out, "w", newline="") as out:  # 0600, atomic, no links
            n = _write_export(journal, args, out)
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"exported {n} transactions to {args.out}", file=sys.stderr)
    return 0


def _write_export(journal: Journal, args, out: IO[str]) -> int:
    """Write the export to ``out``; returns how many transactions."""
    status = journal.sync_status_map()
    since = args.since.isoformat() if args.since else None
    n = 0
    writer = csv_cells.writer(out) if args.format == "csv" else None
    if writer:
        writer.writerow(EXPORT_FIELDS)
    for e in journal.entries():
        t = e.transaction
        occurred = str(t.get("occurred_at") or e.wall_time)
        if since and occurred[:10] < since:
            continue
        sync = status.get(e.seq, "pending")
        if writer:
            items = "; ".join(f"{ln.get('quantity', 1)} x {ln.get('description', '')}"
                              for ln in t.get("lines") or [])
            row = {
                "seq": e.seq, "id": e.id, "occurred_at": occurred, "kind": e.kind,
                "pupil_id": t.get("pupil_id") or "", "identified_by":
                t.get("identified_by") or "", "receipt_no": t.get("receipt_no") or "",
                "items": items, "total_pence": t.get("total_pence", ""),
                "tender": t.get("tender") or "", "offline": t.get("offline", ""),
                "flags": " ".join(t.get("flags") or []), "sync_status": sync,
            }
            writer.writerow(row[f] for f in EXPORT_FIELDS)
        else:
            out.write(json.dumps({**t, "sync_status": sync}, sort_keys=True) + "\n")
        n += 1
    return n


def _show(journal: Journal, seq: int) -> int:
    e = journal.get_seq(seq)
    if not e:
        print(f"no entry with seq {seq}", file=sys.stderr)
        return 1
    print(json.dumps({"seq": e.seq, "id": e.id, "kind": e.kind, "wall_time": e.wall_time,
                      "clock_synced": e.clock_synced, "transaction": e.transaction,
                      "hash": e.hash}, indent=2, sort_keys=True))
    cap = journal.capture(seq)
    if cap:
        print(f"--- captured receipt ({len(cap.data)} bytes from {cap.source}) ---")
        print("\n".join(cap.text))
    return 0


def _prune(args) -> int:
    """Retention by hand. It refuses while the agent runs: the daemon prunes
    at night by itself, and a technician's drop at lunchtime would hold the
    journal's write lock (SQLite's, taken by every writer) while sales wait.
    The drop is the daemon's: one transaction, all or nothing."""
    from agent.config import site_zone
    from agent.journal.retention import RetentionJob
    from agent.runtime import runtime_json

    cfg = load_config(args.config, args.state_dir)
    if cfg.journal.retention_school_years == 0:
        print("retention is off (journal.retention_school_years = 0): nothing is dropped")
        return 0
    if not args.dry_run and runtime_json.daemon_alive(runtime_json.read(cfg.state_path)):
        print("error: the agent is running; it prunes by itself inside "
              f"journal.retention_window ({cfg.journal.retention_window}). Stop it "
              "(`systemctl stop till-agent`) to prune now, or use --dry-run.", file=sys.stderr)
        return 3
    path = _journal_path(cfg)
    if path is None:
        return 0
    job = RetentionJob(cfg.journal, site_zone(cfg))
    if not job.clock.synced():
        print("error: the clock is not synchronised, so the cutoff cannot be trusted; "
              "nothing dropped", file=sys.stderr)
        return 1
    try:
        with Journal(path, readonly=args.dry_run) as journal:
            r = job.run(journal, job.clock.wall(), dry_run=args.dry_run)
    except JournalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    verb = "would drop" if r.dry_run else "dropped"
    print(f"{verb} {r.dropped:,} entries journaled before {r.cutoff} (acknowledged by the hub)"
          + (f"; {r.kept:,} held for review among them stay" if r.kept else "")
          + ("" if r.dry_run else f"; {r.bytes_before:,} -> {r.bytes_after:,} bytes on disk"))
    if r.blocked_by:
        print(f"retention blocked by seq {r.blocked_by[0]} ({r.blocked_by[1]}): older than "
              "the cutoff but not acknowledged by the hub; it and everything after it stay")
    return 0


def _ack_rejected(args) -> int:
    """A person has dealt with the refusals so far (called the supplier with
    the list): remember the latest one's seq, so the alarm is about new ones
    only. One meta row; safe while the agent runs."""
    cfg = load_config(args.config, args.state_dir)
    path = _journal_path(cfg)
    if path is None:
        return 0
    try:
        with Journal(path) as journal:
            r = journal.ack_rejected()
    except JournalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not r.total:
        print("the hub has refused no sale: nothing to acknowledge")
        return 0
    print(f"acknowledged {r.total} refused sale(s), the latest seq {r.last_seq} at "
          f"{r.last_at}; the sales_rejected alarm clears until the hub refuses another "
          "(they stay rejected: `agent status` still lists them)")
    return 0
