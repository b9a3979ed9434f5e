"""An install by the book (systemd/README.md: `pip install .` into a venv)
carries what `agent install-service` installs: the unit, udev rules,
modules-load file and the example config come with the package, so the dry
run works from the installed copy with no checkout beside it."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_install_service_dry_run_works_from_a_wheel_installed_in_a_fresh_venv(tmp_path):
    wheels, venv, elsewhere = tmp_path / "wheels", tmp_path / "venv", tmp_path / "cwd"
    elsewhere.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "-w", str(wheels), str(REPO)], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    wheel = next(wheels.glob("till_agent-*.whl"))
    # The agent's own code and data are what is under test, so they alone
    # are installed from the wheel; its runtime dependencies (the CLI imports
    # the journal, which needs sqlite-utils) are this venv's, installed with
    # the same pins, reached by a path line (this venv's own .pth files, its
    # editable checkout among them, are not read from there).
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "-q", "--no-deps", str(wheel)], check=True, capture_output=True)
    (site,) = (venv / "lib").glob("python3*/site-packages")
    (site / "deps-from-the-test-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run = subprocess.run([str(venv / "bin" / "agent"), "install-service", "--dry-run"],
                         cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import agent, sqlite_utils; print(agent.__file__)"],
                           cwd=elsewhere, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(site)), where.stdout  # the wheel's agent, not ours
    assert "would: install /etc/systemd/system/till-agent.service" in run.stdout
    assert "would: install /etc/udev/rules.d/99-till-agent.rules" in run.stdout
    shipped = venv / "share" / "till-agent"
    assert (shipped / "systemd" / "till-agent.service").read_bytes() == \
        (REPO / "systemd" / "till-agent.service").read_bytes()
    assert (shipped / "examples" / "agent.toml").read_bytes() == \
        (REPO / "examples" / "agent.toml").read_bytes()
    # The pins it was installed with travel with it (scripts/constraints.txt).
    assert (shipped / "constraints.txt").read_bytes() == \
        (REPO / "scripts" / "constraints.txt").read_bytes()
