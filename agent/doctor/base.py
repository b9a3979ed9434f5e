"""What every ``agent doctor`` check module builds on: the statuses, a
``Finding`` and its helpers, the ``check`` decorator and its registry, and the
``Context`` the checks share. The check modules (``agent/doctor_*.py``) import
this module only; ``agent.doctor.runner`` imports them (each registers its checks on
import) and runs them, so nothing imports back up.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from agent.runtime import runtime_json
from agent.runtime import state_dir as statedir

OK, WARN, FAIL, SKIP = "ok", "warn", "fail", "skip"
STATUSES = (OK, WARN, FAIL, SKIP)
UNKNOWN = "unknown"  # a check with no answer in time (``Finding.timed_out``): a count, no status
REASON_CLIP = 60  # queue.rejected's summary quotes hub reasons clipped to this


@dataclass
class Finding:
    """One line of the report."""

    name: str  # e.g. "host.journal", "devices.reader.door"
    status: str  # ok | warn | fail | skip
    summary: str
    fix: str = ""
    detail: list[str] = field(default_factory=list)
    group: str = ""
    duration_ms: int = 0
    # Show ``detail`` without -v (every config problem, not the first one only).
    # Text output only: the JSON always carries ``detail``.
    detail_always: bool = False
    # The check gave no answer in time: what it looks at is not known (its
    # ``status`` is the check's ``timeout_status``, for the exit code only;
    # the report and the console say "not known", never a fault not seen).
    timed_out: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        del d["detail_always"]
        return d


def ok(name: str, summary: str, **kw: Any) -> Finding:
    return Finding(name, OK, summary, **kw)


def warn(name: str, summary: str, fix: str = "", **kw: Any) -> Finding:
    return Finding(name, WARN, summary, fix, **kw)


def fail(name: str, summary: str, fix: str = "", **kw: Any) -> Finding:
    return Finding(name, FAIL, summary, fix, **kw)


def skip(name: str, summary: str, **kw: Any) -> Finding:
    return Finding(name, SKIP, summary, **kw)


CheckFn = Callable[["Context"], "Finding | list[Finding]"]


@dataclass(frozen=True)
class Wait:
    """What a check waits for outside this computer (``Context.waiting_for``),
    and who is the slow one when it does not come while this computer is not
    busy."""

    what: str  # "the payment provider's answer"
    slow: str  # "the payment provider"


# A computer whose run queue holds at least this many per core is busy: a
# check's thread may wait for its turn as long as for its answer.
BUSY_LOAD_PER_CORE = 1.0


@dataclass(frozen=True)
class Load:
    """The 1-minute load average and the cores it is shared by."""

    load: float
    cores: int

    @property
    def busy(self) -> bool:
        return self.load >= BUSY_LOAD_PER_CORE * self.cores

    def words(self) -> str:
        """"load 0.3 on 2 cores"."""
        return f"load {self.load:.1f} on {self.cores} core{'s' if self.cores != 1 else ''}"


@dataclass
class Check:
    name: str  # group.short
    fn: CheckFn
    timeout_s: float = 3.0
    # The exit code's reading of a check that ran out of time (a hub that
    # never answers fails a script); the report says it is not known.
    timeout_status: str = FAIL
    # It reads files in the state directory: not run when this user cannot read
    # it (host.state_dir says so, once, instead of a crash per check).
    reads_state: bool = False
    # It waits on the hub (every hub.* check, and clock.skew): a hub wait under
    # way when it is abandoned says who is slow (runner.not_known).
    asks_hub: bool = False

    def __post_init__(self) -> None:
        self.asks_hub = self.asks_hub or self.group == "hub"

    @property
    def group(self) -> str:
        return self.name.split(".", 1)[0]


REGISTRY: list[Check] = []


def check(name: str, timeout_s: float = 3.0, timeout_status: str = FAIL,
          reads_state: bool = False, asks_hub: bool = False) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under ``name`` (``group.short``);
    ``reads_state``: it reads files in the state directory; ``asks_hub``:
    it waits on the hub (implied for the hub group)."""
    def register(fn: CheckFn) -> CheckFn:
        REGISTRY.append(Check(name, fn, timeout_s, timeout_status, reads_state, asks_hub))
        return fn
    return register


class Context:
    """What the checks share: the config (or why it is unusable), the state
    directory, the daemon's published state, and the machine's edges, each
    replaceable by a test (``statvfs``, ``clock_synced``, ``rtc_paths``,
    ``systemctl``, ``now``)."""

    def __init__(self, cfg: Any, *, config_path: Path | None = None,
                 config_problems: list[str] | None = None, now: float | None = None,
                 statvfs: Callable[[str], Any] = os.statvfs,
                 clock_synced: Callable[[], bool] | None = None,
                 rtc_paths: Callable[[], list[str]] | None = None,
                 systemctl: Callable[[list[str]], str | None] | None = None,
                 agent_user: str | None = None,
                 load: Callable[[], Load | None] | None = None):
        self.cfg = cfg
        self.config_path = config_path
        self.config_problems = config_problems or []
        self.now = time.time() if now is None else now
        self.statvfs = statvfs
        self._clock_synced = clock_synced
        self._rtc_paths = rtc_paths
        self.systemctl = systemctl
        self.agent_user = agent_user if agent_user is not None else _default_agent_user()
        self.state_problem = statedir.read_problem(self.state_dir, "agent doctor")
        self.runtime = runtime_json.read(self.state_dir)
        self.daemon_running = runtime_json.daemon_alive(self.runtime)
        self._lock = threading.Lock()
        self._memo: dict[str, Any] = {}
        self._memo_locks: dict[str, threading.Lock] = {}
        self._load = load
        self._waits: dict[Wait, int] = {}

    @property
    def state_dir(self) -> Path:
        return Path(self.cfg.state_dir)

    @property
    def state_closed(self) -> bool:
        """This user may not read the state directory (whether the agent runs,
        the journal, the roster: all unknown from here)."""
        return self.state_problem is not None and self.state_problem.kind == "closed"

    def can_open(self, path: str, need: int) -> bool:
        """Whether the agent's user may open ``path`` for ``need`` (os.R_OK |
        os.W_OK): this user's own rights, or, when the doctor runs as root
        and the ``till-agent`` user exists, that user's by the mode bits and
        its groups (root could open anything; the agent cannot)."""
        if not self.agent_user:
            return os.access(path, need)
        import pwd

        try:
            pw = pwd.getpwnam(self.agent_user)
            st = os.stat(path)
        except (KeyError, OSError):
            return False
        if pw.pw_uid == 0:
            return True
        if st.st_uid == pw.pw_uid:
            bits = (st.st_mode >> 6) & 7
        elif st.st_gid in os.getgrouplist(pw.pw_name, pw.pw_gid):
            bits = (st.st_mode >> 3) & 7
        else:
            bits = st.st_mode & 7
        want = (4 if need & os.R_OK else 0) | (2 if need & os.W_OK else 0)
        return bits & want == want

    @property
    def who(self) -> str:
        """Whose rights ``can_open`` judges, for the findings."""
        return self.agent_user or f"uid {os.getuid()}"

    def clock_synced(self) -> bool:
        if self._clock_synced is not None:
            return self._clock_synced()
        from agent.clock import clock_synced

        return clock_synced()

    def rtc_paths(self) -> list[str]:
        if self._rtc_paths is not None:
            return self._rtc_paths()
        return sorted(str(p) for p in Path("/dev").glob("rtc*"))

    def load(self) -> Load | None:
        """This computer's load now (None: not known, as on a system
        without ``os.getloadavg``)."""
        if self._load is not None:
            return self._load()
        try:
            return Load(os.getloadavg()[0], os.cpu_count() or 1)
        except OSError:
            return None

    @contextlib.contextmanager
    def waiting_for(self, wait: Wait) -> Iterator[None]:
        """Marks ``wait`` under way while the block runs (a request sent,
        its answer not yet come): a check abandoned meanwhile says what it
        was waiting for."""
        with self._lock:
            self._waits[wait] = self._waits.get(wait, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                self._waits[wait] -= 1
                if not self._waits[wait]:
                    del self._waits[wait]

    def waits(self) -> list[Wait]:
        """The waits outside this computer under way now, oldest first."""
        with self._lock:
            return list(self._waits)

    def once(self, key: str, fn: Callable[[], Any]) -> Any:
        """Compute ``fn()`` once for every check that needs it (the hub's
        health answer, the till queue), even when asked from two threads."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
            lock = self._memo_locks.setdefault(key, threading.Lock())
        with lock:
            with self._lock:
                if key in self._memo:
                    return self._memo[key]
            value = fn()
            with self._lock:
                self._memo[key] = value
            return value


AGENT_USER = statedir.AGENT_USER


def _default_agent_user() -> str:
    """Judge device access as the agent's user when the doctor runs as root."""
    if os.geteuid() != 0:
        return ""
    import pwd

    try:
        pwd.getpwnam(AGENT_USER)
    except KeyError:
        return ""
    return AGENT_USER


def clip(text: str, n: int = 160) -> str:
    """One line, at most ``n`` characters: for findings quoting an error."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
