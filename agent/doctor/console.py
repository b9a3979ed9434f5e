"""Doctor check for the console: where it listens, whether the LAN needs
pairing, and how many devices are paired (agent/console/pairing.py)."""

from __future__ import annotations

import stat
import time

from agent.console.pairing import DEVICES_FILE, SESSION_IDLE_S, load_devices
from agent.doctor.base import Context, Finding, check, ok, skip, warn


@check("host.console", timeout_s=1.0, reads_state=True)
def console(ctx: Context) -> Finding:
    c = ctx.cfg.console
    if not c.enabled:
        return skip("host.console", "the console is off ([console] enabled = false)")
    where = _where(c.listen, (ctx.runtime or {}).get("console") if ctx.daemon_running else None)
    if not c.lan_pairing:
        return ok("host.console", f"console on {where}: the till's own screen only, "
                  "no LAN pairing")
    path = ctx.state_dir / DEVICES_FILE
    devices = load_devices(ctx.state_dir)
    if devices is None:
        return warn("host.console", f"console on {where} with PIN pairing, but {path} is "
                    "unreadable: every office computer must pair again",
                    f"remove {path} (the agent writes it anew at the next pairing)")
    now = time.time()
    live = [d for d in devices if now - d.last_seen <= SESSION_IDLE_S]
    detail = [f"{d.name} ({d.address}), paired {_day(d.paired_at)}, last used {_day(d.last_seen)}"
              for d in live]
    summary = f"console on {where} with PIN pairing on; {len(live)} paired device(s)"
    n = (ctx.runtime or {}).get("counters") or {} if ctx.daemon_running else {}
    if "console_wrong_pins" in n:
        detail.append(f"since the agent started: {n['console_paired']} paired, "
                      f"{n['console_wrong_pins']} wrong PIN(s), "
                      f"{n.get('console_unpaired_refused', 0)} unpaired request(s) refused")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0
    if mode & 0o077:
        return warn("host.console", f"{summary}; {path} is open to others (mode {mode:04o})",
                    f"`chmod 0600 {path}`", detail=detail)
    return ok("host.console", summary + ("; revoke them on the till's /console/devices"
                                         if live else ""), detail=detail)


def _where(listen: str, published: object = None) -> str:
    """Where the console listens: the running agent's own word for it
    (runtime.json's ``console``: the URL, the port really bound), else the
    config's; port 0 is one the kernel picks at each start (the demo's), so
    with no agent running there is no address to type."""
    if isinstance(published, dict) and published.get("url"):
        return f"{published['url']} (listening on {published.get('listen', listen)})"
    host, _, port = listen.rpartition(":")
    if port == "0":
        return (f"{host}, on a port picked at each start (the running agent publishes it in "
                "runtime.json and logs it)")
    return listen


def _day(t: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(t))
