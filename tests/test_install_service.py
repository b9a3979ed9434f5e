"""A technician installs the agent as a service: first with --dry-run to see
what would happen, then into a target root (an SD card image here: tmp_path),
never touching this machine's /etc."""

from __future__ import annotations

import grp
import shutil
import stat

import pytest

from agent.cli import main
from agent.commands import install_service


def test_dry_run_on_this_machine_lists_every_step_and_changes_nothing(capsys, tmp_path):
    rc = main(["install-service", "--dry-run"])
    out = capsys.readouterr().out
    assert rc == 0
    for step in ("/etc/systemd/system/till-agent.service", "/etc/udev/rules.d/99-till-agent.rules",
                 "/etc/modules-load.d/till-agent.conf", "systemctl daemon-reload",
                 "systemctl enable till-agent.service", "reload udev rules",
                 "load kernel modules usbserial"):
        assert step in out, step
    lines = out.splitlines()
    user = next(i for i, line in enumerate(lines) if "user till-agent" in line)
    unit = next(i for i, line in enumerate(lines) if "till-agent.service (ExecStart" in line)
    assert user < unit  # the unit's User= must exist before it is enabled
    for g in install_service.GROUPS:  # SupplementaryGroups= must all exist
        try:
            grp.getgrnam(g)
        except KeyError:
            assert f"would: create system group {g}" in lines[:user]
    assert all(line.startswith(("would: ", "note: ", "skip ", "keep ")) for line in
               out.splitlines())


def test_dry_run_into_a_root_writes_nothing(capsys, tmp_path):
    rc = main(["install-service", "--dry-run", "--root", str(tmp_path)])
    assert rc == 0
    assert list(tmp_path.iterdir()) == []
    out = capsys.readouterr().out
    assert f"{tmp_path}/etc/systemd/system/till-agent.service" in out
    assert "skip creating user" in out


@pytest.mark.skipif(shutil.which("systemctl") is None, reason="systemctl is not installed")
def test_installing_into_an_image_puts_every_file_in_place_and_enables_the_unit(capsys, tmp_path):
    rc = main(["install-service", "--root", str(tmp_path), "--venv", "/srv/agent/venv"])
    out = capsys.readouterr().out
    assert rc == 0, out
    unit = tmp_path / "etc/systemd/system/till-agent.service"
    assert "ExecStart=/srv/agent/venv/bin/agent run --config /etc/till-agent/agent.toml" \
        in unit.read_text()
    assert (tmp_path / "etc/udev/rules.d/99-till-agent.rules").read_text() == \
        (install_service.SOURCE / "systemd/udev/99-till-agent.rules").read_text()
    assert "usbserial" in (tmp_path / "etc/modules-load.d/till-agent.conf").read_text()
    conf = tmp_path / "etc/till-agent/agent.toml"
    assert conf.read_text() == (install_service.SOURCE / "examples/agent.toml").read_text()
    assert not conf.stat().st_mode & stat.S_IROTH  # not world-readable
    assert (tmp_path / "etc/systemd/system/multi-user.target.wants/till-agent.service").is_symlink()
    assert "token" in out


def test_keyboard_readers_get_their_own_group_not_input(capsys):
    # "input" would let the agent read every keyboard, the till's own.
    assert "till-readers" in install_service.GROUPS and "input" not in install_service.GROUPS
    main(["install-service", "--dry-run"])
    out = capsys.readouterr().out
    try:
        grp.getgrnam("till-readers")
    except KeyError:  # not a till yet: the group is created before the user joins it
        assert "would: create system group till-readers" in out
    assert "groups dialout,till-readers,lp" in out


def test_ip_allow_confines_the_agents_network_in_a_drop_in(capsys, tmp_path):
    rc = main(["install-service", "--root", str(tmp_path), "--ip-allow",
               "192.0.2.20, 192.0.2.10,203.0.113.0/29"])
    out = capsys.readouterr().out
    assert rc in (0, 1), out  # 1: no systemctl here to enable the unit
    dropin = tmp_path / "etc/systemd/system/till-agent.service.d/ip-allow.conf"
    text = dropin.read_text()
    assert "[Service]\nIPAddressDeny=any\n" in text
    assert "IPAddressAllow=localhost 192.0.2.20/32 192.0.2.10/32 203.0.113.0/29\n" in text
    assert main(["install-service", "--dry-run", "--ip-allow", "the hub"]) == 2
    assert "'the hub' is not an IP address" in capsys.readouterr().err


def test_without_ip_allow_the_dry_run_says_the_network_is_not_confined(capsys, tmp_path):
    main(["install-service", "--dry-run", "--root", str(tmp_path)])
    assert "note: the agent's network is not confined by address" in capsys.readouterr().out


def test_a_site_config_already_there_is_kept(capsys, tmp_path):
    conf = tmp_path / "etc/till-agent/agent.toml"
    conf.parent.mkdir(parents=True)
    conf.write_text('till_id = "hillside-2"\n')
    main(["install-service", "--root", str(tmp_path)])
    assert conf.read_text() == 'till_id = "hillside-2"\n'
    assert "keep" in capsys.readouterr().out


def test_a_checkout_without_the_unit_is_a_clear_usage_error(capsys, tmp_path):
    rc = main(["install-service", "--dry-run", "--source", str(tmp_path)])
    assert rc == 2
    assert "--source" in capsys.readouterr().err


def test_the_unit_in_the_checkout_starts_what_install_service_installs():
    text = (install_service.SOURCE / "systemd/till-agent.service").read_text()
    assert (f"ExecStart={install_service.VENV}/bin/agent run --config {install_service.CONFIG}"
            in text)


def test_the_command_is_listed_in_agent_help():
    from agent.cli import build_parser

    assert "install-service" in build_parser().format_help()


def test_the_installed_unit_pins_the_agent_to_a_cpu_because_its_filter_refuses_the_call():
    # sched_setaffinity is in @resources, which the unit denies: systemd pins
    # the agent (agent/runtime/affinity.py says why), the agent then finds one CPU.
    text = (install_service.SOURCE / "systemd/till-agent.service").read_text()
    assert "SystemCallFilter=~@privileged @resources" in text
    pinned = install_service._unit_text("/opt/till-agent/.venv", 3)(text)
    service = pinned.split("[Service]", 1)[1].split("\n[", 1)[0]
    assert "\nCPUAffinity=3\nExecStart=" in service
    assert "CPUAffinity" not in install_service._unit_text("/opt/till-agent/.venv")(text)
