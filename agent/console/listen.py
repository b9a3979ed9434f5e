"""Where the console listens, checked (the LAN only with PIN pairing), and
the Host names it answers to."""

from __future__ import annotations

import ipaddress
import socket

from drivers.tap_guards import client_address

LOOPBACK_NAMES = ("localhost",)


def split_listen(listen: str) -> tuple[str, int]:
    """``"127.0.0.1:8080"`` / ``"[::1]:8080"`` -> (host, port). ValueError if malformed."""
    host, sep, port = listen.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"{listen!r} must look like 127.0.0.1:8080")
    return host.strip("[]"), int(port)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost"."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listen_problem(listen: str, lan_pairing: bool = False) -> str:
    """Why ``listen`` cannot be used ("" when it can)."""
    try:
        host, _port = split_listen(listen)
    except ValueError as exc:
        return str(exc)
    if not is_loopback(host) and not lan_pairing:
        return (f"{host!r} is not a loopback address: the console on the LAN needs "
                "`lan_pairing = true` (office computers then pair with a PIN shown on the "
                "till); or use 127.0.0.1 (a kiosk browser on the till)")
    return ""


def kiosk_problem(kiosk_from: list[str]) -> str:
    """Why ``kiosk_from`` cannot be used ("" when it can): only the till's own
    loopback addresses may skip pairing."""
    for entry in kiosk_from:
        try:
            net = ipaddress.ip_network(entry.strip(), strict=False)
        except ValueError:
            return f"{entry!r} is not an IP address or network (e.g. 127.0.0.1)"
        if not net.is_loopback:
            return (f"{entry!r} is not a loopback address: only the till's own screen "
                    "skips pairing; another device pairs with a PIN")
    return ""


def allowed_hosts(host: str, port: int) -> list[str]:
    """Host headers (``name:port``) this console answers to at once: the
    loopback names, the listen address, and on a LAN listen the till's host
    name, bare and with ``.local`` (mDNS). ``resolved_hosts`` adds the rest
    later; the address a connection arrived on is always ours (``Guard``)."""
    names = ["localhost", "127.0.0.1", "[::1]"]
    if not is_loopback(host):
        hostname = socket.gethostname()
        names += [hostname, f"{hostname}.local"]
    if host not in ("0.0.0.0", "::"):
        names.append(host)
    return _with_port(names, port)


def resolved_hosts(port: int) -> list[str]:
    """The till's fully qualified name and the addresses its name resolves
    to, as Host headers. It may wait on DNS (seconds, with the network
    down), so it runs off the start-up path (ConsoleServer)."""
    hostname = socket.gethostname()
    names = [socket.getfqdn()]
    try:
        names += [ai[4][0] for ai in socket.getaddrinfo(hostname, None)]
    except OSError:
        pass  # the name does not resolve: the other entries still work
    return _with_port(names, port)


def _with_port(names: list[str], port: int) -> list[str]:
    out: list[str] = []
    for n in names:
        shown = f"[{n}]" if ":" in n and not n.startswith("[") else n
        if f"{shown.lower()}:{port}" not in out:
            out.append(f"{shown.lower()}:{port}")
    return out


def host_of(address: str, port: int) -> str:
    """The Host header a browser sends for an IP address and port (an IPv4
    client of a dual-stack socket, ``::ffff:a.b.c.d``, as IPv4)."""
    ip = client_address(address)
    return f"[{ip}]:{port}" if ip.version == 6 else f"{ip}:{port}"
