"""`agent demo`, the README's first command, as CI runs it: a small lunch
service on simulated hardware must end with every invariant holding."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def summary_value(out: str, label: str) -> str:
    m = re.search(rf"^\s+{re.escape(label)}\s*: (.*)$", out, re.M)
    assert m, f"no {label!r} in the summary:\n{out}"
    return m.group(1).strip()


def test_agent_demo_small_service_holds_every_invariant(tmp_path):
    state = tmp_path / "state"
    proc = subprocess.run(
        [sys.executable, "-m", "agent", "demo", "--pupils", "60", "--seed", "7",
         "--state-dir", str(state)],
        cwd=REPO, env={**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}, capture_output=True,
        text=True, timeout=120)
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert "OK: every printed receipt journaled exactly once" in out
    assert summary_value(out, "duplicates at the hub") == "0"
    assert summary_value(out, "lost") == "0"
    assert summary_value(out, "journal chain") == "verifies"
    assert summary_value(out, "customers served") == "60"
    assert summary_value(out, "till queue").startswith("0 pending, 0 rejected")
    # The three identification methods were all used.
    methods = summary_value(out, "identified by")
    for m in ("rfid", "ascii", "wedge", "finger", "receipt", "cash"):
        assert m in methods
    # Progress went to a pipe: plain lines, no terminal control codes.
    assert "\x1b[" not in out
    # The kept state dir is usable by the other commands.
    st = subprocess.run([sys.executable, "-m", "agent", "status", "--state-dir", str(state)],
                        cwd=REPO, capture_output=True, text=True, timeout=30)
    assert "pending sync      : 0" in st.stdout
    # One definition of debt: the summary's offline debt is what `report debt` says
    # for the same journal, and the refund by printed account waits for review.
    rep = subprocess.run([sys.executable, "-m", "agent", "report", "debt", "--json",
                          "--state-dir", str(state)], cwd=REPO, capture_output=True, text=True,
                         timeout=30)
    assert rep.returncode == 0, rep.stderr
    debt = json.loads(rep.stdout)
    owed = debt["total_owed_pence"]
    assert summary_value(out, "offline debt") == f"£{owed // 100}.{owed % 100:02d}"
    assert summary_value(out, "held for review") == str(len(debt["needs_review"]))
    # The operator display: identifications shown (most pupils with their
    # generated photo), every allergen banner acknowledged, each journaled once.
    line = out.split("Lunch service summary", 1)[1]
    m = re.search(r"operator display\s*: (\d+) identifications shown \((\d+) with a photo\), "
                  r"(\d+) allergen banner\(s\), (\d+) acknowledged", line)
    assert m, line
    shown, photos, banners, acked = map(int, m.groups())
    assert shown > 0 and 0 < photos < shown and banners == acked
    from agent.journal.store import Journal
    with Journal.in_state_dir(state, readonly=True) as j:
        assert len(j.acknowledgements()) == banners
    assert len(list((state / "photos").iterdir())) > 0  # fetched with the roster


def test_the_simulated_canteen_runs_from_an_agent_toml_the_doctor_reads(tmp_path):
    """The demo's till is set up as a technician sets up a real one: a config
    file, which ``agent doctor`` (and the console's Till checks page) reads, so
    they see the simulated readers, printer and hub, not built-in defaults."""
    from agent.config import load_config
    from agent.demo.world import SimWorld

    world = SimWorld(pupils=10, seed=3, state_dir=str(tmp_path / "state"))
    try:
        cfg = world.start()
        assert cfg.source == world.config_path and cfg.source.name == "agent.toml"
        assert load_config(str(cfg.source)) == cfg  # the file is the whole config
        res = subprocess.run([sys.executable, "-m", "agent", "doctor", "--json", "--config",
                              str(cfg.source), "--check", "devices", "--check", "hub"],
                             cwd=REPO, capture_output=True, text=True, timeout=60)
    finally:
        world.stop()
    checks = {c["name"]: c for c in json.loads(res.stdout)["checks"]}
    readers = {n for n in checks if n.startswith("devices.reader.")}
    assert readers == {f"devices.reader.{r.name}" for r in cfg.readers} and len(readers) == 4
    assert all(checks[n]["status"] == "ok" for n in readers), checks
    assert checks["devices.printer"]["status"] == "ok"
    assert "(tcp)" in checks["devices.printer"]["summary"]
    assert checks["hub.health"]["status"] == "ok" and checks["hub.auth"]["status"] == "ok"
