"""Install the agent as a systemd service on this machine (run as root):

  1. the system user ``till-agent`` in groups dialout, till-readers, lp
     (till-readers: the keyboard-wedge readers' own group, created here);
  2. /etc/systemd/system/till-agent.service, /etc/udev/rules.d/99-till-agent.rules,
     /etc/modules-load.d/till-agent.conf from the checkout's systemd/ folder;
  3. /etc/till-agent/agent.toml from examples/agent.toml, only if absent;
  4. load the USB serial modules, reload udev, daemon-reload, enable the unit.

    agent install-service --dry-run          # print every action, change nothing
    agent install-service --root /mnt/sd     # into an image (no useradd/udev/modprobe)
    sudo agent install-service --start       # install, enable and start now
    sudo agent install-service --ip-allow 192.168.10.21,192.168.10.50,203.0.113.7
                                             # and confine its network to these

The token is not written: put it in /etc/till-agent/token (mode 0600, owned
by till-agent), then run ``agent doctor``. Exit status: 0 done, 1 a step
failed (the rest are still tried), 2 usage.
"""

from __future__ import annotations

import grp
import ipaddress
import os
import pwd
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from agent.runtime.affinity import choose

HELP = "install the systemd unit, udev rules, modules-load file and the agent's user"

USER = "till-agent"
GROUPS = ("dialout", "till-readers", "lp")
VENV = "/opt/till-agent/.venv"
CONFIG = "/etc/till-agent/agent.toml"
UNIT_NAME = "till-agent.service"
MODULES = ("usbserial", "cdc_acm", "ch341", "cp210x", "ftdi_sio", "pl2303", "usblp")


def _default_source() -> Path:
    """The checkout this runs from, else what the package installed beside
    the venv (pyproject's data-files: <prefix>/share/till-agent)."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "systemd" / UNIT_NAME).exists():
        return checkout
    return Path(sys.prefix) / "share" / "till-agent"


SOURCE = _default_source()


@dataclass
class Action:
    """One step: what it does (printed) and how (None: print only)."""

    what: str
    do: Callable[[], None] | None = None


def add_arguments(p) -> None:
    p.add_argument("--dry-run", action="store_true", help="print every action, change nothing")
    p.add_argument("--root", "--prefix", dest="root", default="/", metavar="DIR",
                   help="install under DIR instead of / (an image being prepared); "
                        "user creation, modprobe and udev reload are skipped")
    p.add_argument("--venv", default=VENV, metavar="DIR",
                   help=f"the virtualenv the unit starts the agent from (default {VENV})")
    p.add_argument("--source", default=str(SOURCE), metavar="DIR",
                   help="the checkout holding systemd/ and examples/ (default: this one)")
    p.add_argument("--start", action="store_true", help="start the service now as well")
    p.add_argument("--ip-allow", default="", metavar="ADDRS",
                   help="comma-separated addresses/networks the agent may talk to (the "
                        "till, the printer, the hub, the DNS server if not local): written "
                        "as IPAddressDeny=any + IPAddressAllow= in a drop-in")


def _under(root: Path, path: str) -> Path:
    return root / path.lstrip("/")


def _run(cmd: list[str]) -> Callable[[], None]:
    def go() -> None:
        subprocess.run(cmd, check=True, timeout=120, stdout=subprocess.DEVNULL)
    return go


def _install_file(src: Path, dst: Path, mode: int, transform: Callable[[str], str] | None = None,
                  group: str | None = None) -> Callable[[], None]:
    def go() -> None:
        dst.parent.mkdir(parents=True, exist_ok=True)
        text = src.read_text()
        if transform:
            text = transform(text)
        tmp = dst.with_name(dst.name + ".new")
        tmp.write_text(text)
        os.chmod(tmp, mode)
        if group is not None:
            try:
                os.chown(tmp, 0, grp.getgrnam(group).gr_gid)
            except (KeyError, PermissionError):
                pass  # an image without the group yet: root-only until first boot's install
        os.replace(tmp, dst)
    return go


def _unit_text(venv: str, cpu: int | None = None) -> Callable[[str], str]:
    """The unit as installed: the venv's agent, and ``CPUAffinity=`` for the
    CPU the agent keeps to (agent/runtime/affinity.py). The unit's system call filter
    refuses sched_setaffinity (@resources), so systemd pins it, not the agent."""
    def transform(text: str) -> str:
        text = text.replace(f"{VENV}/bin/agent", f"{venv.rstrip('/')}/bin/agent")
        if cpu is not None:
            text = text.replace("\nExecStart=", f"\nCPUAffinity={cpu}\nExecStart=", 1)
        return text
    return transform


def parse_ip_allow(text: str) -> list[str]:
    """``--ip-allow``: addresses or networks, comma-separated; ValueError names
    the first that is neither."""
    out = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            out.append(str(ipaddress.ip_network(part, strict=False)))
        except ValueError:
            raise ValueError(f"--ip-allow: {part!r} is not an IP address or network") from None
    return out


def ip_allow_dropin(addrs: list[str]) -> str:
    """The drop-in confining the agent's sockets to this machine and ``addrs``."""
    return ("# Written by `agent install-service --ip-allow`: the agent's sockets may\n"
            "# reach only this machine and these addresses (systemd/README.md says\n"
            "# what to list and what it costs). Remove this file to lift it.\n"
            "[Service]\nIPAddressDeny=any\n"
            f"IPAddressAllow=localhost {' '.join(addrs)}\n")


def _write_text(dst: Path, text: str) -> Callable[[], None]:
    def go() -> None:
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(dst.name + ".new")
        tmp.write_text(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, dst)
    return go


def _known(lookup: Callable[[str], object], name: str) -> bool:
    """Whether the system's user (``pwd.getpwnam``) or group (``grp.getgrnam``)
    database knows ``name``."""
    try:
        lookup(name)
        return True
    except KeyError:
        return False


def plan(root: Path, venv: str, source: Path, start: bool,
         ip_allow: list[str] | None = None) -> list[Action]:
    """Every step, in order, for the given target root."""
    on_host = root.resolve() == Path("/")
    systemd_dir = source / "systemd"
    unit_dst = _under(root, f"/etc/systemd/system/{UNIT_NAME}")
    actions: list[Action] = []

    if on_host:
        # SupplementaryGroups= naming a group that does not exist stops the unit
        # from starting at all (status 216/GROUP).
        for g in GROUPS:
            if not _known(grp.getgrnam, g):
                actions.append(Action(f"create system group {g}",
                                      _run(["groupadd", "--system", g])))
        if _known(pwd.getpwnam, USER):
            actions.append(Action(f"user {USER} exists: add it to groups {','.join(GROUPS)}",
                                  _run(["usermod", "-a", "-G", ",".join(GROUPS), USER])))
        else:
            actions.append(Action(
                f"create system user {USER} (groups {','.join(GROUPS)}, no login, no home)",
                _run(["useradd", "--system", "--user-group", "--no-create-home",
                      "--home-dir", "/var/lib/till-agent", "--shell", "/usr/sbin/nologin",
                      "--groups", ",".join(GROUPS), USER])))
    else:
        actions.append(Action(f"skip creating user {USER} (--root): do it on the till, "
                              "or run `agent install-service` there"))

    # This machine's CPUs decide the agent's (an image may boot on another).
    cpu = choose("auto", set(os.sched_getaffinity(0))) if on_host else None
    actions.append(Action(f"install {unit_dst} (ExecStart={venv.rstrip('/')}/bin/agent run "
                          f"--config {CONFIG}"
                          + (f", CPUAffinity={cpu}" if cpu is not None else "") + ")",
                          _install_file(systemd_dir / UNIT_NAME, unit_dst, 0o644,
                                        _unit_text(venv, cpu))))
    dropin = _under(root, f"/etc/systemd/system/{UNIT_NAME}.d/ip-allow.conf")
    if ip_allow:
        actions.append(Action(f"install {dropin} (IPAddressDeny=any, IPAddressAllow=localhost "
                              f"{' '.join(ip_allow)})",
                              _write_text(dropin, ip_allow_dropin(ip_allow))))
    elif not dropin.exists():
        actions.append(Action("note: the agent's network is not confined by address: pass "
                              "--ip-allow with the till's, the printer's and the hub's "
                              "addresses (systemd/README.md)"))
    agent_exe = _under(root, f"{venv.rstrip('/')}/bin/agent")
    if not agent_exe.exists():
        actions.append(Action(f"note: {agent_exe} does not exist yet: install the agent there "
                              f"(`python3 -m venv {venv} && {venv}/bin/pip install .`) or pass "
                              "--venv; the service cannot start without it"))
    rules_dst = _under(root, "/etc/udev/rules.d/99-till-agent.rules")
    actions.append(Action(f"install {rules_dst}",
                          _install_file(systemd_dir / "udev" / "99-till-agent.rules",
                                        rules_dst, 0o644)))
    mod_dst = _under(root, "/etc/modules-load.d/till-agent.conf")
    actions.append(Action(f"install {mod_dst}",
                          _install_file(systemd_dir / "modules-load.d" / "till-agent.conf",
                                        mod_dst, 0o644)))

    conf_dst = _under(root, CONFIG)
    if conf_dst.exists():
        actions.append(Action(f"keep {conf_dst} (already there)"))
    else:
        actions.append(Action(f"install {conf_dst} from examples/agent.toml (edit it: till_id, "
                              "[sync] base_url, [printer], [[readers]])",
                              _install_file(source / "examples" / "agent.toml", conf_dst,
                                            0o640, group=USER)))
    token = _under(root, "/etc/till-agent/token")
    if not token.exists():
        actions.append(Action(f"note: no token yet: write it to {token}, then "
                              f"`chown {USER}: {token}; chmod 600 {token}`"))

    if on_host:
        actions.append(Action(f"load kernel modules {' '.join(MODULES)} (missing ones ignored)",
                              _run(["modprobe", "-a", "-q", *MODULES])))
        actions.append(Action("reload udev rules and re-trigger devices",
                              lambda: (_run(["udevadm", "control", "--reload"])(),
                                       _run(["udevadm", "trigger"])())))
        actions.append(Action("systemctl daemon-reload", _run(["systemctl", "daemon-reload"])))
        actions.append(Action(f"systemctl enable {UNIT_NAME}",
                              _run(["systemctl", "enable", UNIT_NAME])))
        if start:
            actions.append(Action(f"systemctl restart {UNIT_NAME}",
                                  _run(["systemctl", "restart", UNIT_NAME])))
    else:
        actions.append(Action(f"systemctl --root={root} enable {UNIT_NAME}",
                              _run(["systemctl", f"--root={root}", "enable", UNIT_NAME])))
    return actions


def run(args) -> int:
    root = Path(args.root)
    source = Path(args.source)
    needed = [source / "systemd" / UNIT_NAME, source / "examples" / "agent.toml"]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        print(f"error: not found: {', '.join(missing)}; pass --source DIR (the till-agent "
              "checkout)", file=sys.stderr)
        return 2
    if not args.dry_run and root.resolve() == Path("/") and os.geteuid() != 0:
        print("error: installing a service needs root: `sudo agent install-service` "
              "(or --dry-run to see what it would do)", file=sys.stderr)
        return 2
    if not args.venv.startswith("/"):
        print("error: --venv must be an absolute path", file=sys.stderr)
        return 2
    if args.start and root.resolve() != Path("/"):
        print("error: --start only works on this machine (without --root)", file=sys.stderr)
        return 2
    try:
        ip_allow = parse_ip_allow(args.ip_allow)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failures = 0
    for action in plan(root, args.venv, source, args.start, ip_allow):
        if args.dry_run or action.do is None:
            print(("would: " if args.dry_run and action.do else "") + action.what)
            continue
        try:
            action.do()
        except (OSError, subprocess.SubprocessError) as exc:
            failures += 1
            print(f"FAILED: {action.what}: {exc}", file=sys.stderr)
        else:
            print(f"done: {action.what}")
    if not args.dry_run and not failures:
        print("next: put the hub token in /etc/till-agent/token, edit /etc/till-agent/agent.toml,"
              " then run `agent doctor`.")
    if shutil.which("systemctl") is None and not args.dry_run:
        print("note: systemctl not found: is this a systemd machine?", file=sys.stderr)
    return 1 if failures else 0
