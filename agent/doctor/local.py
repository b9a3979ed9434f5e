"""Doctor checks on this machine: host (version, config, state directory,
disk, journal chain, file permissions), privacy (log level, biometric
material on disk, a token pasted into the config) and the systemd service."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

from agent import __version__
from agent.doctor.base import Context, Finding, check, clip, fail, ok, skip, warn
from agent.journal.store import JOURNAL_FILE, Journal, JournalError
from agent.runtime.state_dir import private_problem

# Disk: the journal needs room for a day of sales and SQLite's WAL.
DISK_FAIL_BYTES = 50 * 1024 * 1024
DISK_WARN_BYTES = 500 * 1024 * 1024
DISK_FAIL_FRACTION = 0.02
DISK_WARN_FRACTION = 0.10
UNIT = "till-agent.service"


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
    if ctx.config_path is None:
        return warn("host.config", "no config file found: running on built-in defaults",
                    "create /etc/till-agent/agent.toml from examples/agent.toml, or pass --config")
    return ok("host.config", f"{where} is valid")


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
        st = ctx.statvfs(str(p))
    except OSError as exc:
        return warn("host.disk", f"cannot measure free space at {p} ({exc.strerror})")
    free = st.f_bavail * st.f_frsize
    total = st.f_blocks * st.f_frsize or 1
    frac = free / total
    line = f"{_mb(free)} free of {_mb(total)} ({frac:.0%}) at {p}"
    fix = ("free space on this disk (old logs: `journalctl --vacuum-size=100M`); when it is "
           "full new sales are held in memory only")
    if free < DISK_FAIL_BYTES or frac < DISK_FAIL_FRACTION:
        return fail("host.disk", f"disk nearly full: {line}", fix)
    if free < DISK_WARN_BYTES or frac < DISK_WARN_FRACTION:
        return warn("host.disk", f"disk getting full: {line}", fix)
    return ok("host.disk", line)


def _mb(n: float) -> str:
    if n >= 10 * 1024**3:
        return f"{n / 1024**3:.0f} GB"
    return f"{n / 1024**2:.0f} MB"


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


# --- privacy ---------------------------------------------------------------------

# Names and magic numbers of biometric material that must never be on disk.
_TEMPLATE_NAME = re.compile(r"(templ|finger|biometr|\.(fpt|tpl|wsq|bmp|pgm|raw|iso|ansi)$)",
                            re.I)
_KNOWN_STATE = re.compile(r"^(journal\.sqlite|roster\.sqlite|runtime\.json)(-wal|-shm|-journal)?"
                          r"$|^roster\.key$|^console-devices\.json$|\.lock$|\.tmp\d*$|^spool|^tap")


@check("privacy.log_level", timeout_s=1.0)
def log_level(ctx: Context) -> Finding:
    level = ctx.cfg.logging.level
    env = os.environ.get("TILL_AGENT_LOG_LEVEL", "")
    if level == "DEBUG":
        return warn("privacy.log_level", "logging.level is DEBUG: card UIDs, pupil and match ids "
                    "go to the system log", "set [logging] level = \"INFO\" and restart, once "
                    "the fault is found")
    return ok("privacy.log_level", f"logging.level {level} (ids only at DEBUG)",
              detail=[f"TILL_AGENT_LOG_LEVEL={env}"] if env else [])


@check("privacy.templates", timeout_s=2.0, reads_state=True)
def templates(ctx: Context) -> Finding:
    d = ctx.state_dir
    if not d.is_dir():
        return skip("privacy.templates", f"{d} does not exist")
    suspicious, other = [], []
    try:
        for p in d.rglob("*"):
            if not p.is_file():
                continue
            rel = str(p.relative_to(d))
            if _TEMPLATE_NAME.search(p.name):
                suspicious.append(rel)
            elif not _KNOWN_STATE.search(p.name):
                other.append(rel)
    except OSError as exc:
        return warn("privacy.templates", f"cannot list {d} ({exc.strerror})")
    if suspicious:
        return fail("privacy.templates", f"files that look like biometric material in {d}: "
                    f"{', '.join(suspicious[:5])}",
                    "biometric templates and images must never be stored: delete them securely "
                    "(`shred -u`) and find what wrote them", detail=suspicious)
    return ok("privacy.templates", f"no biometric templates or images in {d}",
              detail=[f"other files: {', '.join(other)}"] if other else [])


@check("privacy.token_in_config", timeout_s=1.0)
def token_in_config(ctx: Context) -> Finding:
    if ctx.config_path is None:
        return skip("privacy.token_in_config", "no config file")
    try:
        text = ctx.config_path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return skip("privacy.token_in_config", f"cannot read {ctx.config_path} ({exc.strerror})")
    pasted = re.search(r"^\s*(token|bearer|api_key|password)\s*=", text, re.I | re.M) or \
        re.search(r"Bearer\s+\S{8,}", text)
    if pasted:
        return fail("privacy.token_in_config", f"{ctx.config_path} holds what looks like a "
                    "secret", "move it to the file named by sync.token_file (mode 0600) and "
                    "remove it from the config")
    return ok("privacy.token_in_config", "no secret in the config file (token is in "
              "sync.token_file)")


# --- service ---------------------------------------------------------------------


def _systemctl(ctx: Context, args: list[str]) -> str | None:
    if ctx.systemctl is not None:
        return ctx.systemctl(args)
    exe = shutil.which("systemctl")
    if exe is None or not Path("/run/systemd/system").is_dir():
        return None
    try:
        res = subprocess.run([exe, *args], capture_output=True, text=True, timeout=2.5)
    except (OSError, subprocess.SubprocessError):
        return None
    return res.stdout


@check("service.unit", timeout_s=3.0, timeout_status="warn")
def unit(ctx: Context) -> Finding:
    out = _systemctl(ctx, ["show", UNIT, "--property=LoadState,ActiveState,SubState,NRestarts,"
                           "WatchdogUSec,UnitFileState"])
    if out is None:
        if ctx.daemon_running:
            return ok("service.unit", "systemd not available here; the agent runs "
                      f"(pid {(ctx.runtime or {}).get('pid')})")
        return skip("service.unit", "systemd is not running on this machine")
    props = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    load = props.get("LoadState", "")
    if load != "loaded":
        if ctx.daemon_running:
            return warn("service.unit", f"{UNIT} is not installed, but an agent is running "
                        "(by hand?)", "install it: `sudo agent install-service`")
        return warn("service.unit", f"{UNIT} is not installed",
                    "install it: `sudo agent install-service` (or see systemd/README.md)")
    active, sub = props.get("ActiveState", "?"), props.get("SubState", "?")
    restarts = int(props.get("NRestarts", "0") or 0)
    wd = props.get("WatchdogUSec", "0")
    detail = [f"{k}={v}" for k, v in sorted(props.items())]
    if active != "active":
        return fail("service.unit", f"{UNIT} is {active} ({sub}): sales are not being captured",
                    "`sudo systemctl start till-agent`, then `journalctl -u till-agent -n 50` "
                    "if it stops again", detail=detail)
    if props.get("UnitFileState") not in (None, "enabled", "enabled-runtime", "static"):
        return warn("service.unit", f"{UNIT} is running but not enabled: it will not start "
                    "after a reboot", "`sudo systemctl enable till-agent`", detail=detail)
    if wd in ("0", "infinity", ""):
        return warn("service.unit", f"{UNIT} is active but has no watchdog: a hung agent would "
                    "not be restarted", "reinstall the shipped unit (WatchdogSec=30)",
                    detail=detail)
    if restarts:
        return warn("service.unit", f"{UNIT} is active but restarted {restarts} time(s) since "
                    "it was started", "look at `journalctl -u till-agent -b` for why",
                    detail=detail)
    return ok("service.unit", f"{UNIT} active ({sub}), watchdog {wd}, no restarts",
              detail=detail)


@check("service.daemon", timeout_s=1.0, reads_state=True)
def daemon(ctx: Context) -> Finding:
    rt = ctx.runtime
    if not ctx.daemon_running:
        if rt:
            return warn("service.daemon", "the agent is not running (runtime.json is stale: "
                        "device and printer state below is from its last run)",
                        "start it: `sudo systemctl start till-agent`")
        return warn("service.daemon", "the agent is not running (it has never published its "
                    "state here)", "start it: `sudo systemctl start till-agent`")
    if not rt.get("ready"):
        return warn("service.daemon", f"the agent (pid {rt.get('pid')}) is running but not ready "
                    "yet (journal or devices still starting)", "wait a minute and run doctor "
                    "again; if it stays so, see `journalctl -u till-agent`")
    return ok("service.daemon", f"the agent is running and ready (pid {rt.get('pid')})")
