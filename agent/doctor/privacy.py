"""Doctor checks of privacy on this machine: the log level (ids only at
DEBUG), biometric material on disk (never stored), a secret pasted into the
config."""

from __future__ import annotations

import os
import re

from agent.doctor.base import Context, Finding, check, fail, ok, skip, warn

# Names and magic numbers of biometric material that must never be on disk.
_TEMPLATE_NAME = re.compile(r"(templ|finger|biometr|\.(fpt|tpl|wsq|bmp|pgm|raw|iso|ansi)$)",
                            re.I)
_KNOWN_STATE = re.compile(r"^(journal\.sqlite|roster\.sqlite|runtime\.json)(-wal|-shm|-journal)?"
                          r"$|^roster\.key$|^console-devices\.json$|\.lock$|\.tmp\d*$|^spool|^tap")


@check("privacy.log_level", timeout_s=1.0)
def log_level(ctx: Context) -> Finding:
    level = ctx.cfg.logging.level
    env = os.environ.get("TILL_AGENT_LOG_LEVEL", "")
    if level == "DEBUG":
        return warn("privacy.log_level", "logging.level is DEBUG: card UIDs, pupil and match ids "
                    "go to the system log", "set [logging] level = \"INFO\" and restart, once "
                    "the fault is found")
    return ok("privacy.log_level", f"logging.level {level} (ids only at DEBUG)",
              detail=[f"TILL_AGENT_LOG_LEVEL={env}"] if env else [])


@check("privacy.templates", timeout_s=2.0, reads_state=True)
def templates(ctx: Context) -> Finding:
    d = ctx.state_dir
    if not d.is_dir():
        return skip("privacy.templates", f"{d} does not exist")
    suspicious, other = [], []
    try:
        for p in d.rglob("*"):
            if not p.is_file():
                continue
            rel = str(p.relative_to(d))
            if _TEMPLATE_NAME.search(p.name):
                suspicious.append(rel)
            elif not _KNOWN_STATE.search(p.name):
                other.append(rel)
    except OSError as exc:
        return warn("privacy.templates", f"cannot list {d} ({exc.strerror})")
    if suspicious:
        return fail("privacy.templates", f"files that look like biometric material in {d}: "
                    f"{', '.join(suspicious[:5])}",
                    "biometric templates and images must never be stored: delete them securely "
                    "(`shred -u`) and find what wrote them", detail=suspicious)
    return ok("privacy.templates", f"no biometric templates or images in {d}",
              detail=[f"other files: {', '.join(other)}"] if other else [])


@check("privacy.token_in_config", timeout_s=1.0)
def token_in_config(ctx: Context) -> Finding:
    if ctx.config_path is None:
        return skip("privacy.token_in_config", "no config file")
    try:
        text = ctx.config_path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return skip("privacy.token_in_config", f"cannot read {ctx.config_path} ({exc.strerror})")
    pasted = re.search(r"^\s*(token|bearer|api_key|password)\s*=", text, re.I | re.M) or \
        re.search(r"Bearer\s+\S{8,}", text)
    if pasted:
        return fail("privacy.token_in_config", f"{ctx.config_path} holds what looks like a "
                    "secret", "move it to the file named by sync.token_file (mode 0600) and "
                    "remove it from the config")
    return ok("privacy.token_in_config", "no secret in the config file (token is in "
              "sync.token_file)")
