"""Check everything a till needs and say what to fix: host (config, state
directory, disk, journal chain, permissions), clock (NTP, skew against the
hub, RTC), till & peripherals (each reader, scanner and the printer: present,
openable, last data, paper and cover), network & hub (DNS, TCP, TLS, health,
token, proxy), the till queue (pending, rejected, last sync, roster age,
receipt-number gaps), privacy and the systemd service.

Works with the agent running or stopped, with or without network; never
writes to the journal; every check has a timeout and the run ends within
10 s. Run it as the agent's user: `sudo -u till-agent agent doctor`.

    agent doctor                 # the report
    agent doctor -v              # with details under each line
    agent doctor --check hub     # one group, or one check (journal, hub.auth, ...)
    agent doctor --json          # machine-readable, stable schema
    agent doctor --stream        # JSON lines as each check answers, then the report
    agent doctor --bundle FILE   # also write a redacted support bundle (tar.gz)

Exit status: 0 no failures (warnings allowed; --strict counts them as
failures), 1 failures, 2 usage error, 3 the doctor itself could not run.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
import time
import tomllib
import typing
from pathlib import Path

HELP = "check host, clock, devices, hub and till queue; say what to fix"


def add_arguments(p) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--stream", action="store_true",
                   help="JSON lines as the checks answer: the plan, each check's findings, "
                        "then the --json report (the console's doctor page reads it)")
    p.add_argument("-v", "--verbose", action="store_true", help="details under each check")
    p.add_argument("--check", action="append", metavar="NAME", default=[],
                   help="run only this check or group (repeatable); e.g. config, journal, hub")
    p.add_argument("--list", action="store_true", help="list the checks and exit")
    p.add_argument("--bundle", metavar="FILE", help="write a redacted support bundle (tar.gz)")
    p.add_argument("--strict", action="store_true", help="warnings count as failures (exit 1)")


def _load(args):
    """The config, or the defaults plus what was wrong with the file."""
    from agent.config import Config, ConfigError, load_config, resolve_config_path

    try:
        path, _ = resolve_config_path(args.config)
    except Exception:  # noqa: BLE001 - resolving the path must not stop the doctor
        path = None
    try:
        cfg = load_config(args.config, args.state_dir)
        return cfg, (cfg.source or (path if path and path.exists() else None)), []
    except ConfigError as exc:
        # Check everything that did parse with the values given (the hub at
        # its base_url, the readers at their paths): one bad key must not
        # turn the rest into the defaults.
        raw = _salvage(Path(exc.path or path)) if (exc.path or path) else {}
        cfg = _lenient(Config, raw)
        if args.state_dir:
            cfg.state_dir = args.state_dir
        return cfg, exc.path or path, list(exc.problems)


def _lenient(cls: type, data: dict):
    """``cls`` built from ``data`` keeping every value that passes the
    loader's own checks (agent.config), the defaults for the rest."""
    from agent.config.typed_toml import check_value  # the loader's type checks, one definition

    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    kwargs = {}
    for key, value in data.items():
        if key not in names:
            continue
        tp = hints[key]
        (item_tp,) = typing.get_args(tp) if typing.get_origin(tp) is list else (None,)
        if dataclasses.is_dataclass(tp) and isinstance(value, dict):
            kwargs[key] = _lenient(tp, value)
        elif dataclasses.is_dataclass(item_tp) and isinstance(value, list):
            kwargs[key] = [_lenient(item_tp, v) for v in value if isinstance(v, dict)]
        else:
            problems: list[str] = []
            checked = check_value(tp, value, key, problems)
            if checked is not None and not problems:
                kwargs[key] = checked
    try:
        return cls(**kwargs)
    except (TypeError, ValueError):
        return cls()


def _salvage(path: Path) -> dict:
    """Top-level ``state_dir``/``till_id`` from a config that does not load:
    parsed if it is TOML at all, else read line by line up to the first table."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pass
    out = {}
    for line in text.splitlines():
        if line.lstrip().startswith("["):
            break
        m = re.match(r'\s*(state_dir|till_id)\s*=\s*"([^"]*)"\s*(#.*)?$', line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def _service_log() -> str:
    exe = shutil.which("journalctl")
    if exe is None:
        return ""
    try:
        res = subprocess.run([exe, "-u", "till-agent", "-n", "300", "--no-pager",
                              "-o", "short-iso"], capture_output=True, text=True, timeout=3)
    except (OSError, subprocess.SubprocessError):
        return ""
    return res.stdout


def _line(obj: dict) -> None:
    """One JSON line of ``--stream``, written at once (the reader shows it)."""
    print(json.dumps(obj, sort_keys=True), flush=True)


def run(args) -> int:
    from agent.doctor import runner as d

    t0 = time.monotonic()
    try:
        cfg, path, problems = _load(args)
        ctx = d.Context(cfg, config_path=path, config_problems=problems)
        checks = d.all_checks()
        if args.list:
            for c in checks:
                print(f"{c.name:28} {d.GROUPS.get(c.group, c.group)}")
            return d.EXIT_OK
        if args.check:
            try:
                checks = d.select(checks, args.check)
            except ValueError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return d.EXIT_USAGE
        on_done = None
        if args.stream:
            _line({"plan": [c.name for c in checks]})

            def on_done(name, found):
                # Which check answered: its findings may be named otherwise
                # (devices.readers answers devices.reader.door, ...).
                _line({"check": name, "findings": [f.to_dict() for f in found]})

        findings = d.run_checks(ctx, checks, on_done=on_done)
        took = time.monotonic() - t0
        report = d.to_json(ctx, findings, took, args.strict)
        if args.stream:
            _line({"report": report})
        elif args.json:
            print(json.dumps(report, indent=2, sort_keys=True))
        else:
            print(d.render_text(ctx, findings, args.verbose, sys.stdout, took))
        if args.bundle:
            try:
                members = d.write_bundle(Path(args.bundle), ctx, findings, report,
                                         _service_log())
            except OSError as exc:
                print(f"error: cannot write the support bundle {args.bundle}: "
                      f"{exc.strerror or exc}", file=sys.stderr)
                return d.EXIT_BROKEN
            print(f"support bundle: {args.bundle} ({', '.join(members)}; redacted: no token, "
                  "pupil ids, names, hub reasons or card numbers)", file=sys.stderr)
        return d.exit_code(findings, args.strict)
    except Exception as exc:  # noqa: BLE001 - the doctor's own failure has its own exit code
        print(f"error: the doctor itself could not run: {type(exc).__name__}: {exc}",
              file=sys.stderr)
        return d.EXIT_BROKEN
