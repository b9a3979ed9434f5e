"""Shared set-up for the console tests: a school in a real roster cache, a
running agent with the console on (port chosen by the kernel), and Debian's
Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from agent.config import Config, ConsoleConfig, PrinterConfig, ReaderConfig
from agent.runtime.service import RuntimeOptions
from sync.contract import Pupil
from sync.roster_store import RosterStore
from tests.support import free_port, running_runtime

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).parent / "screenshots"
TILL = {"width": 1024, "height": 600}
TABLET = {"width": 1280, "height": 800}
FAST = RuntimeOptions(tick_interval_s=0.05, publish_interval_s=0.2, publish_min_gap_s=0.02,
                      supervisor_backoff_initial_s=0.05, supervisor_backoff_max_s=0.2)

AVA = Pupil(id="P-0001", display_name="Ava Thompson", year_group="Y4",
            card_uids=("04A1B2C3",), biometric_ids=("3",), balance_pence=1250, fsm=False,
            daily_limit_pence=400, debt_limit_pence=500, allergens=("peanut", "sesame"),
            biometric_consent=True)
BEN = Pupil(id="P-0002", display_name="Ben Okafor", year_group="Y6",
            card_uids=("0B0B0B0B",), biometric_ids=("5",), balance_pence=-320, fsm=True,
            daily_limit_pence=None, debt_limit_pence=1000, allergens=(),
            biometric_consent=True)
CARA = Pupil(id="P-0003", display_name="Cara Lindqvist", year_group="Reception",
             card_uids=("0C0C0C0C",), biometric_ids=("17",), balance_pence=800, fsm=False,
             daily_limit_pence=None, debt_limit_pence=500, allergens=(),
             biometric_consent=False)
SCHOOL = (AVA, BEN, CARA)


def school_roster(state_dir: Path, age_s: float = 0.0) -> None:
    """The three pupils above, pulled ``age_s`` ago."""
    with RosterStore.in_state_dir(state_dir) as store:
        store.apply(SCHOOL, [], "c1", 0, time.time() - age_s, True)


def console_config(state_dir: Path, printer_forward: str | None = None,
                   readers: list[ReaderConfig] | None = None) -> Config:
    printer = PrinterConfig()
    if printer_forward:
        printer = PrinterConfig(mode="tcp", listen=f"127.0.0.1:{free_port()}",
                                forward=printer_forward)
    return Config(till_id="till-1", state_dir=str(state_dir), printer=printer,
                  readers=readers or [],
                  console=ConsoleConfig(enabled=True, listen="127.0.0.1:0"))


@contextlib.contextmanager
def console_agent(cfg: Config, roster_age_s: float = 0.0) -> Iterator[Any]:
    """A running agent whose console is up; yields the runtime."""
    school_roster(Path(cfg.state_dir), roster_age_s)
    with running_runtime(cfg, FAST) as rt:
        assert rt.console is not None, "the console did not start"
        yield rt


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def shot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
