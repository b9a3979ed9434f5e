"""Device chaos: readers unplugged and replugged, line noise on the serial
readers and the fingerprint module, paper running out during a receipt,
while pupils keep tapping cards and the till keeps printing. The agent runs
in this process (the simulated devices are ptys and a FIFO made here).

Checks: every tap on a plugged reader is read and joined to its receipt;
every receipt printed is journaled exactly once (a receipt re-sent after the
paper was changed included); garbage is rejected and counted, never read as a
card; every reader is connected again at the end; the paper-out status the
printer reported was observed.
"""

from __future__ import annotations

import random
import threading
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from agent.journal.store import Journal
from tests.chaos.checks import Verdict
from tests.support import wait_for as _wait

READERS = ("rfid", "ascii", "wedge")
SERIAL = ("rfid", "ascii", "finger")


@dataclass
class DeviceStats:
    customers: int = 0
    unplugs: int = 0
    garbage: int = 0
    paper_outs: int = 0
    frames_rejected: int = 0
    reopens: int = 0
    by_reader: dict[str, int] = field(default_factory=dict)


def run_devices(root: Path, customers: int = 40, seed: int = 1,
                say=lambda _m: None) -> tuple[Verdict, DeviceStats]:
    from agent.demo.world import SimWorld
    from agent.runtime.service import Runtime, RuntimeOptions
    from hwsim.till import SaleSpec, compose, send_tcp

    rng = random.Random(seed)
    stats = DeviceStats()
    verdict = Verdict()
    problems = verdict.problems
    world = SimWorld(pupils=60, seed=seed, state_dir=str(Path(root) / "state"))
    cfg = world.start()
    cfg.sync.enabled = True
    rt = Runtime(cfg, options=RuntimeOptions(tick_interval_s=0.05, publish_interval_s=0.2,
                                             supervisor_backoff_initial_s=0.05,
                                             supervisor_backoff_max_s=0.3))
    rt.start()
    runner = threading.Thread(target=rt.run, daemon=True)
    runner.start()
    expected: dict[str, str] = {}  # receipt no -> pupil id
    printed: Counter[str] = Counter()
    try:
        if not _wait(lambda: all(s.state().connected for s in rt.supervisors)
                     and rt.roster is not None and rt.roster.info().count >= 60, 15):
            problems.append("devices or roster not ready")
            return verdict, stats
        counters = rt.pipeline.counters
        carded = [p for p in world.school if p.get("card_uids")]
        unplugged: dict[str, int] = {}  # device -> step to replug at
        recent: deque[str] = deque(maxlen=20)
        for i in range(customers):
            did = []
            for dev, at in list(unplugged.items()):
                if i >= at:
                    world.devices[dev].replug()
                    del unplugged[dev]
                    did.append(f"replug {dev}")
            r = rng.random()
            if r < 0.15 and len(unplugged) < 2:
                dev = rng.choice([d for d in SERIAL if d not in unplugged])
                world.devices[dev].unplug()
                unplugged[dev] = i + rng.randint(1, 4)
                stats.unplugs += 1
                did.append(f"unplug {dev}")
            elif r < 0.35:
                dev = rng.choice([d for d in SERIAL if d not in unplugged])
                world.devices[dev].garbage(rng.randint(4, 40))
                stats.garbage += 1
                did.append(f"garbage on {dev}")
            # A customer taps a card on a reader that is plugged in...
            # (not a pupil served in the last few seconds: a card held on the
            # reader is one read, by design, within the debounce time)
            pupil = rng.choice([p for p in carded if p["id"] not in recent])
            recent.append(pupil["id"])
            reader = rng.choice([d for d in READERS if d not in unplugged])
            before = counters["identifications"]
            world.devices[reader].present(pupil["card_uids"][0])
            if not _wait(lambda b=before: counters["identifications"] > b):
                st = {s.state().name: s.state() for s in rt.supervisors}
                problems.append(f"customer {i}: a tap on the plugged {reader} reader was "
                                f"not read (just before: {', '.join(did) or 'nothing'}; "
                                f"readers: {st})")
                continue
            stats.by_reader[reader] = stats.by_reader.get(reader, 0) + 1
            # ...and the till prints the receipt; sometimes the paper runs out.
            no = f"{i + 1:06d}"
            job = compose(SaleSpec([("Pasta bake", 1, 230)], tender="Account", receipt_no=no))
            paper_out = rng.random() < 0.15
            before = counters["receipts"]
            if paper_out:
                world.printer.core.paper_out = True
                res = send_tcp(*world.till_address, job, ask_status=2)
                if not _wait(lambda: rt.pipeline.last_status is not None
                             and rt.pipeline.last_status.paper_out):
                    problems.append(f"receipt {no}: the paper-out status was not observed")
                world.printer.core.paper_out = False
                stats.paper_outs += 1
                printed[no] += res.printed
                # New roll in; the till prints the same receipt again.
                res = send_tcp(*world.till_address, job, retries=20)
            else:
                res = send_tcp(*world.till_address, job, retries=20)
            printed[no] += res.printed
            if not res.printed:
                problems.append(f"receipt {no} did not print")
                continue
            expected[no] = pupil["id"]
            stats.customers += 1
            _wait(lambda b=before: counters["receipts"] > b)
        for dev in list(unplugged):
            world.devices[dev].replug()
        if not _wait(lambda: all(s.state().connected for s in rt.supervisors), 10):
            problems.append("not every reader came back after being replugged: "
                            + ", ".join(s.state().name for s in rt.supervisors
                                        if not s.state().connected))
        _wait(lambda: rt.q.empty() and not rt.pipeline.correlator.held, 5)
        states = [s.state() for s in rt.supervisors]
        stats.frames_rejected = sum(getattr(s, "frames_rejected", 0) for s in states)
        stats.reopens = sum(getattr(s, "reopen_count", 0) for s in states)
    finally:
        rt.request_stop()
        runner.join(10)
        world.stop()
    with Journal.in_state_dir(cfg.state_dir, readonly=True) as j:
        entries = list(j.entries())
        verdict.journaled = len(entries)
        if not j.verify().ok:
            problems.append("journal chain broken")
    verdict.printed = len(expected)
    got = Counter(e.transaction.get("receipt_no") for e in entries)
    by_no = {e.transaction.get("receipt_no"): e.transaction for e in entries}
    for no, pid in expected.items():
        if got[no] != 1:
            problems.append(f"receipt {no} journaled {got[no]} times")
        elif by_no[no].get("pupil_id") != pid:
            problems.append(f"receipt {no} was not joined to the pupil who tapped")
    extra = set(got) - set(expected)
    if extra:
        problems.append(f"{len(extra)} journal entries for receipts nobody printed")
    if stats.garbage and not stats.frames_rejected:
        problems.append("line noise was sent but no frame was rejected")
    if stats.unplugs and not stats.reopens:
        problems.append("readers were unplugged but never reopened")
    return verdict, stats
