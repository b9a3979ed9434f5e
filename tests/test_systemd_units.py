"""The shipped systemd unit, udev rules and modules-load file: what a till
depends on when nobody is there to restart it. The unit is read by
systemd itself where ``systemd-analyze`` exists (exposure score, verify), and
always parsed here so the key promises are checked on every machine."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
UNIT = REPO / "systemd" / "till-agent.service"
RULES = REPO / "systemd" / "udev" / "99-till-agent.rules"
MODULES = REPO / "systemd" / "modules-load.d" / "till-agent.conf"
ANALYZE = shutil.which("systemd-analyze")
NO_ANALYZE = ("systemd-analyze is not installed (apt-get install systemd); "
              "the Python checks still run")


def parse_unit(text: str) -> dict[str, dict[str, list[str]]]:
    """A unit file as {section: {key: [values in order]}} (repeated keys kept)."""
    out: dict[str, dict[str, list[str]]] = {}
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            section = m.group(1)
            out.setdefault(section, {})
            continue
        assert section is not None, f"directive outside a section: {line}"
        key, sep, value = line.partition("=")
        assert sep, f"not a KEY=value line: {line}"
        out[section].setdefault(key.strip(), []).append(value.strip())
    return out


@pytest.fixture(scope="module")
def unit():
    return parse_unit(UNIT.read_text())


def one(unit, section, key) -> str:
    values = unit[section].get(key)
    assert values, f"[{section}] {key}= is missing"
    return values[-1]


def test_the_till_is_never_left_dead_a_hung_loop_is_restarted(unit):
    assert one(unit, "Service", "Type") == "notify"
    assert one(unit, "Service", "Restart") == "always"
    assert float(one(unit, "Service", "RestartSec").rstrip("s")) <= 5
    assert one(unit, "Unit", "StartLimitIntervalSec") == "0"
    watchdog = int(one(unit, "Service", "WatchdogSec").rstrip("s"))
    # The agent pings at half of WATCHDOG_USEC; the stop budget is 5 s.
    assert 10 <= watchdog <= 120
    assert int(one(unit, "Service", "TimeoutStopSec").rstrip("s")) > 5


def test_it_starts_from_the_installed_venv_with_the_installed_config(unit):
    from agent.commands import install_service

    assert one(unit, "Service", "ExecStart") == (
        f"{install_service.VENV}/bin/agent run --config {install_service.CONFIG}")


def test_it_waits_for_a_sane_clock_but_never_blocks_on_an_offline_network(unit):
    after = " ".join(unit["Unit"]["After"]).split()
    assert "time-set.target" in after
    assert "network-online.target" not in after
    assert "network-online.target" in one(unit, "Unit", "Wants").split()


def test_it_runs_as_its_own_user_with_just_the_device_groups(unit):
    assert one(unit, "Service", "User") == "till-agent"
    assert set(one(unit, "Service", "SupplementaryGroups").split()) == {
        "dialout", "till-readers", "lp"}  # not "input": every keyboard, the till's own
    assert one(unit, "Service", "StateDirectory") == "till-agent"
    assert one(unit, "Service", "ConfigurationDirectory") == "till-agent"
    assert one(unit, "Service", "UMask") == "0077"
    # PrivateUsers= maps dialout/till-readers/lp to nobody: the readers could not be opened.
    assert unit["Service"].get("PrivateUsers", ["no"])[-1] in ("no", "false")
    assert unit["Service"].get("PrivateDevices", ["no"])[-1] in ("no", "false")


def test_devices_are_closed_except_the_reader_and_printer_classes(unit):
    assert one(unit, "Service", "DevicePolicy") == "closed"
    allowed = {v.split()[0] for v in unit["Service"]["DeviceAllow"]}
    assert allowed == {"char-ttyUSB", "char-ttyACM", "char-ttyS", "char-input",
                       "char-usb_device", "char-usb"}
    # char-ttyUSB only resolves once usbserial is loaded.
    modules = [m.strip() for m in MODULES.read_text().splitlines()
               if m.strip() and not m.startswith("#")]
    assert {"usbserial", "cdc_acm", "ch341", "cp210x", "ftdi_sio", "pl2303"} <= set(modules)


def test_memory_and_tasks_are_bounded(unit):
    # The agent runs in ~40 MB (tests/test_printer_guard.py: a 95 MB job
    # peaks there); about 20 threads with every reader and the tap busy.
    mem = one(unit, "Service", "MemoryMax")
    assert mem.endswith("M") and 128 <= int(mem[:-1]) <= 512
    assert 32 <= int(one(unit, "Service", "TasksMax")) <= 128


def test_hardening_directives_are_set(unit):
    s = unit["Service"]
    for key, value in {
        "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
        "NoNewPrivileges": "yes", "SystemCallArchitectures": "native",
        "MemoryDenyWriteExecute": "yes", "LockPersonality": "yes",
        "RestrictRealtime": "yes", "RestrictNamespaces": "yes",
        "ProtectKernelTunables": "yes", "ProtectKernelModules": "yes",
        "ProtectKernelLogs": "yes", "ProtectControlGroups": "yes", "ProtectClock": "yes",
        "ProtectHostname": "yes", "RestrictSUIDSGID": "yes",
        "SystemCallErrorNumber": "EPERM",
    }.items():
        assert s.get(key, [None])[-1] == value, key
    assert s["CapabilityBoundingSet"] == [""]
    assert "@system-service" in s["SystemCallFilter"]
    # Of the denied groups, one call comes back: threads lowering their own
    # priority (agent.runtime.affinity.background). Nothing else.
    assert s["SystemCallFilter"][1:] == ["~@privileged @resources", "setpriority"]
    families = set(one(unit, "Service", "RestrictAddressFamilies").split())
    assert families <= {"AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK"}
    # /proc/sys/kernel/random/boot_id goes into every journal entry.
    assert "ProcSubset" not in s


@pytest.mark.skipif(ANALYZE is None, reason=NO_ANALYZE)
def test_systemd_rates_the_units_exposure_at_most_1_6():
    out = subprocess.run([ANALYZE, "security", "--offline=yes", str(UNIT)],
                         capture_output=True, text=True, timeout=60)
    m = re.search(r"Overall exposure level for \S+: (\d+\.\d)", out.stdout + out.stderr)
    assert m, out.stdout + out.stderr
    assert float(m.group(1)) <= 1.6, out.stdout


@pytest.mark.skipif(ANALYZE is None, reason=NO_ANALYZE)
def test_systemd_verify_finds_nothing_but_the_not_yet_installed_binary():
    out = subprocess.run([ANALYZE, "verify", "--man=no", str(UNIT)],
                         capture_output=True, text=True, timeout=60)
    problems = [line for line in (out.stdout + out.stderr).splitlines()
                if line.strip() and "/opt/till-agent/.venv/bin/agent" not in line]
    assert problems == []


RULE_KEYS = re.compile(
    r'(ACTION|SUBSYSTEM|KERNEL|DRIVERS?|ENV\{\w+\}|ATTRS?\{\w+\}|GROUP|MODE|SYMLINK'
    r'|GOTO|LABEL|TAG|OWNER)(==|!=|\+=|=)"([^"]*)"')


def test_udev_rules_parse_and_name_the_devices_the_config_refers_to():
    text = RULES.read_text()
    labels = set(re.findall(r'LABEL="(\w+)"', text))
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        rest = RULE_KEYS.sub("", line).replace(",", "").strip()
        assert rest == "", f"line {n}: cannot read {rest!r}"
        for target in re.findall(r'GOTO="(\w+)"', line):
            assert target in labels, f"line {n}: GOTO to a missing label {target}"
        assert 'MODE="0666"' not in line and 'MODE="0777"' not in line
    assert 'ENV{ID_MM_DEVICE_IGNORE}="1"' in text
    assert 'SYMLINK+="till/printer"' in text
    assert 'SYMLINK+="till/reader-' in text
    for group in ("dialout", "till-readers", "lp"):
        assert f'GROUP="{group}"' in text
    assert 'GROUP="input"' not in text


def test_the_console_on_the_lan_needs_no_new_allowance_as_the_readme_says(unit):
    # systemd/README.md "The console on the LAN": one more TCP listener under
    # the same address families; no socket-bind or address allowance to widen,
    # no capability for a port below 1024.
    s = unit["Service"]
    assert set(one(unit, "Service", "RestrictAddressFamilies").split()) == {
        "AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK"}
    for key in ("SocketBindAllow", "SocketBindDeny", "IPAddressAllow", "IPAddressDeny"):
        assert key not in s, key
    assert s["CapabilityBoundingSet"] == [""] and s["AmbientCapabilities"] == [""]
    readme = (REPO / "systemd" / "README.md").read_text()
    said = readme.split("**The console on the LAN**", 1)[1].split("\n- **", 1)[0]
    assert "needs **no new allowance**" in said
    for named in ("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK",
                  "SocketBindAllow=", "IPAddressAllow=", "CAP_NET_BIND_SERVICE", "--ip-allow"):
        assert named in " ".join(said.split()), named
