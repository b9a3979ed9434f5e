"""Manual meal registers for an outage.

  agent register export [--date 2026-11-28] [--out FILE] [--format csv|html]
  agent register import FILE

``export`` writes a register of every pupil in the cached roster, by year
group: CSV (``date,pupil_id,display_name,year_group,took_meal,allergens,
balance``) or printable HTML, for the day ``--date`` (default: today in the
site's time zone, ``receipt.timezone``). The balance is the till's provisional
balance (the roster's balance less this till's sales the hub has not applied
yet); free-meal status is never printed. A CSV written with ``--out`` starts
with a UTF-8 BOM, so Excel shows names and £ as they are; it is written 0600,
atomically, never through a symlink. In the CSV, a text cell a spreadsheet
would run (starting with =, +, -, @, tab or CR) gets a leading ' that import
takes off again. Staff mark ``took_meal`` with y, yes, x, 1 or ✓. Dates in
the file are read as a spreadsheet with UK settings saves them, day first
(06/12/2026, 6/12/26, 06-Dec-26, 6 December 2026, or ISO; a US date such as
12/25/2026 is refused, never guessed: ``agent.uk_dates``), the file UTF-8
(with or without a BOM) or Windows-1252 (Excel's plain "CSV"). ``import``
checks the whole file first (a bad header, date, mark or unknown pupil is
reported with its line number and nothing is journaled), then journals each
marked row as a ``manual`` meal at the configured price, through the same
offline policy as a sale at the till (so ``agent report debt`` counts a meal
that took a pupil below zero). Importing a file twice adds nothing.
``--print`` prints the register on the receipt printer itself (tcp and
serial printer modes; the job goes straight to the printer, not through the
tap, so it is never taken for a sale): do it between services.

Exit codes: 0 done, 1 the file was refused or cannot be read, 2 usage.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from agent.commands import day_argument
from agent.config import load_config, site_currency, site_zone
from agent.journal.store import JOURNAL_FILE, Journal
from agent.outfile import write_private
from agent.reports.registers import (
    RegisterError,
    export_csv,
    export_html,
    import_register,
    provisional_purses,
)
from agent.runtime.state_dir import prepare, require_readable

HELP = "export a paper meal register, or import a filled-in one"


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="register_command", metavar="ACTION", required=True)
    ex = sub.add_parser("export", help="write a register from the cached roster")
    ex.add_argument("--date", type=day_argument,
                    help="the register's day (YYYY-MM-DD or day first, "
                    "default: today in the site's time zone)")
    ex.add_argument("--out", metavar="FILE", help="write here (default: standard output)")
    ex.add_argument("--format", choices=["csv", "html"], default="csv")
    ex.add_argument("--print", action="store_true", dest="to_printer",
                    help="print it on the receipt printer (between services)")
    im = sub.add_parser("import", help="journal the meals marked on a filled-in register")
    im.add_argument("file", metavar="FILE")


def _roster(state_dir: Path):
    # Imported here: the roster store belongs to sync/ and is only needed now.
    from sync.roster_store import RosterStore

    return RosterStore.in_state_dir(state_dir)


def _purses(cfg, store):
    """pupil -> the till's provisional balance (what the hub had, less this
    till's sales it has not applied yet)."""
    if not (cfg.state_path / JOURNAL_FILE).exists():
        return provisional_purses(store, None, cfg.policy.fsm_value_pence)
    with Journal.in_state_dir(cfg.state_path, readonly=True) as journal:
        return provisional_purses(store, journal, cfg.policy.fsm_value_pence)


def _export(args, cfg) -> int:
    store = _roster(cfg.state_path)
    pupils = store.all()
    if not pupils:
        print("error: the cached roster is empty: run `agent sync` while the hub is "
              "reachable, then export again.", file=sys.stderr)
        return 1
    if args.date is None:
        args.date = datetime.now(site_zone(cfg)).date().isoformat()
    purse = _purses(cfg, store)
    if args.to_printer:
        return _print(cfg, pupils, args.date, purse)
    if args.format == "html":
        text = export_html(pupils, args.date, cfg.till_id, purse, site_currency(cfg))
    else:
        text = export_csv(pupils, args.date, purse)
        if args.out:
            # A BOM: Excel then reads the file as UTF-8 (names, £), not as ANSI.
            text = "\ufeff" + text
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        write_private(args.out, text)  # pupil names: 0600, atomic, never through a link
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote a {args.format} register of {len(pupils)} pupils for {args.date} "
          f"to {args.out}")
    return 0


def _print(cfg, pupils, day: str, purse) -> int:
    from agent.reports.registers import export_lines
    from drivers.escpos_writer import document

    data = document(export_lines(pupils, day, cfg.till_id, purse=purse,
                                 cur=site_currency(cfg)))
    p = cfg.printer
    try:
        if p.mode == "tcp" and p.forward:
            import socket

            from drivers.tap_guards import parse_hostport

            with socket.create_connection(parse_hostport(p.forward), timeout=10) as s:
                s.sendall(data)
            where = p.forward
        elif p.mode == "serial" and p.printer_port:
            import serial

            with serial.Serial(p.printer_port, p.baudrate, rtscts=p.rtscts,
                               xonxoff=p.xonxoff, write_timeout=10) as port:
                port.write(data)
                port.flush()
            where = p.printer_port
        else:
            print(f"error: printer mode {p.mode!r} gives the agent no way to print by itself: "
                  "export --format html and print that instead.", file=sys.stderr)
            return 1
    except (OSError, ValueError) as exc:
        print(f"error: the printer did not take the register: {exc}", file=sys.stderr)
        return 1
    print(f"printed a register of {len(pupils)} pupils for {day} on {where}")
    return 0


def _import(args, cfg) -> int:
    try:
        raw = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
        return 1
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV (Comma delimited)" saves Windows-1252, not UTF-8.
        text = raw.decode("cp1252", errors="replace")
    prepare(cfg.state_path)  # refuses a state dir open to others or not ours
    store = _roster(cfg.state_path)
    journal = Journal.in_state_dir(cfg.state_path)
    try:
        report = import_register(text, store, journal, cfg.till_id, cfg.policy)
    except RegisterError as exc:
        print(f"error: {args.file} was not imported (nothing journaled):", file=sys.stderr)
        for p in exc.problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    finally:
        journal.close()
    print(f"{args.file}: {len(report.journaled)} meal(s) journaled, "
          f"{len(report.already)} already imported before, {report.unmarked} unmarked row(s).")
    return 0


def run(args) -> int:
    cfg = load_config(args.config, args.state_dir)
    require_readable(cfg.state_path, f"agent register {args.register_command}")
    if args.register_command == "export":
        return _export(args, cfg)
    return _import(args, cfg)
