"""``agent demo``: a whole lunch service on simulated hardware, checked.

``SimWorld`` (``agent.demo.world``) starts the simulators (``hwsim``): a hub
with a generated school, a receipt printer, card readers and a fingerprint
module; and builds the agent's ``Config`` wired to them. ``run_service``
runs the real ``agent.runtime.service.Runtime`` (in a thread of this
process) against that world while a simulated till serves the queue:

* pupils identify by card (each reader kind), by finger, or by the account
  the till prints on the receipt; some pay cash;
* the operator reprints a receipt now and then, refunds one sale (by the
  printed account alone, so it is held for review: no balance moves);
* a pupil without biometric consent puts a finger down (refused), then taps
  a card;
* the RDM6300 reader is unplugged and replugged mid-service;
* the hub is cut off for part of the service and restored.

Time is accelerated: the queue moves as fast as the agent confirms each
step. At the end the demo compares, one to one, the receipts the simulated
printer printed, the journal, and the hub's ledger, and exits 0 only if
every printed non-reprint receipt is journaled exactly once, the hub holds
exactly the journal, and the journal's hash chain verifies (the check and
the summary are ``agent.demo.report``'s).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent.config import Config
from agent.demo.operator import DemoOperator
from agent.demo.report import DemoReport, Progress, check_service, print_summary
from agent.demo.world import SimWorld, call_device

LAYOUT = "epson"


# --- the service -------------------------------------------------------------


@dataclass
class Step:
    """One customer at the till."""

    n: int
    method: str  # rfid | ascii | wedge | finger | receipt | cash | refused_then_card
    pupil: dict | None
    spec: Any
    reprint_after: bool = False


def plan_service(school: list[dict], seed: int) -> list[Step]:
    """Who comes to the till and how they identify, reproducibly."""
    from hwsim.till import MENU, SaleSpec

    rng = random.Random(seed)
    pupils = list(school)
    rng.shuffle(pupils)
    steps: list[Step] = []
    no_consent = [p for p in pupils if not p.get("biometric_consent", True)
                  and p.get("card_uids")
                  and any(str(b).isdigit() for b in p.get("biometric_ids") or [])]
    refused_pupil = no_consent[0]["id"] if no_consent else None
    for n, p in enumerate(pupils, start=1):
        uid = (p.get("card_uids") or [""])[0]
        fingers = [b for b in p.get("biometric_ids", []) if str(b).isdigit()]
        r = rng.random()
        if p["id"] == refused_pupil:
            method = "refused_then_card"
        elif r < 0.08:
            method = "cash"
        elif r < 0.22:
            method = "receipt"
        elif r < 0.40 and fingers and p.get("biometric_consent", True):
            method = "finger"
        elif uid and r < 0.62:
            method = "rfid"
        elif r < 0.82 and uid:
            method = "ascii"
        elif uid:
            method = "wedge"
        else:
            method = "receipt"
        items = [rng.choice(MENU[:4])] + rng.sample(MENU[4:], rng.randint(0, 2))
        lines = [(d, 1, price) for d, price in items]
        tender = "Cash" if method == "cash" else "Account"
        spec = SaleSpec(lines, tender=tender, receipt_no=f"{n:06d}",
                        account=p["id"] if method == "receipt" else None,
                        when=time.strftime("%d/%m/%Y %H:%M", time.gmtime()))
        steps.append(Step(n, method, None if method == "cash" else p, spec,
                          reprint_after=rng.random() < 0.04))
    return steps


class _Till:
    """The simulated till's side of the service, waiting on the agent's
    counters so the accelerated queue stays in step with it."""

    def __init__(self, world: SimWorld, rt: Any):
        self.world = world
        self.rt = rt
        self.printed: list[Any] = []  # (spec, is_reprint)

    def counter(self, name: str) -> int:
        return int(self.rt.pipeline.counters.get(name, 0))

    def wait(self, name: str, target: int, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while self.counter(name) < target:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)
        return True

    def identify(self, method: str, pupil: dict) -> bool:
        devs = self.world.devices
        before = self.counter("identifications")
        if method == "finger":
            slot = int(next(b for b in pupil["biometric_ids"] if str(b).isdigit()))
            devs["finger"].place(slot)
            ok = self.wait("identifications", before + 1)
            devs["finger"].lift()
            return ok
        uid = pupil["card_uids"][0]
        dev = {"rfid": devs["rfid"], "ascii": devs["ascii"], "wedge": devs["wedge"]}[method]
        call_device(dev, "present", "card", "tap", args=(uid,))
        return self.wait("identifications", before + 1)

    def print(self, spec: Any, reprint: bool = False) -> bool:
        from hwsim.till import SaleSpec, compose, send_tcp

        if reprint:
            spec = SaleSpec(spec.lines, spec.tender, spec.receipt_no, spec.account, spec.kind,
                            True, spec.when)
        before = self.counter("receipts")
        res = send_tcp(*self.world.till_address, compose(spec, LAYOUT), retries=20,
                       retry_delay=0.05)
        if not res.printed:
            return False
        self.printed.append((spec, reprint))
        return self.wait("receipts", before + 1)


def run_service(world: SimWorld, cfg: Config, *, progress: Progress | None = None,
                clock: Callable[[], float] = time.time) -> DemoReport:
    """Run the agent against ``world`` for one lunch service and check it."""
    from agent.runtime.service import Runtime, RuntimeOptions

    t0 = time.monotonic()
    steps = plan_service(world.school, world.seed)
    report = DemoReport(pupils=len(steps))
    progress = progress or Progress(len(steps))
    rt = Runtime(cfg, options=RuntimeOptions(tick_interval_s=0.05, publish_interval_s=0.5,
                                             supervisor_backoff_initial_s=0.05,
                                             supervisor_backoff_max_s=0.3))
    rt.start()
    runner = threading.Thread(target=rt.run, name="agent-runtime", daemon=True)
    runner.start()
    till = _Till(world, rt)
    problems = report.problems
    operator = None
    try:
        _wait_ready(rt, world, problems)
        if rt.console is not None:
            report.display_url = rt.console.url + "display"
            progress.say(f"operator display: {report.display_url}")
            operator = DemoOperator(rt.console.url, rt.console.ctx.feed)
        n = len(steps)
        unplug_at, replug_at = n // 3, n // 3 + max(3, n // 10)
        offline_at, online_at = int(n * 0.45), int(n * 0.7)
        unplugged = False
        hub_cut = False  # the hub is offline now
        felt = False  # a sale was journaled while the agent knew the hub was gone
        for i, step in enumerate(steps):
            if i == unplug_at:
                call_device(world.devices["rfid"], "unplug")
                unplugged = True
                progress.say(f"customer {i + 1}: the RFID reader at the door is unplugged")
            if i == replug_at:
                call_device(world.devices["rfid"], "replug", "plug")
                unplugged = False
                progress.say(f"customer {i + 1}: the RFID reader is plugged back in")
            if i == offline_at:
                world.hub.go_offline()
                hub_cut = True
                progress.say(f"customer {i + 1}: the hub is cut off (network down)")
            if hub_cut and i >= online_at and felt:
                # Back only once the agent has sold through the outage: the
                # outage is observed, not assumed from the clock.
                world.hub.go_online()
                hub_cut = False
                progress.say(f"customer {i + 1}: the hub is back")
            felt = felt or (hub_cut and rt.offline())
            method = step.method
            if method == "rfid" and unplugged:
                method = "ascii"  # the operator points the pupil to the other reader
            report.methods[method] = report.methods.get(method, 0) + 1
            if method == "refused_then_card":
                _refused_then_card(till, step, problems)
            elif (method in ("rfid", "ascii", "wedge", "finger")
                  and not till.identify(method, step.pupil or {})):
                problems.append(f"customer {step.n}: the {method} identification never "
                                "reached the agent")
            if operator is not None:  # staff check the tray, then press the button
                operator.acknowledge_waiting()
            if not till.print(step.spec):
                problems.append(f"customer {step.n}: receipt {step.spec.receipt_no} not "
                                "captured")
            if step.reprint_after and not till.print(step.spec, reprint=True):
                problems.append(f"customer {step.n}: reprint not captured")
            if i == n // 2:
                _refund(till, step, problems)
            q = rt.pipeline.counters
            hub = rt.sync.state().state if rt.sync else "none"
            progress.show(i + 1, f"journaled {q.get('journaled', 0)}  hub {hub}")
        progress.done()
        if operator is not None:
            operator.acknowledge_waiting()
        if hub_cut:
            world.hub.go_online()
            problems.append("the agent never noticed that the hub was cut off")
        _settle(rt)
        if rt.sync is not None and not rt.sync.wait_idle(timeout=20.0):
            problems.append("the till queue did not drain to the hub within 20 s")
    finally:
        if rt.console is not None:
            feed = rt.console.ctx.feed
            report.display_shown, report.display_photos = feed.shown, feed.with_photo
            report.banners, report.acknowledged = feed.banners, feed.acknowledged
        if operator is not None:
            operator.close()
            if operator.failed:
                problems.append(f"{operator.failed} allergen banner(s) could not be "
                                "acknowledged on the display")
        rt.request_stop()
        runner.join(10.0)
        if runner.is_alive():
            problems.append("the agent did not stop within 10 s")
    check_service(world, cfg, till.printed, till.counter("refused"), report)
    report.seconds = time.monotonic() - t0
    return report


def _wait_ready(rt: Any, world: SimWorld, problems: list[str], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = [s.state() for s in rt.supervisors]
        roster = rt.roster.info().count if rt.roster is not None else 0
        if all(s.connected for s in states) and roster >= len(world.school):
            return
        time.sleep(0.02)
    problems.append("devices or roster not ready within 10 s")


def _settle(rt: Any, timeout: float = 10.0) -> None:
    """Wait until the agent has handled everything the till and readers sent
    (queue empty, nothing held back, nothing waiting for the store)."""
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        p = rt.pipeline
        idle = rt.q.empty() and not p.correlator.held and not p.writer.backlog
        if idle:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 0.2:
                return
        else:
            quiet_since = None
        time.sleep(0.01)


def _refused_then_card(till: _Till, step: Step, problems: list[str]) -> None:
    p = step.pupil or {}
    fingers = [b for b in p.get("biometric_ids", []) if str(b).isdigit()]
    if fingers:
        before = till.counter("refused")
        till.world.devices["finger"].place(int(fingers[0]))
        if not till.wait("refused", before + 1):
            problems.append("the pupil without biometric consent was not refused")
        till.world.devices["finger"].lift()
    if not till.identify("ascii", p):
        problems.append("the refused pupil's card was not read")


def _refund(till: _Till, step: Step, problems: list[str]) -> None:
    from hwsim.till import SaleSpec

    spec = SaleSpec(step.spec.lines[:1], tender="Account", receipt_no=f"R{step.n:05d}",
                    account=step.pupil["id"] if step.pupil else None, kind="refund",
                    when=step.spec.when)
    if not till.print(spec):
        problems.append("the refund receipt was not captured")


def main(pupils: int = 300, seed: int = 7, state_dir: str | None = None,
         keep: bool = False) -> int:
    """Run the demo; the exit status says whether the invariants held."""
    world = SimWorld(pupils=pupils, seed=seed, state_dir=state_dir, keep=keep)
    print(f"agent demo: {pupils} pupils, seed {seed}", flush=True)
    try:
        cfg = world.start()
        print(f"  state dir {cfg.state_dir}", flush=True)
        print(f"  config {cfg.source} (the agent.toml a technician would write; "
              "`agent run --sim` keeps the canteen running to try it with `agent doctor "
              "--config`)", flush=True)
        report = run_service(world, cfg)
    finally:
        world.stop()
    print_summary(report)
    if keep or state_dir:
        print(f"state kept in {cfg.state_dir}: try `agent status --state-dir {cfg.state_dir}`")
    return 0 if report.ok else 1
