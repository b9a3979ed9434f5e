"""The operator display and the staff console, served by ``agent run``.

``start(runtime)`` wires it in: a ``DisplayPublisher`` on the sale path
(``ReceiptPipeline.display``), a ``DisplayFeed`` between the threads, and a
``ConsoleServer`` (Starlette + uvicorn) on its own thread. See app.py for the
routes and the security rules.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("agent.console")


class _NoRoster:
    """Stands in for a roster cache that could not be opened."""

    def all(self) -> list[Any]:
        return []

    def get(self, pupil_id: str) -> Any:
        return None

    def info(self) -> Any:
        from sync.roster_store import RosterInfo

        return RosterInfo(None, 0, None, 0, "no roster")


def start(runtime: Any) -> Any:
    """Start the console for a started runtime (its pipeline exists); the
    ConsoleServer, or None when it could not start (logged; sales go on)."""
    from agent.config import site_currency
    from agent.console.app import ConsoleContext
    from agent.console.feed import DisplayFeed
    from agent.console.publisher import DisplayPublisher
    from agent.console.server import ConsoleServer
    from agent.journal.store import Journal
    from sync.photos import PhotoStore

    cfg, pipeline = runtime.cfg, runtime.pipeline
    feed = DisplayFeed()
    # The pipeline's roster info is cached for a second: no query per tap.
    # Three pulls missed: the payment provider is out of reach, top-ups unseen.
    behind = 3 * cfg.sync.roster_interval_s if cfg.sync.base_url else None
    publisher = DisplayPublisher(feed, pipeline.ledger, cfg.policy, pipeline._roster_info,
                                 behind, site_currency(cfg))
    photos = PhotoStore.beside(runtime.roster.path) if runtime.roster else None
    publisher.photos = photos
    try:
        journal = Journal.in_state_dir(cfg.state_path, runtime.journal_clock)
        ctx = ConsoleContext(cfg, feed, runtime.roster or _NoRoster(), journal, publisher,
                             clock=runtime.clock, identify=_identify_to(runtime),
                             photos=photos)
        if cfg.console.lan_pairing:
            ctx.lan = lan_access(ctx)
        server = ConsoleServer(ctx, cfg.console.listen)
        url = server.start()
    except Exception as exc:  # e.g. the port is taken: the till sells without it
        log.error("console not started on %s: %s", cfg.console.listen, exc)
        return None
    pipeline.display = publisher
    log.info("console ready: operator display %sdisplay, staff console %sconsole", url, url)
    if ctx.lan is not None:
        log.info("console: on the LAN with PIN pairing (%d paired device(s)); other "
                 "computers pair at %spair", len(ctx.lan.pairing.devices()), url)
    return server


def _identify_to(runtime: Any) -> Any:
    """A name-search choice onto the runtime's queue, where card taps go."""
    from agent.runtime.loop_items import DeviceEvent
    from agent.sale.pipeline import NameChosen

    def identify(pupil_id: str, by: str, now: float) -> None:
        runtime.q.put(DeviceEvent(NameChosen(pupil_id, by, now), now))

    return identify
def lan_access(ctx: Any) -> Any:
    """The pairing state for a console on the LAN (agent/console/lan.py)."""
    from agent.console.lan import LanAccess
    from agent.console.pairing import Pairing
    from drivers.tap_guards import AllowList

    return LanAccess(Pairing(ctx.cfg.state_path, ctx.clock, on_change=ctx.wake_all),
                     AllowList.parse(ctx.cfg.console.kiosk_from))


def counters(server: Any) -> dict[str, int]:
    """The console's counts for runtime.json: requests refused (Host, Origin,
    CSRF; unpaired LAN clients) and, on the LAN, the pairing counts."""
    ctx = server.ctx
    out = {"console_refused": ctx.refused}
    if ctx.lan is not None:
        out["console_unpaired_refused"] = ctx.lan.refused
        out.update({f"console_{k}": v for k, v in ctx.lan.pairing.counters.items()})
    return out


def published(server: Any) -> dict[str, Any]:
    """Where the console really listens, for runtime.json (``console``): the
    URL the till's own screen opens and the port bound, which differs from
    the config's when it says port 0 (the kernel picks one at each start)."""
    host = server.listen.rpartition(":")[0]
    return {"url": server.url, "port": server.port, "listen": f"{host}:{server.port}"}


def stop(server: Any) -> None:
    """Stop a console ``start`` returned, and close its journal connection."""
    if server is None:
        return
    server.stop()
    try:
        server.ctx.journal.close()
    except Exception as exc:
        log.warning("console: closing its journal connection: %s", exc)
