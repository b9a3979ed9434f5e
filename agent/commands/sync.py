"""Synchronise with the hub once, by hand: push what waits in the till queue,
then pull the roster.

  agent sync                 push, then pull
  agent sync --push-only     only push the queue
  agent sync --pull-only     only refresh the roster cache
  agent sync --json          what it did, for machines

It runs under the drainer lock: while the agent daemon is syncing this till
it says so and exits 3 (the daemon drains the queue itself; see
``agent status``). Transient failures are retried a few times with backoff.
Exit status: 0 when nothing is left and nothing was rejected, 1 when
something is left, was rejected, or the hub could not be reached, 2 for a
configuration problem, 3 when another process holds the drainer lock.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from agent.config import load_config
from agent.journal.store import Journal
from agent.journal.sync_summary import META_LAST_PULL_OK, META_LAST_PUSH_OK
from agent.runtime.state_dir import check_token_file, prepare
from sync.pusher import PushCounts

HELP = "push the till queue to the hub and pull the roster, once, now"

EXIT_OK, EXIT_LEFT, EXIT_CONFIG, EXIT_LOCKED = 0, 1, 2, 3
RETRY_ATTEMPTS = 4


def add_arguments(p) -> None:
    only = p.add_mutually_exclusive_group()
    only.add_argument("--push-only", action="store_true", help="only push the till queue")
    only.add_argument("--pull-only", action="store_true", help="only pull the roster")
    p.add_argument("--json", action="store_true", help="machine-readable output")


@dataclass
class SyncRun:
    """What one ``agent sync`` did."""

    till_id: str
    pending_before: int = 0
    pending_after: int = 0
    push: PushCounts = field(default_factory=PushCounts)
    rejected_items: list[dict[str, Any]] = field(default_factory=list)
    roster: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` shape machines read. ``acknowledged`` is what the
        hub answered for (accepted + duplicate + rejected): the figure people
        are told; ``attempted`` counts transactions put in a request, resends
        and requests that never got an answer included; ``rejected`` adds
        those refused here before sending."""
        p = self.push
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "push"}
        out.update(acknowledged=p.acknowledged, attempted=p.sent, requests=p.requests,
                   accepted=p.accepted, duplicate=p.duplicate, rejected=p.all_rejected,
                   unanswered=p.unanswered)
        return out


class _Progress:
    """A one-line bar on a terminal (stderr); nothing otherwise."""

    def __init__(self, total: int, enabled: bool):
        self.total = max(total, 0)
        self.enabled = enabled and total > 0
        self.shown = False

    def show(self, done: int) -> None:
        if not self.enabled:
            return
        width = 30
        frac = min(1.0, done / self.total)
        bar = "#" * int(frac * width) + "." * (width - int(frac * width))
        sys.stderr.write(f"\r  pushing [{bar}] {done}/{self.total} acknowledged by the hub")
        sys.stderr.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def run(args) -> int:
    cfg = load_config(args.config, args.state_dir)
    if not cfg.sync.enabled or not cfg.sync.base_url:
        why = "sync.enabled is false" if not cfg.sync.enabled else "sync.base_url is not set"
        print(f"error: no hub to sync with ({why} in the config)", file=sys.stderr)
        return EXIT_CONFIG
    from sync.client import HubClient, HubConfigError
    from sync.lock import DrainerLock
    from sync.roster_store import RosterError, RosterStore

    state = prepare(cfg.state_path)
    check_token_file(cfg.sync.token_file)
    lock = DrainerLock(state, who="agent sync")
    try:
        got = lock.acquire()
    except OSError as exc:
        print(f"error: cannot open the drainer lock {lock.path}: {exc.strerror} (run as the "
              "agent's user)", file=sys.stderr)
        return EXIT_LEFT
    if not got:
        holder = lock.holder()
        who = f" (pid {holder.split()[0]}, {holder.split(' ', 1)[1]})" \
            if " " in holder else ""
        print(f"another process{who} holds the drainer lock and is syncing this till "
              "right now; the agent daemon drains the queue by itself (see `agent status`). "
              "To sync by hand, stop the daemon first.", file=sys.stderr)
        return EXIT_LOCKED
    try:
        try:
            client = HubClient(cfg.sync, cfg.till_id)
        except HubConfigError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        journal = Journal.in_state_dir(state)
        roster_error = ""
        try:
            roster = RosterStore.in_state_dir(state)
        except RosterError as exc:
            roster = None
            roster_error = str(exc)
        try:
            out = SyncRun(cfg.till_id)
            code = EXIT_OK
            if not args.pull_only:
                code = max(code, _push(cfg, client, journal, out, args))
            if not args.push_only:
                if roster is None:
                    out.errors.append(roster_error)
                    code = max(code, EXIT_LEFT)
                else:
                    code = max(code, _pull(cfg, client, roster, journal, out))
        finally:
            client.close()
            journal.close()
            if roster is not None:
                roster.close()
    finally:
        lock.release()
    _print(out, args)
    return code


def _push(cfg, client, journal, out: SyncRun, args) -> int:
    from sync.client import HubConfigError, HubError
    from sync.pusher import Pusher, PushReport
    from sync.retry import retrying

    out.pending_before = journal.pending_count()
    pusher = Pusher(client, journal, cfg.sync.batch_size, time.time)
    report = PushReport()
    bar = _Progress(out.pending_before, sys.stderr.isatty() and not args.json)
    code = EXIT_OK
    try:
        # Unanswered ones go again: a few rounds, not forever.
        for _round in range(3):
            for attempt in retrying(cfg.sync, RETRY_ATTEMPTS):
                with attempt:
                    pusher.drain(report, on_progress=lambda r: bar.show(r.acknowledged))
            if journal.pending_count() == 0 or not report.unanswered:
                break
    except HubConfigError as exc:
        out.errors.append(str(exc))
        code = EXIT_CONFIG
    except HubError as exc:
        out.errors.append(str(exc))
        code = EXIT_LEFT
    finally:
        bar.end()
    if report.requests and code == EXIT_OK:
        journal.set_meta(META_LAST_PUSH_OK, repr(time.time()))
    out.push.add(report)
    out.pending_after = journal.pending_count()
    if report.rejected_seqs:
        mine = set(report.rejected_seqs)
        out.rejected_items = [r for r in journal.rejected(limit=len(mine) + 10**5)
                              if r["seq"] in mine][:50]
    if out.pending_after or out.push.all_rejected:
        code = max(code, EXIT_LEFT)
    return code


def _pull(cfg, client, roster, journal, out: SyncRun) -> int:
    from sync.client import HubConfigError, HubError
    from sync.retry import retrying
    from sync.roster_pull import RosterRejected, pull_roster

    forced = False
    try:
        for attempt in retrying(cfg.sync, RETRY_ATTEMPTS):
            with attempt:
                try:
                    rep = pull_roster(client, roster, time.time(), force_snapshot=forced)
                except RosterRejected:
                    if forced or roster.info().cursor is None:
                        raise
                    # The hub may have forgotten our cursor: a fresh snapshot.
                    forced = True
                    rep = pull_roster(client, roster, time.time(), force_snapshot=True)
    except HubConfigError as exc:
        out.errors.append(str(exc))
        return EXIT_CONFIG
    except HubError as exc:
        out.errors.append(str(exc))
        out.roster = {"error": str(exc)}
        return EXIT_LEFT
    journal.set_meta(META_LAST_PULL_OK, repr(time.time()))
    out.roster = asdict(rep)
    return EXIT_OK


def _print(out: SyncRun, args) -> None:
    if args.json:
        print(json.dumps(out.to_dict(), indent=2, sort_keys=True))
        return
    print(f"till {out.till_id}")
    if not args.pull_only:
        p = out.push
        if out.pending_before == 0 and not p.requests:
            print("  push   : nothing was waiting")
        else:
            print(f"  push   : {out.pending_before} waiting; the hub acknowledged "
                  f"{p.acknowledged}: accepted {p.accepted}, already at the hub "
                  f"{p.duplicate}, rejected {p.all_rejected} ({p.requests} request(s))")
            for r in out.rejected_items:
                print(f"      rejected seq {r['seq']} {r['id']}: {r['reason']}")
            if p.unanswered:
                print(f"      {p.unanswered} not answered by the hub (sent again)")
            print(f"  left   : {out.pending_after} still waiting for the hub")
    if not args.push_only and out.roster is not None:
        r = out.roster
        if "error" in r:
            print(f"  roster : not updated: {r['error']}")
        else:
            kind = "snapshot" if r["snapshot"] else "changes"
            print(f"  roster : {kind} in {r['pages']} page(s): {r['changed']} pupil(s) "
                  f"updated, {r['deleted']} removed, {r['count']} cached")
    for e in out.errors:
        print(f"  error  : {e}", file=sys.stderr)
