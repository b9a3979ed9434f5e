"""Doctor checks on this machine's host: version, config, state directory,
disk, journal chain, tap spool, file permissions (privacy's checks are in
``agent.doctor.privacy``, the systemd service's in ``agent.doctor.service``)."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

from agent import __version__
from agent.config import site_currency
from agent.doctor.base import Context, Finding, check, clip, fail, ok, skip, warn
from agent.journal.store import JOURNAL_FILE, Journal, JournalError
from agent.runtime import disk_space
from agent.runtime.state_dir import private_problem

# --- host -------------------------------------------------------------------------


@check("host.version", timeout_s=1.0)
def version(ctx: Context) -> Finding:
    py = sys.version.split()[0]
    running = (ctx.runtime or {}).get("version") if ctx.daemon_running else None
    if running and running != __version__:
        return warn("host.version", f"this command is {__version__} but the running agent is "
                    f"{running}", "restart the service after an upgrade: "
                    "`systemctl restart till-agent`")
    return ok("host.version", f"till-agent {__version__}, Python {py}",
              detail=[f"python: {sys.executable}"])


@check("host.config", timeout_s=1.0)
def config(ctx: Context) -> Finding:
    where = str(ctx.config_path) if ctx.config_path else "no config file (built-in defaults)"
    if ctx.config_problems:
        return fail("host.config", f"{where}: {len(ctx.config_problems)} problem(s); the other "
                    "checks use every value that is valid", f"edit {where}; the agent refuses "
                    "to start until it is valid", detail=list(ctx.config_problems),
                    detail_always=True)
    # The site's settings every page and report follows, said with the rest.
    site = (f"amounts in {site_currency(ctx.cfg).said}, times in {ctx.cfg.receipt.timezone}, "
            f"a cut-off receipt held {ctx.cfg.policy.resend_window_s:g} s for the till's re-send")
    if ctx.config_path is None:
        return warn("host.config", f"no config file found: running on built-in defaults "
                    f"({site})", "create /etc/till-agent/agent.toml from "
                    "examples/agent.toml, or pass --config")
    return ok("host.config", f"{where} is valid: {site}")


@check("host.state_dir", timeout_s=1.0)
def state_dir(ctx: Context) -> Finding:
    p = ctx.state_dir
    problem = ctx.state_problem
    if problem is not None and problem.kind == "missing":
        return fail("host.state_dir", f"{p} does not exist",
                    "under systemd StateDirectory= creates it; by hand: `install -d -m 0700 -o "
                    f"till-agent {p}`")
    if problem is not None and problem.kind == "not_dir":
        return fail("host.state_dir", f"{p} is not a directory", "fix state_dir in the config")
    if problem is not None:
        return fail("host.state_dir", problem.message, "the checks that read the journal, "
                    "the roster and the agent's published state are skipped until then")
    if not os.access(p, os.W_OK | os.X_OK):
        return fail("host.state_dir", f"{p} is not writable by this user (uid {os.getuid()})",
                    "run doctor as the agent's user (`sudo -u till-agent agent doctor`) or "
                    f"`chown -R till-agent: {p}`")
    mode = stat.S_IMODE(p.stat().st_mode)
    if mode & 0o077:
        return warn("host.state_dir", f"{p} is writable, but open to others (mode {mode:04o})",
                    f"`chmod 0700 {p}`: it holds the journal and the roster")
    return ok("host.state_dir", f"{p} is writable (mode {mode:04o})")


@check("host.disk", timeout_s=2.0)
def disk(ctx: Context) -> Finding:
    p = ctx.state_dir if os.path.exists(ctx.state_dir) else ctx.state_dir.parent
    try:
        space = disk_space.measure(p, ctx.statvfs)
    except OSError as exc:
        return warn("host.disk", f"cannot measure free space at {p} ({exc.strerror})")
    line = f"{space.describe()} at {p}"
    fix = ("free space on this disk (old logs: `journalctl --vacuum-size=100M`); when it is "
           "full new sales are held in memory only")
    if space.nearly_full():
        return fail("host.disk", f"disk nearly full: {line}", fix)
    if space.getting_full():
        return warn("host.disk", f"disk getting full: {line}", fix)
    return ok("host.disk", line)


# The newest entries the doctor walks. A run must end in its 10 s (the check
# has 6): the whole chain of a 100,000-entry journal took 5.7 s (0.5 s CPU)
# on CI's two loaded cores; this many, the unsent and recent sales, far less.
# ``agent journal verify`` walks all of it.
JOURNAL_WALK_NEWEST = 50_000


@check("host.journal", timeout_s=6.0, timeout_status="warn", reads_state=True)
def journal(ctx: Context) -> Finding:
    path = ctx.state_dir / JOURNAL_FILE
    if not path.exists():
        return ok("host.journal", f"no journal yet at {path} (nothing journaled)")
    try:
        j = Journal(path, readonly=True)
    except JournalError as exc:
        return fail("host.journal", clip(str(exc), 200),
                    "stop the agent, copy the file somewhere safe, run `agent journal verify`; "
                    "never delete it: it holds unsent sales")
    try:
        res = j.verify(newest=JOURNAL_WALK_NEWEST)
    finally:
        j.close()
    if not res.ok:
        return fail("host.journal",
                    f"journal chain broken at seq {res.first_bad_seq}: {res.problem} "
                    f"({res.checked} entries checked before it)",
                    "keep a copy of journal.sqlite, run `agent journal verify`, and call the "
                    "till provider: entries from that seq on cannot be trusted; export with "
                    "`agent journal export` for manual entry")
    start = f" from anchor seq {res.anchor.seq:,}" if res.anchor.seq else ""
    kept = f"; {res.kept} held for review kept below it, each as recorded" if res.kept else ""
    if res.walked_after > res.anchor.seq:
        return ok("host.journal",
                  f"hash chain intact in the newest {res.checked:,} entries (from seq "
                  f"{res.walked_after + 1:,}; the {res.walked_after - res.anchor.seq:,} before "
                  f"them not walked here: `agent journal verify` walks all{kept})")
    return ok("host.journal", f"hash chain intact ({res.checked} entries{start}{kept})")


@check("host.retention", timeout_s=6.0, timeout_status="warn", reads_state=True)
def retention(ctx: Context) -> Finding:
    """The journal's size on disk, entries, oldest entry, anchor, and the
    retention: the setting, the last run, what blocks the next drop."""
    from agent.journal.retention import describe, describe_anchor, describe_blocked, read_retention

    name = "host.retention"
    try:
        rep = read_retention(ctx.state_dir, ctx.cfg, ctx.now)
    except (JournalError, OSError, sqlite3.DatabaseError) as exc:
        return skip(name, f"journal not readable ({clip(str(exc), 80)})")
    if rep is None:
        return ok(name, "no journal yet")
    detail = []
    if rep["anchor"]:
        from agent.journal.store import Anchor

        detail.append(f"starts after {describe_anchor(Anchor(**rep['anchor']))}")
    blocked = rep["blocked_by"]
    if blocked:
        return warn(name, f"retention blocked by {describe_blocked(blocked)}: "
                    f"it and every later entry stay past the retention; {describe(rep)}",
                    "a pending sale goes once the hub acknowledges it; a rejected one stays: "
                    "settle it with the provider (`agent status` lists rejections)",
                    detail=detail)
    return ok(name, describe(rep), detail=detail)


@check("host.tap_spool", timeout_s=1.0, reads_state=True)
def tap_spool(ctx: Context) -> Finding:
    """The printer tap's write-ahead spool: on, healthy, and nothing waiting."""
    from agent.runtime.tap_spool import SPOOL_DIR, generations, read_records

    name = "host.tap_spool"
    cfg = ctx.cfg
    if cfg is None or cfg.printer.mode == "none":
        return skip(name, "no printer tap configured")
    if not cfg.printer.write_ahead:
        return warn(name, "off (printer.write_ahead = false): a receipt printed as the agent "
                    "dies is not journaled", "set printer.write_ahead = true unless the disk "
                    "is too slow for one fdatasync per print job")
    spool = (ctx.runtime or {}).get("spool") or {}
    if ctx.daemon_running and spool.get("error"):
        return fail(name, f"unavailable: {clip(spool['error'])}",
                    "check the state directory's permissions and free space (host.disk)")
    errors = int(((ctx.runtime or {}).get("printer") or {}).get("spool_errors") or 0)
    if ctx.daemon_running and errors:
        return warn(name, f"{errors} spool write(s) refused since start (disk full?); "
                    "printing went on", "free space in the state directory")
    files = [p for _g, p in generations(ctx.state_dir / SPOOL_DIR)]
    if not ctx.daemon_running:
        waiting = sum(1 for p in files for _r in read_records(p))
        if waiting:
            return warn(name, f"{len(files)} spool file(s), {waiting} record(s) left by an "
                        "agent that did not stop cleanly", "start the agent: it journals "
                        "whatever was printed but not journaled, once")
        return ok(name, "on; nothing waiting")
    recovered = int(spool.get("recovered_at_start") or 0)
    extra = (f"; {recovered} receipt(s) printed as the agent last stopped were recovered "
             "at start" if recovered else "")
    return ok(name, f"on{extra}")


def _agent_uid(ctx: Context) -> int | None:
    """The uid the agent runs as: the agent's user when the doctor runs as
    root and that user exists, else this process's (None)."""
    if not ctx.agent_user:
        return None
    import pwd

    try:
        return pwd.getpwnam(ctx.agent_user).pw_uid
    except KeyError:
        return None


@check("host.permissions", timeout_s=1.0, reads_state=True)
def permissions(ctx: Context) -> Finding:
    found_fail: list[str] = []
    found_warn: list[str] = []
    checked = []
    token_file = ctx.cfg.sync.token_file
    # The state directory and the token: the agent refuses to start unless
    # they are its user's alone (agent.runtime.state_dir), so anything else fails here.
    uid = _agent_uid(ctx)
    private = [(ctx.state_dir, "the state directory")]
    if token_file:
        private.append((Path(token_file), "the hub token file"))
    for path, what in private:
        try:
            problem = private_problem(path, what, uid)
            checked.append(f"{path} {stat.S_IMODE(path.stat().st_mode):04o}")
        except OSError:
            continue
        if problem:
            found_fail.append(problem)
    for f in (ctx.state_dir / JOURNAL_FILE, ctx.state_dir / "roster.sqlite",
              ctx.state_dir / "roster.key"):
        try:
            mode = stat.S_IMODE(f.stat().st_mode)
        except OSError:
            continue
        checked.append(f"{f} {mode:04o}")
        if mode & 0o004:
            found_fail.append(f"{f} is world-readable (mode {mode:04o})")
        elif mode & 0o040:
            found_warn.append(f"{f} is group-readable (mode {mode:04o})")
    fix = "`chmod 0600 FILE` (owned by till-agent): the token and sales must not be readable " \
          "by other users; the agent does not start while its state directory or token is"
    if found_fail:
        return fail("host.permissions", "; ".join(found_fail + found_warn), fix, detail=checked)
    if found_warn:
        return warn("host.permissions", "; ".join(found_warn), fix, detail=checked)
    if not checked:
        return skip("host.permissions", "no token or journal file to check yet")
    return ok("host.permissions", f"token and journal readable by their owner only "
              f"({len(checked)} file(s))", detail=checked)
