"""The listening taps' guards: who may print (``AllowList``, and whether a
listen address needs one: ``listen_problem``), how long and how large one
print job may be (``JobLimits``, kept by the sans-IO ``JobMeter``), and the
``host:port`` parsing they share. Pure: no sockets, no threads."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field


def client_address(addr: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """A peer's address as ``ipaddress`` sees it: an IPv4 client of a
    dual-stack listener (``::ffff:10.0.0.5``) is its IPv4 address, a zone id
    (``fe80::1%eth0``) is dropped."""
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


@dataclass(frozen=True)
class AllowList:
    """Who may print through the tap: addresses or networks (``10.0.0.5``,
    ``10.0.0.0/24``, ``::1``). Empty allows everyone (a listener on loopback)."""

    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        """Raises ValueError naming the entry that is not an address or network."""
        nets = []
        for e in entries:
            try:
                nets.append(ipaddress.ip_network(e.strip(), strict=False))
            except ValueError:
                raise ValueError(f"{e!r} is not an IP address or network "
                                 "(e.g. 192.168.1.20 or 192.168.1.0/24)") from None
        return cls(tuple(nets))

    def allows(self, addr: str) -> bool:
        if not self.networks:
            return True
        try:
            ip = client_address(addr)
        except ValueError:
            return False
        return any(ip in net for net in self.networks)


def listen_problem(listen: str, allow_from: Iterable[str]) -> str:
    """Why ``listen`` with ``allow_from`` is unsafe ("" if it is not): a
    listener reachable from other hosts must say which of them is the till."""
    if list(allow_from):
        return ""
    host, _port = parse_hostport(listen)
    if host == "localhost":
        return ""
    try:
        if client_address(host).is_loopback:
            return ""
    except ValueError:
        pass  # a host name: may well resolve to a LAN address
    return (f"listening on {host!r} (reachable from other hosts) needs allow_from: "
            "the till's address(es), e.g. [\"192.168.1.20\"]; anyone else who can reach "
            "the port could print receipts that move money or open the cash drawer")


@dataclass(frozen=True)
class JobLimits:
    """Bounds on one TCP/USB print job (see ``JobMeter``)."""

    max_bytes: int = 1 << 20  # kept (spooled, journaled); the rest is only forwarded
    max_s: float = 60.0  # a job longer than this is ended
    min_bytes_per_s: float = 64.0  # while another connection waits for the printer
    rate_window_s: float = 0.5  # ... measured over windows this long
    idle_s: float = 60.0  # nobody waiting: how long a till may hold the printer silent


@dataclass
class JobMeter:
    """The sans-IO bookkeeping of one job's limits. The shell reports the time
    it spent waiting for the till (``waited``: time blocked on the printer or
    the disk is not the till's fault) and the bytes that came (``keep``), and
    asks ``verdict`` whether the job may go on."""

    limits: JobLimits
    started: float
    kept: int = 0
    truncated: bool = False
    _window_wait: float = 0.0
    _window_bytes: int = 0
    _idle: float = 0.0
    _contended: bool = field(default=False, repr=False)

    def keep(self, n: int) -> int:
        """``n`` bytes came: how many of them to keep (the rest is forwarded only)."""
        self._window_bytes += n
        self._idle = 0.0
        k = max(0, min(n, self.limits.max_bytes - self.kept))
        self.kept += k
        if k < n:
            self.truncated = True
        return k

    def waited(self, seconds: float, contended: bool) -> None:
        """The shell waited ``seconds`` for the till; ``contended``: another
        connection waits for the printer."""
        if contended != self._contended:  # a fresh window when a waiter comes
            self._contended = contended
            self._window_wait = 0.0
            self._window_bytes = 0
        self._idle += seconds
        if contended:
            self._window_wait += seconds

    def verdict(self, now: float) -> str:
        """"" (go on), "too_long", "too_slow" or "idle"."""
        lim = self.limits
        if now - self.started >= lim.max_s:
            return "too_long"
        if self._idle >= lim.idle_s:
            return "idle"
        if self._contended and self._window_wait >= lim.rate_window_s:
            if self._window_bytes < lim.min_bytes_per_s * lim.rate_window_s:
                return "too_slow"
            self._window_wait = 0.0
            self._window_bytes = 0
        return ""

    def timeout(self, now: float, contended: bool) -> float:
        """How long the shell may wait for the till before asking again."""
        lim = self.limits
        left = min(lim.max_s - (now - self.started), lim.idle_s - self._idle)
        if contended:
            left = min(left, lim.rate_window_s - self._window_wait)
        else:  # look again soon: a waiter may come
            left = min(left, 0.25)
        return max(0.0, left)


def parse_hostport(text: str, default_port: int = 9100) -> tuple[str, int]:
    """``"host:port"``, ``"[::1]:9100"`` or ``"host"`` -> (host, port)."""
    text = text.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        return host, int(rest.lstrip(":") or default_port)
    host, sep, port = text.rpartition(":")
    if not sep:
        return text, default_port
    return host or "0.0.0.0", int(port)
