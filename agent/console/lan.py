"""The console on the LAN: the pairing gate and its pages.

``PairingGate`` (ASGI middleware, inside ``Guard``) lets the till's own
screen (a kiosk address: loopback unless ``[console] kiosk_from`` narrows it)
through; any other client only reaches ``/pair`` and the static files until
it holds a paired device's cookie. Without one, a page is a redirect to
``/pair`` and anything else (the event stream, CSV, a POST) a 401, with no
data either way. The paired devices are listed and revoked at the till only.

Routes added (see app.py for the rest)::

    GET  /pair                     "Pair this device" (the only page an unpaired client gets)
    POST /pair/pin                 ask for a PIN on the till's display
    POST /pair                     type the PIN: a session cookie
    GET  /console/devices          the paired devices (the till only)
    POST /console/devices/revoke   forget one at once (the till only)
    POST /console/devices/pin/cancel  "Not me: cancel" on the till's PIN panel: void
                                   the PIN, no PIN for that address for 15 minutes
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request, cookie_parser
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from agent.config import site_zone
from agent.console.pairing import COOKIE, Pairing, address_words
from agent.uk_dates import uk_when
from drivers.tap_guards import AllowList, client_address

log = logging.getLogger("agent.console")

OPEN_PATHS = ("/pair", "/pair/pin")
KIOSK_ONLY = "/console/devices"
# The server forgets an idle device after 30 days (pairing.SESSION_IDLE_S); the
# cookie itself may live as long as browsers allow (400 days in Chromium).
COOKIE_MAX_AGE_S = 400 * 86400


@dataclass
class LanAccess:
    """Who is the till (``kiosk``; empty: any loopback address), the
    pairing state, and the pairing page's own CSRF token (the console's token
    is only on pages an unpaired client never gets)."""

    pairing: Pairing
    kiosk: AllowList = field(default_factory=AllowList)
    pair_csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    refused: int = 0

    def is_kiosk(self, host: str) -> bool:
        """Whether a client at ``host`` is the till's own screen."""
        try:
            ip = client_address(host)
        except ValueError:
            return False
        if not self.kiosk.networks:
            return ip.is_loopback
        return self.kiosk.allows(str(ip))


class PairingGate:
    """ASGI middleware: the till passes; others pair first (module doc).
    Sets ``request.state.kiosk`` and ``request.state.allowed`` (asked again
    by a long-lived event stream, so a revoked device's stream ends)."""

    def __init__(self, app: Any, lan: LanAccess):
        self.app = app
        self.lan = lan
        self._logged: set[str] = set()  # addresses whose refusal was logged at INFO

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        client = (scope.get("client") or ("", 0))[0]
        path = scope["path"]
        if self.lan.is_kiosk(client):
            state.update(kiosk=True, allowed=_always)
            await self.app(scope, receive, send)
            return
        state.update(kiosk=False, allowed=_always)
        if path == KIOSK_ONLY or path.startswith(KIOSK_ONLY + "/"):
            await self._refuse(send, scope, client, 403, "Paired devices are listed and "
                               "removed on the till's own screen only: open Staff console > "
                               "Paired devices there.\n")
            return
        if path in OPEN_PATHS or path.startswith("/static/"):
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        cookies = cookie_parser(headers.get(b"cookie", b"").decode("latin-1"))
        pairing = self.lan.pairing
        device = pairing.device_for(cookies.get(COOKIE, ""))
        if device is None:
            html = "text/html" in headers.get(b"accept", b"").decode("latin-1")
            if scope["method"] in ("GET", "HEAD") and html:
                await self._refuse(send, scope, client, 303, "", location="/pair")
            else:
                await self._refuse(send, scope, client, 401, "This device is not paired with "
                                   "the till: open /pair first.\n")
            return
        state.update(device=device, allowed=lambda: pairing.is_paired(device.id))
        await self.app(scope, receive, send)

    async def _refuse(self, send: Any, scope: dict, client: str, status: int, text: str,
                      location: str = "") -> None:
        self.lan.refused += 1
        # Once per address at INFO (a scan or a forgotten tab must not flood
        # the journal); every refusal is counted.
        level = logging.DEBUG if client in self._logged else logging.INFO
        if len(self._logged) >= 256:
            self._logged.clear()
        self._logged.add(client)
        log.log(level, "console: refused an unpaired %s from %s (%d; later ones from this "
                "address at DEBUG, all counted)", scope["method"], client, status)
        body = text.encode()
        headers = [(b"content-type", b"text/plain; charset=utf-8"),
                   (b"content-length", str(len(body)).encode())]
        if location:
            headers.append((b"location", location.encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _always() -> bool:
    return True


def lan_routes(ctx: Any, templates: Any, page: Callable[..., Response],
               checked_form: Callable[[Request], Any]) -> list[Route]:
    """The pairing page and the till's list of paired devices."""
    lan: LanAccess = ctx.lan

    def pair_page(request: Request, status: int = 200, message: str = "",
                  asked: bool = False, name: str = "", good: bool = False) -> Response:
        kiosk = getattr(request.state, "kiosk", True)
        paired = getattr(request.state, "device", None)
        if paired is None and not kiosk:
            token = request.cookies.get(COOKIE, "")
            paired = lan.pairing.device_for(token) if token else None
        return templates.TemplateResponse(request, "pair.html", {
            "csrf": lan.pair_csrf, "till_id": ctx.cfg.till_id, "kiosk": kiosk,
            "paired": paired, "message": message, "asked": asked, "name": name,
            "good": good},
            status_code=status)

    async def pair_form(request: Request) -> Any:
        form = await request.form()
        token = str(form.get("csrf") or "")
        if not secrets.compare_digest(token.encode(), lan.pair_csrf.encode()):
            lan.refused += 1
            log.warning("console: refused a pairing POST without a valid token")
            return None
        return form

    async def pair_get(request: Request) -> Response:
        return pair_page(request)

    async def ask_pin(request: Request) -> Response:
        form = await pair_form(request)
        if form is None:
            return pair_page(request, 403, "The page was out of date: try again.")
        name = str(form.get("name") or "")
        client = request.client.host if request.client else ""
        issued, said = lan.pairing.request_pin(client, name)
        return pair_page(request, 200 if issued else 409, said, asked=True, name=name,
                         good=issued)

    async def pair_post(request: Request) -> Response:
        form = await pair_form(request)
        if form is None:
            return pair_page(request, 403, "The page was out of date: try again.")
        client = request.client.host if request.client else ""
        result = lan.pairing.try_pin(client, str(form.get("pin") or ""))
        if result.device is None:
            resp = pair_page(request, result.status, result.message, asked=True)
            if result.retry_after:
                resp.headers["Retry-After"] = str(result.retry_after)
            return resp
        resp = RedirectResponse("/console", 303)
        # No Secure: plain HTTP on the school's LAN (README "LAN pairing").
        resp.set_cookie(COOKIE, result.token, max_age=COOKIE_MAX_AGE_S, path="/",
                        httponly=True, samesite="strict")
        return resp

    async def devices_page(request: Request) -> Response:
        zone = site_zone(ctx.cfg)
        # Where the office types to reach /pair: the till's names and
        # addresses on the LAN (never a loopback name, which is its own).
        local = ("localhost:", "127.", "[::1]:")
        addresses = [h for h in ctx.hosts if not h.startswith(local)][:3]
        return page(request, "devices.html", devices=lan.pairing.devices(),
                    pin=lan.pairing.pin_view(), pair_urls=[f"http://{h}/pair" for h in addresses],
                    # (as every other page says a moment: "16:12" today, else its day)
                    when=lambda t: uk_when(t, zone, ctx.clock()), address_words=address_words)

    async def revoke(request: Request) -> Response:
        form = await checked_form(request)
        lan.pairing.revoke(str(form.get("device") or ""))
        return RedirectResponse("/console/devices", 303)

    async def cancel_pin(request: Request) -> Response:
        # The gate lets only the till's own screen reach /console/devices/...
        if not getattr(request.state, "kiosk", False):
            return Response("Only at the till.\n", 403)
        form = await checked_form(request)
        address = str(form.get("address") or "").strip()
        try:
            client_address(address)
        except ValueError:
            return JSONResponse({"ok": False, "error": "no such address"}, 400)
        voided = lan.pairing.cancel_pin(address)
        return JSONResponse({"ok": True, "voided": voided})

    return [
        Route("/pair", pair_get),
        Route("/pair", pair_post, methods=["POST"]),
        Route("/pair/pin", ask_pin, methods=["POST"]),
        Route("/console/devices", devices_page),
        Route("/console/devices/revoke", revoke, methods=["POST"]),
        Route("/console/devices/pin/cancel", cancel_pin, methods=["POST"]),
    ]
