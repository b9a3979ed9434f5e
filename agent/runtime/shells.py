"""The I/O shells ``agent.runtime.service`` starts, made from the config: the
printer tap of ``[printer]`` and the device shell of each ``[[readers]]``
entry (drivers are imported only for what is configured)."""

from __future__ import annotations

from typing import Any

from agent.config import Config


def make_tap(cfg: Config, listener: Any) -> Any | None:
    """The configured printer tap (not started), or None for ``mode = "none"``."""
    p = cfg.printer
    if p.mode == "tcp":
        from drivers.tap_tcp import TcpTap
        return TcpTap(p.listen, p.forward, listener, **tap_guards(cfg))
    if p.mode == "serial":
        from drivers.tap_serial import SerialTap
        return SerialTap(p.till_port, p.printer_port, p.baudrate, p.rtscts, p.xonxoff,
                         listener)
    if p.mode == "serial-tap":
        from drivers.tap_serial import SerialReadOnlyTap
        return SerialReadOnlyTap(p.tap_port, p.baudrate, listener)
    if p.mode == "usb":
        from drivers.tap_usb import UsbTap
        return UsbTap(p.listen, p.usb_id, listener, **tap_guards(cfg))
    return None


def tap_guards(cfg: Config) -> dict[str, Any]:
    """Who may print through a TCP/USB tap and the bounds of each job
    (``[printer]`` allow_from, max_connections, max_job_*, min_job_rate).
    Raises ValueError for a listener open to other hosts with no allow_from
    (the config check says the same; a Config built in code skips it)."""
    from drivers.tap_guards import JobLimits, listen_problem

    p = cfg.printer
    problem = listen_problem(p.listen, p.allow_from)
    if problem:
        raise ValueError(problem)
    return {"allow_from": p.allow_from, "max_connections": p.max_connections,
            "limits": JobLimits(max_bytes=p.max_job_bytes, max_s=p.max_job_s,
                                min_bytes_per_s=p.min_job_rate_bytes_s)}


def make_device(rc: Any) -> Any:
    """The device shell for one ``[[readers]]`` entry."""
    if rc.kind == "fingerprint":
        from drivers.fingerprint import FingerprintSession
        from drivers.fingerprint_reader import FingerprintReader
        session = FingerprintSession(rc.name, address=rc.address, min_score=rc.min_score,
                                     poll_interval_s=rc.poll_interval_s,
                                     response_timeout_s=rc.response_timeout_s,
                                     password=rc.password)
        return FingerprintReader(rc.name, rc.path, rc.baudrate, session)
    from drivers.readers import make_reader
    shell = make_reader(rc)
    if shell is None:
        raise ValueError(f"no driver for reader kind {rc.kind!r}")
    return shell
