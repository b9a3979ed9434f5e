"""Small helpers the tests share (waiting on a condition, a free port)."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest


def wait_for(pred: Callable[[], object], timeout: float = 5.0, interval: float = 0.01) -> bool:
    """Poll ``pred`` until it is true or ``timeout`` s pass; its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(interval)
    return bool(pred())


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on (right now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_runtime(cfg: Any, options: Any = None) -> Iterator[Any]:
    """An ``agent.runtime.service.Runtime`` started and running its main loop in a
    thread; stopped (and checked stopped) on exit."""
    from agent.runtime.service import Runtime

    rt = Runtime(cfg, options=options)
    rt.start()
    t = threading.Thread(target=rt.run, daemon=True)
    t.start()
    try:
        yield rt
    finally:
        rt.request_stop()
        t.join(6)
        assert not t.is_alive(), "the runtime did not stop"


def not_here(reason: str) -> NoReturn:
    """This machine lacks what a test needs (root, the shared corpus): a
    developer's machine skips it with ``reason``; CI (``.ci/run`` sets
    ``TILL_AGENT_CI=1``) provides both, so there the lack is a failure,
    never a silent skip."""
    if os.environ.get("TILL_AGENT_CI") == "1":
        pytest.fail(f"CI must run this test: {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def escpos_corpus() -> Path | None:
    """The shared ESC/POS corpus (read in place, never copied into the repo):
    ``$TILL_AGENT_ESCPOS_CORPUS``, else ``shared/escpos-corpus`` beside the
    checkout, else the workplace's ``/work/shared/escpos-corpus``."""
    here = Path(__file__).resolve().parents[2] / "shared" / "escpos-corpus"
    for c in (os.environ.get("TILL_AGENT_ESCPOS_CORPUS"), here, "/work/shared/escpos-corpus"):
        if c and Path(c).is_dir():
            return Path(c)
    return None


def judged(sale: Any, roster: dict[str, str] | None = None) -> dict[str, Any]:
    """The JSON of the Transaction a correlated ``agent.sale.transaction.Sale`` becomes,
    made as the pipeline makes it: the pupil looked up once (``roster``:
    printed account or pupil id -> pupil id; default: every id is a pupil
    well in credit, as when the till prints the hub's ids), then the policy
    with a fresh roster and an empty ledger (so it adds no flags of its own
    but ``clock_unsynced`` and ``unknown_pupil``)."""
    from agent.config import PolicyConfig
    from agent.sale.balances import Ledger
    from agent.sale.transaction import Books, transaction
    from sync.contract import Pupil

    key = sale.account.strip() if sale.account else sale.tapped
    pid = (roster.get(key) if roster is not None else key) if key else None
    pupil = None if pid is None else Pupil(
        pid, "A Pupil", "Y5", (), (), 10**6, False, None, 0, (), True)
    return transaction(sale, pupil, Books(Ledger(240), PolicyConfig(), 0, 0.0)).to_json()


def till_with_roster(tmp: Path, pupils: list[Any], *, pulled_at: float | None = None,
                     config: str = "") -> tuple[Path, Path]:
    """A till's state directory as the agent makes it (mode 0700: the agent
    refuses one open to others) with ``pupils`` cached as the hub's roster,
    pulled at ``pulled_at`` (default now: not stale), and its config file
    (till ``hall-1``, then ``config``). Returns (state, config path)."""
    from sync.roster_store import RosterStore

    state = tmp / "state"
    state.mkdir(mode=0o700)
    RosterStore.in_state_dir(state).apply(pupils, [], "c1", 0,
                                          time.time() if pulled_at is None else pulled_at, True)
    cfg = tmp / "agent.toml"
    cfg.write_text(f'till_id = "hall-1"\nstate_dir = "{state}"\n' + config)
    return state, cfg
