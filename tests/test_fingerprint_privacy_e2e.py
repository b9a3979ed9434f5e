"""A whole simulated lunch service with a fingerprint module that keeps
sending its templates unasked: afterwards no template byte string is in the
state directory (journal, roster cache, runtime.json, spool) or in any log
line, at any level, while the agent did receive them (and dropped them)."""

from __future__ import annotations

import io
import json
import logging
import threading
from pathlib import Path

from agent.demo.lunch import run_service
from agent.demo.report import Progress
from agent.demo.world import SimWorld


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_templates_never_reach_the_journal_the_state_or_the_logs(tmp_path, caplog):
    state = tmp_path / "state"
    world = SimWorld(pupils=40, seed=5, state_dir=str(state))
    caplog.set_level(logging.DEBUG)
    stop = threading.Event()
    try:
        cfg = world.start()
        finger = world.devices["finger"]
        templates = dict(finger.templates)
        assert templates, "the school has fingers enrolled on the module"

        def leak() -> None:  # a faulty module pushing template data all service long
            while not stop.wait(0.05):
                for slot in list(templates)[:3]:
                    finger.leak_template(slot)

        leaker = threading.Thread(target=leak, daemon=True)
        leaker.start()
        report = run_service(world, cfg, progress=Progress(40, out=io.StringIO()))
    finally:
        stop.set()
        world.stop()
    assert report.ok, report.problems
    assert report.methods.get("finger", 0) >= 1

    devices = json.loads((state / "runtime.json").read_text())["devices"]
    (fp,) = [d for d in devices if d["kind"] == "fingerprint"]
    assert fp["stats"]["data_packets_discarded"] >= 4  # they did arrive

    needles = []
    for t in templates.values():
        for i in range(0, len(t) - 16, 64):  # pieces too: a template cut across packets
            needles += [t[i:i + 16], t[i:i + 16].hex().encode()]
    blobs = [p.read_bytes() for p in _files(state)]
    blobs.append("\n".join(r.getMessage() for r in caplog.records).encode("utf-8", "replace"))
    blobs.append("\n".join(r.getMessage() for r in caplog.records).encode("latin-1", "replace"))
    for blob in blobs:
        lowered = blob.lower()
        for n in needles:
            assert n not in blob and n.lower() not in lowered
