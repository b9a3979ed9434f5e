"""``python -m hwsim hub``: the simulated hub by hand, printing what it is
asked, which tills fall silent and which raise fleet alarms."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time

from hwsim.hub import SILENT_AFTER_S, Hub
from hwsim.hub_core import DEFAULT_PAGE_SIZE


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=8765, help="port (0: any free port)")
    p.add_argument("--pupils", type=int, default=300, help="size of the generated school")
    p.add_argument("--seed", type=int, default=1, help="seed of the generated school")
    p.add_argument("--phase", choices=("primary", "secondary"), default="primary")
    p.add_argument("--token-file", metavar="FILE",
                   help="bearer token file (created with a random token, mode 0600, if missing)")
    p.add_argument("--page-size", type=int, default=DEFAULT_PAGE_SIZE,
                   help="pupils per roster page")
    p.add_argument("--clock-offset", type=float, default=0.0, metavar="SECONDS",
                   help="skew the time /v1/health reports")
    p.add_argument("--db", default=":memory:", metavar="FILE",
                   help="SQLite ledger file (default: in memory)")
    p.add_argument("--silent-after", type=float, default=SILENT_AFTER_S, metavar="SECONDS",
                   help="a till not heard from this long is reported silent")
    p.add_argument("--expect-till", action="append", default=[], metavar="TILL_ID",
                   help="a till to hear from (silent until it does); repeatable")
    p.add_argument("--seq-applied", choices=("contiguous", "highest"), default="contiguous",
                   help="how till_seq_applied is reckoned (default: contiguous, the contract's)")


def _token_from(path: str | None) -> str:
    if not path:
        return "test-token"
    try:
        with open(path, encoding="utf-8") as f:
            token = f.read().strip()
        if token:
            return token
    except FileNotFoundError:
        pass
    token = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token + "\n")
    print(f"wrote a new token to {path}", flush=True)
    return token


def _print_alarms(hub: Hub, was: dict[str, list[str]]) -> dict[str, list[str]]:
    """Say when a till's fleet alarm is raised or clears; returns them."""
    now = hub.till_alarms()
    for t in sorted(now):
        for a in now[t]:
            code = a.split(":", 1)[0]
            if not any(b.split(":", 1)[0] == code for b in was.get(t, [])):
                print(f"TILL {code.replace('_', ' ').upper()}: {t} ({a})", flush=True)
    for t in sorted(was):
        for b in was[t]:
            code = b.split(":", 1)[0]
            if not any(a.split(":", 1)[0] == code for a in now.get(t, [])):
                print(f"till {code.replace('_', ' ')} cleared: {t}", flush=True)
    return now


def _print_silence(hub: Hub, was: set[str]) -> set[str]:
    """Say when a till falls silent or is heard again; returns who is silent."""
    now = time.time()
    tills = hub.tills(now)
    silent = {t for t, v in tills.items() if v["silent"]}
    for t in sorted(silent - was):
        at = tills[t]["last_heard"]
        when = f"last heard {now - at:.0f} s ago" if at else "never heard from"
        print(f"TILL SILENT: {t} ({when})", flush=True)
    for t in sorted(was - silent):
        print(f"till heard again: {t} (pending {tills[t]['pending']})", flush=True)
    return silent


def main(args: argparse.Namespace) -> int:
    from hwsim.school import add_photos, generate_school

    token = _token_from(args.token_file)
    if not args.token_file:
        print("no --token-file: the token is 'test-token'", file=sys.stderr)
    school = generate_school(seed=args.seed, pupils=args.pupils, phase=args.phase)
    photos = add_photos(school, seed=args.seed)
    hub = Hub(roster=school, token=token, db_path=args.db, page_size=args.page_size,
              photos=photos, spend_today=True)
    hub.clock_offset_s = args.clock_offset
    hub.seq_applied_mode = args.seq_applied
    hub.silent_after_s = args.silent_after
    for till_id in args.expect_till:
        hub.expect_till(till_id)
    url = hub.start(host=args.host, port=args.port)
    print(f"hub listening on {url} ({args.pupils} pupils)", flush=True)
    keys = ("transactions", "roster", "accepted", "duplicate", "rejected", "unauthorized")
    shown = dict.fromkeys(keys, 0)
    silent: set[str] = set()
    raised: dict[str, list[str]] = {}
    try:
        while True:
            time.sleep(1.0)
            counts = hub.requests
            now = {k: counts.get(k, 0) for k in keys}
            if now != shown:
                shown = now
                print("  ".join(f"{k} {v}" for k, v in now.items()), flush=True)
            silent = _print_silence(hub, silent)
            raised = _print_alarms(hub, raised)
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()
        hub.core.close()
    return 0
