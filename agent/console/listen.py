"""Where the console listens, checked: loopback only until LAN pairing exists."""

from __future__ import annotations

import ipaddress

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


def listen_problem(listen: str) -> str:
    """Why ``listen`` cannot be used ("" when it can)."""
    try:
        host, _port = split_listen(listen)
    except ValueError as exc:
        return str(exc)
    if not is_loopback(host):
        return (f"{host!r} is not a loopback address; listening on the LAN needs PIN "
                "pairing, which this agent does not have yet: use 127.0.0.1 (a kiosk "
                "browser on the till)")
    return ""
