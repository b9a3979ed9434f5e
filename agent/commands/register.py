"""Manual meal registers for an outage.

  agent register export [--date 2026-11-28] [--out FILE] [--format csv|html]
  agent register import FILE [--keep LINES] [--leave-out LINES]

``export`` writes a register of every pupil in the cached roster, by year
group: CSV (``date,pupil_id,display_name,year_group,took_meal,at_the_till,
allergens,balance``) or printable HTML, for the day ``--date`` (default:
today in the site's time zone, ``receipt.timezone``). Beside a pupil this
till already sold to that day it says so ("Had a sale at the till at 12:05:
Roast dinner, £2.40"), so whoever ticks the paper does not tick them again.
The balance is the till's provisional balance (the roster's balance less
this till's sales the hub has not applied yet); free-meal status is never
printed. A CSV written with ``--out`` starts
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
A meal marked for a pupil the till itself already sold to that day may be a
second meal (seconds, a breakfast club) or the same meal ticked twice: the
till never guesses. On a terminal, ``import`` shows the till's sale and asks
for each ("another meal: enter it too" or "the same meal: leave it out");
elsewhere (a script) it refuses, listing those lines, until each is
answered with ``--keep LINES`` (another meal) or ``--leave-out LINES`` (the
same meal), LINES the file's line numbers (``3,7-9``): the console's
question and rule (``agent.console.register_till_sales``).
``--print`` prints the register on the receipt printer itself (tcp and
serial printer modes; the job goes straight to the printer, not through the
tap, so it is never taken for a sale): do it between services.

Exit codes: 0 done, 1 the file was refused or cannot be read, 2 usage.
"""

from __future__ import annotations

import argparse
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
    parse_register,
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
    im.add_argument("--keep", metavar="LINES", type=line_numbers, action="extend", default=[],
                    help="the file's lines (3,7-9) whose meal is another one for a pupil "
                    "the till already sold to that day: enter it too")
    im.add_argument("--leave-out", metavar="LINES", type=line_numbers, action="extend",
                    default=[], help="the file's lines whose meal is the same one the till "
                    "already recorded that day: leave it out")


def line_numbers(text: str) -> list[int]:
    """``3,7-9`` -> [3, 7, 8, 9] (the file's line numbers, as its errors say them)."""
    out: list[int] = []
    try:
        for part in filter(None, (p.strip() for p in text.split(","))):
            first, _, last = part.partition("-")
            a, b = int(first), int(last or first)
            if not 1 <= a <= b:
                raise ValueError(part)
            out += range(a, b + 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a list of line numbers (e.g. 3,7-9)") from None
    return out


def _roster(state_dir: Path):
    # Imported here: the roster store belongs to sync/ and is only needed now.
    from sync.roster_store import RosterStore

    return RosterStore.in_state_dir(state_dir)


def _till_columns(cfg, store, day: str):
    """pupil -> the till's provisional balance (what the hub had, less this
    till's sales it has not applied yet), and pupil -> their sales at this
    till on ``day`` in words ("" for none): a pupil served before the till
    went down must not be ticked again on paper."""
    from agent.console.register_till_sales import register_note, till_sales

    fsm = cfg.policy.fsm_value_pence
    if not (cfg.state_path / JOURNAL_FILE).exists():
        return provisional_purses(store, None, fsm), lambda p: ""
    with Journal.in_state_dir(cfg.state_path, readonly=True) as journal:
        sold = till_sales(journal, [day], site_zone(cfg))
        purse = provisional_purses(store, journal, fsm)
    cur = site_currency(cfg)
    return purse, lambda p: register_note(sold.get((day, p.id), []), cur)


def _export(args, cfg) -> int:
    store = _roster(cfg.state_path)
    pupils = store.all()
    if not pupils:
        print("error: the cached roster is empty: run `agent sync` while the hub is "
              "reachable, then export again.", file=sys.stderr)
        return 1
    if args.date is None:
        args.date = datetime.now(site_zone(cfg)).date().isoformat()
    purse, at_till = _till_columns(cfg, store, args.date)
    if args.to_printer:
        return _print(cfg, pupils, args.date, purse, at_till)
    if args.format == "html":
        text = export_html(pupils, args.date, cfg.till_id, purse, site_currency(cfg), at_till)
    else:
        text = export_csv(pupils, args.date, purse, at_till)
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


def _print(cfg, pupils, day: str, purse, at_till) -> int:
    from agent.reports.registers import export_lines
    from drivers.escpos_writer import document

    data = document(export_lines(pupils, day, cfg.till_id, purse=purse,
                                 cur=site_currency(cfg), at_till=at_till))
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
        leave_out = _till_sales_answered(args, cfg, store, journal, text)
        if leave_out is None:
            return 1
        report = import_register(text, store, journal, cfg.till_id, cfg.policy,
                                 leave_out=leave_out)
    except RegisterError as exc:
        print(f"error: {args.file} was not imported (nothing journaled):", file=sys.stderr)
        for p in exc.problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    finally:
        journal.close()
    left = (f", {len(report.left_out)} left out (the same meal as the till's sale)"
            if report.left_out else "")
    print(f"{args.file}: {len(report.journaled)} meal(s) journaled, "
          f"{len(report.already)} already imported before{left}, "
          f"{report.unmarked} unmarked row(s).")
    return 0


def _till_sales_answered(args, cfg, store, journal, text: str) -> set[tuple[str, str]] | None:
    """The (day, pupil id) of the meals to leave out, once every meal of a
    pupil the till sold to that day is answered: by ``--keep``/``--leave-out``,
    else asked on a terminal; None when it is not (said why; nothing is
    journaled). Asked again until nothing new is asked: a sale may come at
    the till while a person answers."""
    from agent.console.register_till_sales import answers, line_answers, register_questions

    meals, _ = parse_register(text, store)  # a bad file: RegisterError, before any question
    names = {p.id: p.display_name for p in store.all()}
    form: dict[str, str] = {}
    while True:
        asked = register_questions(meals, names, journal, cfg.till_id, site_zone(cfg),
                                   site_currency(cfg))
        given, problems = line_answers(set(args.keep), set(args.leave_out), asked)
        if problems:
            print(f"error: {args.file} was not imported (nothing journaled):", file=sys.stderr)
            for p in problems:
                print(f"  - {p}", file=sys.stderr)
            return None
        form.update(given)
        leave, unanswered = answers(form, asked)
        if not unanswered:
            return leave
        # A person answers only where they can see the question: both ends a terminal.
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            _refuse_unanswered(args.file, unanswered)
            return None
        if not _ask(unanswered, form):
            print("Stopped: nothing journaled.", file=sys.stderr)
            return None


# The console's two answers, in its words (register_preview.html).
ANOTHER = "Another meal (seconds, breakfast club): enter it too"
SAME = "The same meal: leave it out"


def _ask(unanswered, form: dict[str, str]) -> bool:
    """Asks a person at the terminal about each question, into ``form``;
    False when they stop (end of input, Ctrl-C)."""
    from agent.console.register_till_sales import ENTER, LEAVE

    print(f"The till itself already recorded a sale that day for {len(unanswered)} of the "
          "pupils marked on this register. Was the paper's meal another one, or the same "
          "meal written down again? Nothing is entered until each is answered.")
    for q in unanswered:
        print(f"\n{_where(q)}: {q.name}, {q.day_words}: the till recorded {q.sales}.")
        print(f"  a = {ANOTHER}\n  s = {SAME}")
        while q.field not in form:
            try:
                said = input("a or s? ").strip().casefold()
            except (EOFError, KeyboardInterrupt):
                print()
                return False
            if said in ("a", "another"):
                form[q.field] = ENTER
            elif said in ("s", "same"):
                form[q.field] = LEAVE
    return True


def _refuse_unanswered(file: str, unanswered) -> None:
    """Not on a terminal: nothing to ask, so the lines to answer and how.
    Pupils by id, not name: a script's output may end up in a log."""
    print(f"error: {file} was not imported (nothing journaled): the till itself already "
          f"recorded a sale that day for {len(unanswered)} of the pupils marked on it; a "
          "second meal may be real (seconds, breakfast club) or the same meal written down "
          "again. Say which for each:", file=sys.stderr)
    for q in unanswered:
        print(f"  - {_where(q)}: pupil {q.pupil_id}, {q.day_words}: the till recorded "
              f"{q.sales}", file=sys.stderr)
    print("Import it again with --keep LINES (another meal: enter it too) and/or "
          "--leave-out LINES (the same meal: leave it out), LINES as 3,7-9; or run it on a "
          "terminal to be asked.", file=sys.stderr)


def _where(q) -> str:
    """"line 3" (or "lines 3, 9": the pupil marked twice that day)."""
    return ("line " if len(q.lines) == 1 else "lines ") + ", ".join(map(str, q.lines))


def run(args) -> int:
    cfg = load_config(args.config, args.state_dir)
    require_readable(cfg.state_path, f"agent register {args.register_command}")
    if args.register_command == "export":
        return _export(args, cfg)
    return _import(args, cfg)
