"""Inspect the journal.

  agent journal verify                 walk the hash chain; exit 0 if intact,
                                       1 naming the first damaged seq
  agent journal export --format csv    sales and meal attendance, for manual
                                       entry into the provider's site when sync
                                       is impossible
  agent journal show SEQ               one entry, with its captured receipt text
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import IO

from agent import csv_cells
from agent.config import load_config
from agent.journal import JOURNAL_FILE, Journal, JournalError
from agent.outfile import private_file
from agent.statedir import require_readable

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


def _open(args) -> Journal | None:
    cfg = load_config(args.config, args.state_dir)
    require_readable(cfg.state_path, f"agent journal {args.journal_cmd}")
    path = cfg.state_path / JOURNAL_FILE
    if not path.exists():
        print(f"{path}: no journal yet (nothing journaled on this till).", file=sys.stderr)
        return None
    return Journal(path, readonly=True)


def run(args) -> int:
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
    if result.ok:
        print(f"{journal.path}: chain intact, {result.checked} entries verified.")
        return 0
    print(f"{journal.path}: DAMAGED at seq {result.first_bad_seq}: {result.problem} "
          f"({result.checked} entries verified before it).", file=sys.stderr)
    print("fix: stop the agent, keep a copy of the file, and contact the till supplier; "
          "do not delete the journal (it holds unsent sales).", file=sys.stderr)
    return 1


def _export(journal: Journal, args) -> int:
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
