"""sd_notify without libsystemd: one datagram per message to ``$NOTIFY_SOCKET``.

The protocol (sd_notify(3)) is newline-separated ``KEY=VALUE`` assignments in a
single datagram to an AF_UNIX socket whose path is in ``NOTIFY_SOCKET``; a
leading ``@`` names a socket in the abstract namespace. ``WATCHDOG_USEC`` (and
``WATCHDOG_PID``, when set, naming the process it is meant for) says how often
systemd expects ``WATCHDOG=1``; we ping at half that so one late tick is not
fatal.

Under no circumstance does a failed notification disturb the agent: every
send swallows its error and the first one is logged once at WARNING.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

from agent.journal.sync_summary import human_age

log = logging.getLogger("agent.runtime.sdnotify")


def _address(raw: str) -> str | bytes:
    """The socket address for ``NOTIFY_SOCKET``: ``@name`` is abstract (a
    leading NUL byte), anything else a filesystem path."""
    if raw.startswith("@"):
        return b"\0" + raw[1:].encode()
    return raw


def _watchdog_interval(env: Mapping[str, str]) -> float | None:
    """Seconds between pings: half of ``WATCHDOG_USEC``, None when systemd
    asked for no watchdog or asked it of another process."""
    usec = env.get("WATCHDOG_USEC", "")
    pid = env.get("WATCHDOG_PID", "")
    if pid:
        try:
            if int(pid) != os.getpid():
                return None
        except ValueError:
            return None
    try:
        value = int(usec)
    except ValueError:
        return None
    if value <= 0:
        return None
    return value / 1e6 / 2


class Notifier:
    """Talks to the service manager. ``enabled`` is False (and every call a
    no-op) when the agent was not started by systemd with ``Type=notify``."""

    def __init__(self, env: Mapping[str, str] | None = None):
        env = os.environ if env is None else env
        raw = env.get("NOTIFY_SOCKET", "")
        self._addr: str | bytes | None = _address(raw) if raw else None
        self.enabled = self._addr is not None
        self.watchdog_interval_s = _watchdog_interval(env) if self.enabled else None
        self._sock: socket.socket | None = None
        self._warned = False

    def _send(self, message: str) -> bool:
        if self._addr is None:
            return False
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._sock.sendto(message.encode("utf-8", "replace"), self._addr)
            return True
        except OSError as exc:
            if not self._warned:
                self._warned = True
                log.warning("cannot notify systemd at NOTIFY_SOCKET (%s); carrying on", exc)
            self.close()  # a fresh socket next time: the manager may have been restarted
            return False

    def ready(self, status: str = "") -> bool:
        """The journal and configured devices are up: ``READY=1`` (+ STATUS)."""
        return self._send("READY=1" + (f"\nSTATUS={_one_line(status)}" if status else ""))

    def watchdog(self) -> bool:
        """The main loop is alive: ``WATCHDOG=1``."""
        return self._send("WATCHDOG=1")

    def status(self, text: str) -> bool:
        """Free-form status shown by ``systemctl status``."""
        return self._send(f"STATUS={_one_line(text)}")

    def stopping(self) -> bool:
        """A clean shutdown has begun: ``STOPPING=1``."""
        return self._send("STOPPING=1")

    def close(self) -> None:
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
            self._sock = None


def _one_line(text: str) -> str:
    # A newline would start a new assignment in the datagram.
    return " ".join(str(text).split("\n"))


def status_line(pending: int, oldest_age_s: float | None, hub_state: str) -> str:
    """The till queue for ``systemctl status``: '12 pending, oldest 3 min, hub offline'."""
    parts = [f"{pending} pending"]
    if pending and oldest_age_s is not None:
        parts.append(f"oldest {human_age(max(0.0, oldest_age_s))}")
    parts.append(f"hub {hub_state or 'unknown'}")
    return ", ".join(parts)
