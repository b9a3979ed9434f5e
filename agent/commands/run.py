"""Run the till agent: readers, printer tap, journal and sync, supervised
together until SIGTERM/SIGINT (clean shutdown: the receipt in flight is
journaled, sync stopped, files closed, within 5 s).

    agent run --config /etc/till-agent/agent.toml
    agent run --sim                 # everything wired to simulated devices and hub

Under systemd (Type=notify) it reports READY=1 once the journal and devices
are up, WATCHDOG=1 while its main loop is healthy, and the till queue as
STATUS=. Exit status: 0 after a clean stop, 1 when the state directory or
the journal cannot be used, 2 for a bad config.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading

from agent.config import load_config
from agent.logs import setup_logging
from agent.runtime.affinity import pin

HELP = "run the agent (readers, printer tap, journal, sync) until stopped"

log = logging.getLogger("agent.run")


def add_arguments(p) -> None:
    p.add_argument("--sim", action="store_true",
                   help="start simulated devices and a simulated hub in this process and "
                        "wire the agent to them (a temporary state dir unless --state-dir)")
    p.add_argument("--pupils", type=int, default=300, help="--sim: pupils in the school")
    p.add_argument("--seed", type=int, default=1, help="--sim: the school's seed")


def _install_signals(stop) -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop())


def run(args) -> int:
    from agent.runtime.service import Runtime

    world = None
    if args.sim:
        from agent.demo.world import SimWorld

        world = SimWorld(pupils=args.pupils, seed=args.seed, state_dir=args.state_dir)
        cfg = world.start()
        print(f"simulation: state dir {cfg.state_dir}, till prints to "
              f"{world.till_address[0]}:{world.till_address[1]}, hub {cfg.sync.base_url}; "
              f"config {cfg.source} (`agent doctor --config` it while this runs)",
              file=sys.stderr)
    else:
        cfg = load_config(args.config, args.state_dir)
    if not os.environ.get("TILL_AGENT_LOG_LEVEL"):
        # The config's level applies unless --log-level was given.
        setup_logging(cfg.logging.level)
    pin(cfg.cpu)  # before the runtime starts any thread
    rt = Runtime(cfg)
    _install_signals(rt.request_stop)
    try:
        rt.start()
        return rt.run()
    finally:
        if not rt.stopped.is_set():
            rt.shutdown()
        if world is not None:
            world.stop()
