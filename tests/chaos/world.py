"""The world a chaos run happens in: the simulated hub and printer in this
process, the real agent in its own process (``python -m agent run``), and a
till that prints numbered receipts the way real tills do: through a real
client library (python-escpos's ``Network`` printer), one connection per
receipt, back to back; a job counts as printed only when the printer side
closed the connection in order, and a job that fails (refused, reset, timed
out) is sent again with identical bytes until it goes through."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Network

from agent.runtime import runtime_json
from hwsim.hub import Hub
from hwsim.printer import TcpPrinter
from hwsim.school import generate_school
from hwsim.till import MENU, SaleSpec, compose
from tests.support import free_port

REPO = Path(__file__).resolve().parents[2]
TOKEN = "chaos-token"
TILL_ID = "chaos-till-1"


@dataclass
class WorldOptions:
    pupils: int = 30
    seed: int = 1
    state_dir: Path | None = None  # default: <root>/state
    push_debounce_s: float = 0.05
    push_interval_s: float = 0.5
    roster_interval_s: float = 2.0
    backoff_max_s: float = 0.5
    log_level: str = "WARNING"
    resend_window_s: float = 15.0  # policy.resend_window_s (the agent's default)


class AgentProcess:
    """``python -m agent run --config FILE`` as systemd would run it."""

    def __init__(self, config: Path, state_dir: Path, log_file: Path):
        self.config, self.state_dir, self.log_file = config, state_dir, log_file
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
        env.pop("NOTIFY_SOCKET", None)
        log = open(self.log_file, "ab")  # noqa: SIM115 (owned by the child)
        self.proc = subprocess.Popen([sys.executable, "-m", "agent", "run", "--config",
                                      str(self.config)], cwd=REPO, env=env, stdout=log,
                                     stderr=subprocess.STDOUT)
        log.close()
        self.starts += 1

    def wait_ready(self, timeout: float = 20.0) -> bool:
        """Until the new process published ``ready`` (its own pid)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            st = runtime_json.read(self.state_dir) or {}
            if self.proc is not None and st.get("pid") == self.proc.pid and st.get("ready"):
                return True
            if self.proc is not None and self.proc.poll() is not None:
                return False
            time.sleep(0.02)
        return False

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(10)

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM, as ``systemctl stop``; the exit status."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
                return None
        return self.proc.returncode

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


@dataclass
class Till:
    """Prints numbered receipts to ``address``; a failed job is sent again,
    with identical bytes, until the tap takes all of it and closes in order
    (as real tills do). ``mid_job`` is set while a job is part-sent (a kill
    aimed at it lands mid-receipt)."""

    address: tuple[str, int]
    seed: int = 1
    rng: random.Random = field(init=False)
    sent: dict[str, bytes] = field(default_factory=dict)  # receipt no -> job
    attempts: int = 0
    resends: int = 0
    mid_job: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def job(self, n: int) -> tuple[str, bytes]:
        items = self.rng.sample(MENU, self.rng.randint(1, 3))
        lines = [(d, 1, p) for d, p in items]
        tender = self.rng.choice(["Cash", "Account", "FSM"])
        no = f"{n:06d}"
        return no, compose(SaleSpec(lines, tender=tender, receipt_no=no))

    def print(self, n: int, deadline: float, stop: threading.Event | None = None) -> bool:
        no, data = self.job(n)
        first = True
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            self.attempts += 1
            if not first:
                self.resends += 1
            first = False
            # In a few pieces a few ms apart (a driver writes as it renders),
            # so a kill can land in the middle of a receipt.
            cuts = sorted({0, len(data), *(self.rng.randrange(1, len(data))
                                           for _ in range(self.rng.randint(1, 4)))})
            pieces = [data[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
            if print_job(self.address, pieces, self.mid_job, self.rng):
                self.sent[no] = data
                return True
            time.sleep(0.05)
        return False


def print_job(address: tuple[str, int], pieces: list[bytes], mid_job: threading.Event,
              rng: random.Random, timeout: float = 3.0) -> bool:
    """One print job over one connection with python-escpos's ``Network``
    printer. True only when the far side took it all and closed in order (a
    raw-9100 printer's only "printed"); refused, reset or timed out: False."""
    printer = Network(address[0], address[1], timeout=timeout)
    try:
        printer.open()
    except DeviceNotFoundError:
        return False
    sock = printer.device
    assert sock is not None
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for i, piece in enumerate(pieces):
            printer._raw(piece)  # the library's raw write (sendall)
            if i == 0:
                mid_job.set()
            if i + 1 < len(pieces):
                time.sleep(rng.uniform(0.0, 0.01))
        sock.shutdown(socket.SHUT_WR)  # end of job
        while sock.recv(4096):  # until the tap closes: in order, or reset
            pass
        return True
    except OSError:
        return False
    finally:
        mid_job.clear()
        with contextlib.suppress(OSError):
            printer.close()


class ChaosWorld:
    """Hub + printer in-process; the agent's config and state in ``root``."""

    def __init__(self, root: Path, opts: WorldOptions | None = None):
        self.root = Path(root)
        self.opts = opts or WorldOptions()
        self.state_dir = self.opts.state_dir or self.root / "state"
        self.hub: Hub | None = None
        self.printer: TcpPrinter | None = None
        self.till_address = ("127.0.0.1", free_port())
        self.config_path = self.root / "agent.toml"
        self.agent: AgentProcess | None = None
        self.school: list[dict] = []

    def start(self) -> ChaosWorld:
        self.root.mkdir(parents=True, exist_ok=True)
        self.school = generate_school(seed=self.opts.seed, pupils=self.opts.pupils)
        self.hub = Hub(roster=self.school, token=TOKEN)
        base_url = self.hub.start(host="127.0.0.1", port=0)
        token = self.root / "token"
        token.write_text(TOKEN)
        token.chmod(0o600)
        self.printer = TcpPrinter().start()
        o = self.opts
        self.config_path.write_text(f"""
till_id = "{TILL_ID}"
state_dir = "{self.state_dir}"

[logging]
level = "{o.log_level}"

[sync]
base_url = "{base_url}"
token_file = "{token}"
push_debounce_s = {o.push_debounce_s}
push_interval_s = {o.push_interval_s}
roster_interval_s = {o.roster_interval_s}
connect_timeout_s = 0.5
read_timeout_s = 2.0
write_timeout_s = 2.0
pool_timeout_s = 1.0
backoff_initial_s = 0.05
backoff_max_s = {o.backoff_max_s}
auth_pause_s = 2.0

[printer]
mode = "tcp"
listen = "{self.till_address[0]}:{self.till_address[1]}"
forward = "{self.printer.address[0]}:{self.printer.address[1]}"
idle_gap_s = 3.0

[policy]
resend_window_s = {o.resend_window_s}
""")
        self.agent = AgentProcess(self.config_path, self.state_dir, self.root / "agent.log")
        return self

    def start_agent(self) -> AgentProcess:
        """Start the agent process and wait until it is ready (or say why not)."""
        assert self.agent is not None, "start() the world first"
        self.agent.start()
        if not self.agent.wait_ready():
            raise RuntimeError("the agent did not start:\n" + self.log_tail())
        return self.agent

    def till(self, seed: int = 1) -> Till:
        return Till(self.till_address, seed=seed)

    def stop(self) -> None:
        if self.agent is not None:
            self.agent.stop()
        for thing in (self.printer, self.hub):
            if thing is not None:
                with contextlib.suppress(Exception):
                    thing.stop()

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join((self.root / "agent.log").read_text(errors="replace")
                             .splitlines()[-n:])
        except OSError:
            return ""

    def __enter__(self) -> ChaosWorld:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
