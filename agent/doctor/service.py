"""Doctor checks of the systemd service: the unit (installed, active,
enabled, watched by a watchdog, not restarting) and the daemon (running and
ready, from its ``runtime.json``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from agent.doctor.base import Context, Finding, check, fail, ok, skip, warn

UNIT = "till-agent.service"


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
