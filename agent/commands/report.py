"""Reports for staff.

  agent report debt [--since YYYY-MM-DD] [--json | --csv]

``debt``: what pupils owe from sales made while the hub was unreachable
(flagged offline_debt, over_debt_limit or insufficient_funds), per pupil with
name, year group, amount owed, the sales' value, count and dates: for
recovering the money once service returns. Then, under "needs review", each
transaction held for a person's review (a refund identified only by the
printed account, a printed account contradicting the card read at the till):
no balance moved for those, at the till or the hub, until someone settles
them at the hub. Reads the state directory only.

Exit codes: 0 done, 1 the state directory or the journal cannot be read, 2 usage.
"""

from __future__ import annotations

from agent.commands import day_argument
from agent.config import load_config, site_currency
from agent.journal.store import JOURNAL_FILE, Journal
from agent.reports.debt import debt_report, render_csv, render_json, render_text
from agent.runtime.state_dir import require_readable

HELP = "staff reports (debt: what pupils owe from offline sales)"


def add_arguments(p) -> None:
    sub = p.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    d = sub.add_parser("debt", help="what pupils owe from offline sales")
    d.add_argument("--since", type=day_argument,
                   help="only sales on or after this day (YYYY-MM-DD or DD/MM/YYYY)")
    fmt = d.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="machine-readable output")
    fmt.add_argument("--csv", action="store_true", help="CSV output")


def run(args) -> int:
    cfg = load_config(args.config, args.state_dir)
    # Never "no offline debt" for a state directory this user cannot read.
    require_readable(cfg.state_path, f"agent report {args.report_command}")
    from sync.roster_store import RosterStore  # sync/ owns the roster cache

    store = RosterStore.in_state_dir(cfg.state_path)
    if not (cfg.state_path / JOURNAL_FILE).exists():
        report = debt_report([], store, 0, cfg.policy.fsm_value_pence, args.since)
    else:
        with Journal.in_state_dir(cfg.state_path, readonly=True) as journal:
            report = debt_report(journal.entries(), store, store.info().till_seq_applied,
                                 cfg.policy.fsm_value_pence, args.since)
    if args.json:
        print(render_json(report), end="")
    elif args.csv:
        print(render_csv(report), end="")
    else:
        print(render_text(report, site_currency(cfg)), end="")
    return 0
