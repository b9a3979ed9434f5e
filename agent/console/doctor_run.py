"""The console's doctor page: one ``agent doctor --stream`` run in its own
process (its probes and timeouts never run inside the agent), read line by
line so the page shows each check's answer as it arrives.

The page's limit is honest: a run still going after ``limit_s`` is stopped,
and each check that had not answered by then is shown as not known (never
"OK"), by name. The doctor's own budget (``agent.doctor.runner.RUN_BUDGET_S``)
is shorter; the limit is for a machine so loaded that even that overruns.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Callable
from typing import Any

DOCTOR_LIMIT_S = 20.0
WAITING, UNKNOWN = "waiting", "unknown"  # a check with no answer: yet / by the limit


class DoctorRun:
    """One run: ``start()`` it, then ``view()`` as often as the page asks."""

    def __init__(self, argv: list[str], limit_s: float = DOCTOR_LIMIT_S,
                 clock: Callable[[], float] = time.time,
                 timer: Callable[[float, Callable[[], None]], Any] = threading.Timer) -> None:
        """``timer(limit_s, stop)``: what stops the run at the limit (a
        ``threading.Timer``; a test passes one it fires itself)."""
        self.argv = argv
        self.limit_s = limit_s
        self._timer = timer
        self.started_at = clock()
        self._lock = threading.Lock()
        self._plan: list[str] = []
        self._answers: dict[str, list[dict[str, Any]]] = {}
        self._report: dict[str, Any] | None = None
        self._error = ""  # for the till supplier: what ended the run short
        self._error_said = ""  # the same for the office, in words
        self._done = threading.Event()
        self.pid: int | None = None  # the doctor's process, once started

    def start(self) -> DoctorRun:
        threading.Thread(target=self._run, name="console-doctor", daemon=True).start()
        return self

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the run has ended (answered, failed or stopped)."""
        return self._done.wait(timeout)

    @property
    def running(self) -> bool:
        return not self._done.is_set()

    def _run(self) -> None:
        try:
            self._read()
        finally:  # however the reading ended, the run has: the page may start another
            if not self._done.is_set():
                self._end("the doctor's answer could not be read",
                          "The checks' answers could not be read.")

    def _read(self) -> None:
        try:
            # errors="replace": a stray byte in the doctor's own error output
            # must not end the reading before the process does.
            proc = subprocess.Popen(self.argv, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True, errors="replace")
        except OSError as exc:
            self._end(f"the doctor could not run: {exc}", "The checks could not be started.")
            return
        self.pid = proc.pid
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            proc.kill()

        timer = self._timer(self.limit_s, stop)
        timer.start()
        last_words = ""
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                self._heard(json.loads(line))
            except (ValueError, TypeError, AttributeError, KeyError):
                last_words = line.strip()[:300]  # not a --stream line: an error of its own
        proc.wait()
        timer.cancel()
        if self._report is not None:
            self._end("", "")
        elif stopped.is_set():
            self._end(f"the doctor did not finish within {self.limit_s:g} s",
                      f"The checks did not all answer within {self.limit_s:g} s, so they were "
                      "stopped (the till may be busy): those with no answer say \"Not known\".")
        else:
            self._end(f"the doctor stopped without a report (exit {proc.returncode})"
                      + (f": {last_words}" if last_words else ""),
                      "The checks stopped before they finished: those with no answer say "
                      "\"Not known\". Run them again; if it happens again, call the till "
                      "supplier.")

    def _heard(self, msg: dict[str, Any]) -> None:
        with self._lock:
            if "plan" in msg:
                self._plan = [str(n) for n in msg["plan"]]
            elif "findings" in msg:
                for f in msg["findings"]:
                    if f.get("timed_out"):  # no answer in time is not known, never a fault
                        f = {**f, "status": UNKNOWN}
                    # By the check that answered (the plan's name): one check's
                    # findings may be named otherwise (devices.reader.door), and
                    # keyed by their own names the check looked unanswered.
                    answered = str(msg.get("check") or f["name"])
                    self._answers.setdefault(answered, []).append(f)
            elif "report" in msg:
                self._report = msg["report"]

    def _end(self, error: str, said: str) -> None:
        """``error`` for the till supplier, ``said`` for the office."""
        with self._lock:
            self._error = error
            self._error_said = said
        self._done.set()

    def view(self) -> dict[str, Any]:
        """What the page shows: a row per finding in the doctor's order, a
        row for each check with no answer (``waiting`` while the run goes
        on, ``unknown`` once it ended without one), the counts, and why the
        run ended short, naming the checks that did not answer."""
        with self._lock:
            running = not self._done.is_set()
            rows: list[dict[str, Any]] = []
            unanswered: list[str] = []
            names = self._plan + [n for n in self._answers if n not in self._plan]
            for name in names:
                if name in self._answers:
                    rows += self._answers[name]
                    continue
                unanswered.append(name)
                rows.append({"name": name, "status": WAITING if running else UNKNOWN,
                             "summary": "waiting for its answer" if running else
                             "not known: no answer before the doctor was stopped",
                             "fix": "" if running else
                             "run the checks again when the till is less busy, or "
                             f"`agent doctor --check {name}` at the till"})
            counts = {s: sum(r["status"] == s for r in rows)
                      for s in ("ok", "warn", "fail", "skip", UNKNOWN)}
            error = self._error
            if error and unanswered and not running:
                error += f": not known: {', '.join(unanswered)}"
            return {"running": running, "rows": rows, "counts": counts, "error": error,
                    "error_said": self._error_said,
                    "answered": len(names) - len(unanswered), "planned": len(names),
                    "report": self._report}


# What each group of checks looks at, in the office's words (the doctor's
# GROUPS are the technician's headings).
CHECKING_WORDS = {
    "host": "this computer (its files, disk and records)",
    "clock": "the till's clock",
    "devices": "the card readers, scanner and receipt printer",
    "receipts": "how the till reads its receipts",
    "hub": "the connection to the payment provider",
    "queue": "the till queue",
    "privacy": "the privacy settings",
    "service": "the till's software",
}


def checking_words(names: list[str]) -> str:
    """What the checks still running look at, in words, each group once in
    the order given: ``["host.ocr", "receipts.reading"]`` -> "this computer
    (...) and how the till reads its receipts"."""
    said: list[str] = []
    for name in names:
        words = CHECKING_WORDS.get(name.split(".", 1)[0], name)
        if words not in said:
            said.append(words)
    if len(said) < 2:
        return "".join(said)
    return ", ".join(said[:-1]) + " and " + said[-1]
