"""The console's web application (Starlette): the operator display and the
staff console, server-rendered, a little plain JavaScript for live updates.

Routes (no pupil data ever in a URL: searches and choices are POSTed)::

    GET  /                         links to the two views
    GET  /display                  the operator display (kiosk)
    GET  /display/events           Server-Sent Events (Last-Event-ID resumes)
    POST /display/search           name search -> pupils (JSON)
    POST /display/choose           a pupil found by name is identified (the next sale)
    POST /display/ack              acknowledge an allergen banner (journaled once)
    GET  /display/photo/<sha256>   a pupil's photo, by its hash (no pupil id in the URL)
    GET  /console                  the till queue, devices and alarms
    GET  /console/review           receipts held for review: the paper beside the reading
    POST /console/review           "the paper matches" (journaled once)
    GET  /console/review/correct   "the paper is different": what the paper says (a form)
    POST /console/review/correct   find the payer by name, show the provider adjustment,
                                   confirm it (journaled once with the review)
    GET  /console/debt[.csv]       the debt report
    GET  /console/doctor           the last doctor run's findings (read-only)
    POST /console/doctor           run ``agent doctor --stream`` now (its own process)
    GET  /console/register         today's manual register (print CSS)
    POST /console/register/print   print it on the receipt printer (agent register export --print)
    POST /console/register/preview an uploaded register, checked, not journaled
    POST /console/register/ticks   the register ticked on screen, checked, not journaled
    POST /console/register/import  the same file, journaled all-or-nothing

Every request passes ``Guard`` (Host and Origin checks, security headers);
every POST carries the page's CSRF token.
"""

from __future__ import annotations

import asyncio
import csv
import functools
import hmac
import io
import json
import logging
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import (
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from agent.config import Config, site_currency, site_zone
from agent.console.debt_view import debt_page_context
from agent.console.doctor_run import DOCTOR_LIMIT_S, DoctorRun, checking_words
from agent.console.error_words import error_words, technician_detail
from agent.console.feed import DisplayFeed
from agent.console.lan import PairingGate, lan_routes
from agent.console.listen import host_of
from agent.console.office_view import (
    OfficeSummary,
    not_working,
    office_summary,
    waiting,
    waiting_for,
)
from agent.console.paid_on_paper import tender_on_paper
from agent.console.queue_view import pending_words, queue_page_context
from agent.console.register_till_sales import (
    answers,
    register_note,
    register_questions,
    till_sales,
)
from agent.console.review_form import Entered, NotWaiting, form_context, waiting_entry
from agent.console.review_view import asks_check, checked_by, review_page_context
from agent.console.views import ago, how_many, money, total_not_read, year_words
from agent.journal.sync_summary import read_till_queue
from agent.reports import debt as reports
from agent.reports import registers
from agent.runtime import runtime_json
from agent.uk_dates import uk_day_iso, uk_when

log = logging.getLogger("agent.console")

HERE = Path(__file__).parent
SAFE_METHODS = ("GET", "HEAD")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # no-referrer would make form POSTs send "Origin: null".
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SEARCH_MIN_CHARS = 2
SEARCH_MAX_RESULTS = 12
SSE_HEARTBEAT_S = 15.0
DOCTOR_FIRST = {"fail": 0, "unknown": 1, "warn": 2}
# The display's name search found nobody: what the cook does next, in a queue.
NOBODY_FOUND = ("Nobody of that name on the till's pupil list. Try part of the first or last "
                "name. Still nobody? Write down their name and what they had for the office: "
                "the list may be out of date.")


@dataclass
class ConsoleContext:
    """What the web application reads and writes. ``roster``: a RosterStore
    (thread-safe); ``journal``: the console's own Journal connection (for
    acknowledgements and register imports); ``publisher``: the runtime's
    DisplayPublisher (name-search choices are shown through it)."""

    cfg: Config
    feed: DisplayFeed
    roster: Any
    journal: Any
    publisher: Any
    hosts: list[str] = field(default_factory=list)  # "127.0.0.1:8080", ...
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    clock: Callable[[], float] = time.time
    stopping: bool = False
    refused: int = 0
    lan: Any = None  # lan.LanAccess when [console] lan_pairing is on
    doctor: DoctorRun | None = None  # the last (or current) run of the doctor page
    # What stops a doctor run at its limit (DoctorRun's ``timer``: a test
    # fires its own, as ``clock`` is a test's own).
    doctor_timer: Callable[[float, Callable[[], None]], Any] = threading.Timer
    # (pupil id, who chose, when) -> onto the runtime's queue as an
    # identification (NameChosen); None: no sale path to identify to.
    identify: Callable[[str, str, float], None] | None = None
    photos: Any = None  # sync.photos.PhotoStore: pupils' photos by hash
    # Set (and replaced) on the server's loop after each publish: the SSE
    # streams wait on it (see ConsoleServer).
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    _names: list[tuple[str, str, str, str]] = field(default_factory=list, repr=False)
    _names_key: Any = None
    _names_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def names(self) -> list[tuple[str, str, str, str]]:
        """(casefolded name, id, name, year) of every pupil, for the name
        search: read again only when the roster changed (a pull), not on
        every keystroke."""
        info = self.roster.info()
        key = (info.cursor, info.pulled_at, info.count)
        with self._names_lock:
            if key != self._names_key:
                self._names = [(p.display_name.casefold(), p.id, p.display_name,
                                year_words(p.year_group)) for p in self.roster.all()]
                self._names_key = key
            return self._names

    def wake_all(self) -> None:
        """On the server's loop: wake every waiting stream."""
        old, self.wake = self.wake, asyncio.Event()
        old.set()


class Guard:
    """ASGI middleware: refuse a Host that is not ours (DNS rebinding), an
    Origin that is not ours, and a state change with no Origin; add the
    security headers (a strict CSP: scripts and styles from this server only)."""

    def __init__(self, app: Any, ctx: ConsoleContext):
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        server = scope.get("server")
        # The address this connection arrived on is ours, whatever the bind
        # (0.0.0.0): a rebinding page's Host is its own name, never our address.
        try:
            local = host_of(server[0], server[1]) if server else ""
        except ValueError:  # not an IP socket: only the configured names
            local = ""
        why = self.refusal(scope["method"], headers, local)
        if why:
            self.ctx.refused += 1
            log.warning("console: refused a %s request: %s", scope["method"], why)
            await _plain(send, 403 if why != "bad host" else 400, f"refused: {why}\n")
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": list(message.get("headers", []))
                           + SECURITY_HEADERS}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def refusal(self, method: str, headers: dict[str, str], local: str = "") -> str:
        """Why this request is refused ("" when it is not); ``local``: the
        Host of the address the connection arrived on."""
        hosts = self.ctx.hosts + ([local] if local else [])
        if headers.get("host", "").lower() not in hosts:
            return "bad host"
        origin = headers.get("origin")
        if origin is not None and origin.lower() not in [f"http://{h}" for h in hosts]:
            return "foreign origin"
        if method not in SAFE_METHODS and origin is None:
            return "state change without an Origin"
        return ""


async def _plain(send: Any, status: int, text: str) -> None:
    body = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())] + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})


def create_app(ctx: ConsoleContext) -> Any:
    """The ASGI application, wrapped in ``Guard`` (and, on the LAN, in
    ``PairingGate``: lan.py)."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    # Every amount a page shows is in the site's currency (``currency``).
    cur = site_currency(ctx.cfg)
    templates.env.globals["money"] = functools.partial(money, cur=cur)
    templates.env.globals["currency"] = cur
    templates.env.globals["error_words"] = error_words
    templates.env.globals["technician_detail"] = technician_detail
    templates.env.globals["how_many"] = how_many
    templates.env.globals["year_words"] = year_words
    templates.env.globals["uk_day"] = uk_day_iso

    def today() -> str:
        """Today in the site's time zone (as ``agent register export`` has it)."""
        return datetime.fromtimestamp(ctx.clock(), site_zone(ctx.cfg)).date().isoformat()

    def page(request: Request, name: str, http_status: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, {
            "csrf": ctx.csrf, "till_id": ctx.cfg.till_id, **context}, status_code=http_status)

    async def not_found(request: Request, exc: Exception) -> Response:
        # A person reaches a page that is not there (an old link, the paired
        # devices page with pairing off): told what to do, never a bare "Not Found".
        path = request.url.path
        pairing_off = ctx.lan is None and path.startswith(("/console/devices", "/pair"))
        return page(request, "not_found.html", http_status=404, path=path,
                    pairing_off=pairing_off)

    async def checked_form(request: Request) -> Any:
        form = await request.form(max_part_size=MAX_UPLOAD_BYTES)
        token = str(form.get("csrf") or request.headers.get("x-csrf-token") or "")
        if not hmac.compare_digest(token.encode(), ctx.csrf.encode()):
            ctx.refused += 1
            log.warning("console: refused a POST without a valid CSRF token")
            raise HTTPException(403, "refused: missing or wrong CSRF token")
        return form

    async def index(request: Request) -> Response:
        return page(request, "index.html")

    async def at_the_till() -> dict[str, Any]:
        """What is not working at the till, and what the screen waits for."""
        rt = await asyncio.to_thread(runtime_json.read, ctx.cfg.state_path) or {}
        devices, printer = rt.get("devices"), rt.get("printer") or {}
        return {"down": not_working(list(devices or []), printer, site_zone(ctx.cfg),
                                    ctx.clock()),
                "idle": waiting_for(None if devices is None else list(devices), printer)}

    async def display(request: Request) -> Response:
        return page(request, "display.html", **await at_the_till())

    async def display_devices(request: Request) -> Response:
        # Polled by the display: a reader unplugged mid-service is said on
        # the cook's screen, not only on the office's pages.
        return JSONResponse(await at_the_till())

    async def events(request: Request) -> Response:
        # "<run>-<n>": a number from an earlier run of the agent (the feed
        # numbers from 1 again) must not be taken for one of this run's.
        run, _, n = request.headers.get("last-event-id", "").rpartition("-")
        last = int(n) if run == ctx.feed.run_id and n.isdigit() else -1
        return StreamingResponse(_sse(ctx, request, last), media_type="text/event-stream",
                                 headers={"X-Accel-Buffering": "no"})

    async def search(request: Request) -> Response:
        form = await checked_form(request)
        q = " ".join(str(form.get("q") or "").casefold().split())
        if len(q) < SEARCH_MIN_CHARS:
            return JSONResponse({"pupils": [], "hint": "Type at least two letters"})
        found = await asyncio.to_thread(_search, ctx.names(), q)
        return JSONResponse({"pupils": found, "hint": "" if found else NOBODY_FOUND})

    async def choose(request: Request) -> Response:
        # A name-search choice is an identification like a card tap: it goes
        # through the runtime's queue to the correlator (the next receipt is
        # this pupil's sale), and the display shows the pupil from there.
        form = await checked_form(request)
        pupil = await asyncio.to_thread(ctx.roster.get, str(form.get("pupil") or ""))
        if pupil is None:
            return JSONResponse({"chosen": False, "error": "not in the roster"}, 404)
        if ctx.identify is None:
            return JSONResponse({"chosen": False, "error": "the till is not taking sales"}, 503)
        by = f"till {ctx.cfg.till_id} display ({request.client.host if request.client else '?'})"
        now = ctx.clock()
        # Who chose, journaled (not a sale): a name is vouched for by a person.
        await asyncio.to_thread(ctx.journal.record_name_choice, secrets.token_hex(8),
                                pupil.id, by)
        ctx.identify(pupil.id, by, now)
        log.info("console: a pupil was chosen by name on the display")
        return JSONResponse({"chosen": True})

    async def ack(request: Request) -> Response:
        form = await checked_form(request)
        try:
            event = int(str(form.get("event") or ""))
        except ValueError:
            return JSONResponse({"recorded": False, "error": "no such banner"}, 400)
        p = ctx.feed.pending(event)
        if p is None:
            return JSONResponse({"recorded": False, "already": True})
        by = f"till {ctx.cfg.till_id} display ({request.client.host if request.client else '?'})"
        recorded = await asyncio.to_thread(
            ctx.journal.acknowledge, f"{ctx.feed.run_id}-{event}", "allergen", p.pupil_id,
            {"allergens": p.allergens}, by)
        ctx.feed.acknowledge(event)
        log.info("console: allergen banner acknowledged (%s)",
                 "journaled" if recorded else "already journaled")
        return JSONResponse({"recorded": recorded})

    async def photo(request: Request) -> Response:
        # Served like the rest of the display (Guard; no-store); only a hash
        # a cached pupil refers to has a file (sync.photos sweeps the rest).
        got = None
        if ctx.photos is not None:
            got = await asyncio.to_thread(ctx.photos.read, request.path_params["sha"])
        if got is None:
            return Response("no such photo", 404, media_type="text/plain")
        return Response(got[0], media_type=got[1])

    async def queue_page(request: Request) -> Response:
        now = ctx.clock()
        context = await asyncio.to_thread(queue_page_context, ctx.cfg, now, ctx.journal)
        # "Check the till queue to see if there are any records left to
        # synchronise" (the continuity guidance): the answer comes first.
        return page(request, "queue.html", waiting_answer=waiting(
            context["q"], now, "below, under \u201cRefused by the payment provider\u201d",
            context["pending_words"]),
            **context)

    async def review_page(request: Request) -> Response:
        context = await asyncio.to_thread(review_page_context, ctx.journal,
                                          site_zone(ctx.cfg), ctx.clock(), ctx.roster, cur,
                                          tender_on_paper(ctx.cfg))
        just = request.query_params.get("checked", "")
        notice = next((i for i in context["checked"] if str(i["seq"]) == just), None)
        return page(request, "review.html", notice=notice, **context)

    def checker(request: Request) -> str:
        """Who checked a receipt: the paired device, or the till's own console."""
        device = getattr(request.state, "device", None)
        return checked_by(ctx.cfg.till_id, request.client.host if request.client else "?",
                          device.name if device is not None else None)

    async def review_decide(request: Request) -> Response:
        form = await checked_form(request)
        outcome = str(form.get("outcome") or "")
        try:
            seq = int(str(form.get("seq") or ""))
        except ValueError:
            seq = 0
        entry = await asyncio.to_thread(ctx.journal.get_seq, seq) if seq > 0 else None
        # "The paper is different" goes through its form (review/correct):
        # the office is shown the adjustment before anything is recorded.
        if entry is not None and total_not_read(entry.transaction):
            return Response("The till read no total from this receipt, so the paper cannot "
                            "match it; nothing was recorded. Use \"The paper is different\" "
                            "and type what the paper shows.",
                            400, media_type="text/plain; charset=utf-8")
        if outcome != "as_read" or entry is None or not await asyncio.to_thread(
                asks_check, ctx.journal, entry, site_zone(ctx.cfg)):
            # A form from this page never sends these: say so, change nothing.
            return Response("That receipt is not waiting to be checked (or the form was "
                            "incomplete); nothing was recorded. Go back and reload the page.",
                            400, media_type="text/plain; charset=utf-8")
        recorded = await asyncio.to_thread(ctx.journal.record_review, seq, entry.id, outcome,
                                           checker(request))
        log.info("console: receipt check of seq %d %s (%s)", seq,
                 "journaled" if recorded else "already journaled", outcome)
        return RedirectResponse(f"/console/review?checked={seq}", 303)

    def find_pupils(q: str) -> list[dict[str, str]]:
        return _search(ctx.names(), " ".join(q.casefold().split()))

    async def review_correct(request: Request) -> Response:
        if request.method == "POST":
            form = await checked_form(request)
            entered: Entered | None = Entered.of(form)
            action = str(form.get("action") or "show")
            seq_text = str(form.get("seq") or "")
        else:
            entered, action = None, ""
            seq_text = request.query_params.get("seq", "")
        seq = int(seq_text) if seq_text.isdigit() else 0
        try:
            entry = await asyncio.to_thread(waiting_entry, ctx.journal, seq, site_zone(ctx.cfg))
        except NotWaiting:
            if action == "confirm":  # a second screen, a double press: the first stands
                return RedirectResponse(f"/console/review?checked={seq}", 303)
            return Response("That receipt is not waiting to be checked; nothing was recorded. "
                            "Go back to Receipts to check and reload the page.",
                            400, media_type="text/plain; charset=utf-8")
        context = await asyncio.to_thread(
            functools.partial(form_context, allowance_pence=ctx.cfg.policy.fsm_value_pence,
                              cur=cur, on_paper=tender_on_paper(ctx.cfg)),
            ctx.journal, ctx.roster, find_pupils, entry, site_zone(ctx.cfg), ctx.clock(),
            entered, action)
        if action == "confirm" and context["record"] is not None:
            record = context["record"]
            recorded = await asyncio.to_thread(ctx.journal.record_review, seq, entry.id,
                                               "differs", checker(request), record)
            # No pupil, no amount in the log: the journal has them.
            log.info("console: receipt check of seq %d %s (differs, %d provider adjustment(s))",
                     seq, "journaled" if recorded else "already journaled",
                     len(record["adjustments"]))
            return RedirectResponse(f"/console/review?checked={seq}", 303)
        return page(request, "review_correct.html", **context)

    def _debt() -> Any:
        info = ctx.roster.info()
        return reports.debt_report(ctx.journal.entries(), ctx.roster, info.till_seq_applied,
                                   ctx.cfg.policy.fsm_value_pence)

    async def debt_page(request: Request) -> Response:
        report = await asyncio.to_thread(_debt)
        pulled_at = (await asyncio.to_thread(ctx.roster.info)).pulled_at
        return page(request, "debt.html", **debt_page_context(
            report, site_zone(ctx.cfg), pulled_at, ctx.clock(), cur))

    async def debt_csv(request: Request) -> Response:
        report = await asyncio.to_thread(_debt)
        day = today()
        return Response(reports.render_csv(report), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition":
                                 f'attachment; filename="debt-{ctx.cfg.till_id}-{day}.csv"'})

    async def register_page(request: Request) -> Response:
        pupils = await asyncio.to_thread(ctx.roster.all)
        purse = await asyncio.to_thread(registers.provisional_purses, ctx.roster, ctx.journal,
                                        ctx.cfg.policy.fsm_value_pence)
        # Paper meals are entered afterwards: an earlier day's register on asking.
        day, not_that_day = register_day(request.query_params.get("day", ""), today())
        day_uk = uk_day_iso(day)  # "Monday 7 December 2026", as the debt report says days
        # The purse is the balance, as on the CLI's register: a column that
        # only free-meal pupils had money in would be an FSM label.
        # On paper it is read hours later: when its balances are from.
        now, pulled_at = ctx.clock(), (await asyncio.to_thread(ctx.roster.info)).pulled_at
        zone = site_zone(ctx.cfg)
        # Beside each pupil, what the till already sold them that day: a cook
        # who did not know may have ticked them on paper too.
        sold = await asyncio.to_thread(till_sales, ctx.journal, [day], zone)
        return page(request, "register.html", day=day, day_uk=day_uk, today=today(),
                    # The same words as the exported and printed registers'.
                    at_till={pid: register_note(sales, cur)
                             for (_d, pid), sales in sold.items()},
                    days=register_days(today()), not_that_day=not_that_day,
                    groups=registers.by_year_group(pupils),
                    purses={p.id: purse(p) for p in pupils},
                    made_at=uk_when(now, zone, now),
                    pulled=uk_when(pulled_at, zone, now) if pulled_at else "")

    async def register_print(request: Request) -> Response:
        form = await checked_form(request)
        day, _ = register_day(str(form.get("day") or ""), today())
        ok, said = await asyncio.to_thread(run_agent, ctx.cfg, ["register", "export", "--date",
                                                               day, "--print"])
        log.info("console: register sent to the receipt printer: %s", "ok" if ok else "failed")
        return page(request, "register_printed.html", ok=ok, said=said)

    async def register_ticks(request: Request) -> Response:
        form = await checked_form(request)
        took = {str(v) for v in form.getlist("took")}
        pupils = await asyncio.to_thread(ctx.roster.all)
        day, _ = register_day(str(form.get("day") or ""), today())
        text = _ticked_register(pupils, took, day)
        return await _preview(request, text, "", uploaded=False)

    async def register_preview(request: Request) -> Response:
        form = await checked_form(request)
        text, error = await _upload_text(form)
        return await _preview(request, text, error)

    async def _preview(request: Request, text: str, error: str,
                       uploaded: bool = True, unanswered: int = 0) -> Response:
        """``uploaded``: a file's line numbers mean something to whoever
        filled it in; a register ticked on screen has none to show.
        ``unanswered``: the import was refused for questions not answered."""
        meals: list[Any] = []
        problems: list[str] = [error] if error else []
        unmarked = 0
        if not error:
            try:
                meals, unmarked = await asyncio.to_thread(registers.parse_register, text,
                                                          ctx.roster)
            except registers.RegisterError as exc:
                problems = exc.problems
        names = {}
        asked = []
        if meals:
            pupils = await asyncio.to_thread(ctx.roster.all)
            names = {p.id: p.display_name for p in pupils}
            asked = await asyncio.to_thread(_asked, meals, names)
        return page(request, "register_preview.html", meals=meals, names=names,
                    problems=problems, unmarked=unmarked, text=text, uploaded=uploaded,
                    price=ctx.cfg.policy.meal_price_pence, asked=asked,
                    asked_for={(q.day, q.pupil_id): q for q in asked}, unanswered=unanswered)

    def _asked(meals: list[Any], names: dict[str, str]) -> list[Any]:
        return register_questions(meals, names, ctx.journal, ctx.cfg.till_id,
                                  site_zone(ctx.cfg), cur)

    async def register_import(request: Request) -> Response:
        form = await checked_form(request)
        text = str(form.get("text") or "")
        try:
            meals, _ = await asyncio.to_thread(registers.parse_register, text, ctx.roster)
        except registers.RegisterError as exc:
            return page(request, "register_done.html", report=None, problems=exc.problems)
        # Asked again now (a sale may have come since the preview): a meal of a
        # pupil the till sold to that day is entered only as the office answered.
        names = {p.id: p.display_name for p in await asyncio.to_thread(ctx.roster.all)}
        leave_out, unanswered = answers(form, await asyncio.to_thread(_asked, meals, names))
        if unanswered:
            return await _preview(request, text, "", uploaded=form.get("uploaded") == "1",
                                  unanswered=len(unanswered))
        try:
            report = await asyncio.to_thread(
                registers.import_register, text, ctx.roster, ctx.journal, ctx.cfg.till_id,
                ctx.cfg.policy, leave_out=leave_out)
        except registers.RegisterError as exc:
            return page(request, "register_done.html", report=None, problems=exc.problems)
        log.info("console: register imported: %d meal(s) journaled, %d already, %d left out "
                 "(the till had recorded them)", len(report.journaled), len(report.already),
                 len(report.left_out))
        return page(request, "register_done.html", report=report, problems=[], names=names)

    async def alive(request: Request) -> Response:
        # Asked by an open page every few seconds (till_down.js): any answer
        # says the software runs; nothing is read for it.
        return PlainTextResponse("running\n", headers={"Cache-Control": "no-store"})

    async def doctor_page(request: Request) -> Response:
        run = ctx.doctor
        view = run.view() if run else None
        if view and not view["running"]:
            # Once every answer is in, what needs someone comes first (as the
            # alarms do), each kind in the doctor's order; while it runs, rows
            # stay where they are so the page does not jump as answers come.
            view["rows"].sort(key=lambda r: DOCTOR_FIRST.get(r["status"], len(DOCTOR_FIRST)))
        office = await asyncio.to_thread(office_now, ctx.cfg, ctx.clock(), ctx.journal)
        return page(request, "doctor.html", run=view, office=office,
                    checking_words=checking_words, limit_s=f"{DOCTOR_LIMIT_S:g}",
                    config_file=ctx.cfg.source is not None,
                    ran_ago=ago(ctx.clock() - run.started_at) if run else "",
                    took=f"{ctx.clock() - run.started_at:.0f} s" if run else "")

    async def doctor_run(request: Request) -> Response:
        await checked_form(request)
        # Started, not awaited: the page shows each check as it answers.
        if ctx.doctor is None or not ctx.doctor.running:
            ctx.doctor = DoctorRun(_agent_argv(ctx.cfg, ["doctor", "--stream"]),
                                   clock=ctx.clock, timer=ctx.doctor_timer).start()
        return RedirectResponse("/console/doctor", 303)

    routes = [
        Route("/", index),
        Route("/display", display),
        Route("/display/events", events),
        Route("/display/devices", display_devices),
        Route("/display/search", search, methods=["POST"]),
        Route("/display/choose", choose, methods=["POST"]),
        Route("/display/ack", ack, methods=["POST"]),
        Route("/display/photo/{sha:str}", photo),
        Route("/console", queue_page),
        Route("/console/review", review_page),
        Route("/console/review", review_decide, methods=["POST"]),
        Route("/console/review/correct", review_correct, methods=["GET", "POST"]),
        Route("/console/debt", debt_page),
        Route("/console/debt.csv", debt_csv),
        Route("/console/alive", alive),
        Route("/console/doctor", doctor_page),
        Route("/console/doctor", doctor_run, methods=["POST"]),
        Route("/console/register", register_page),
        Route("/console/register/print", register_print, methods=["POST"]),
        Route("/console/register/preview", register_preview, methods=["POST"]),
        Route("/console/register/ticks", register_ticks, methods=["POST"]),
        Route("/console/register/import", register_import, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    handlers = {404: not_found}
    if ctx.lan is None:
        return Guard(Starlette(routes=routes, exception_handlers=handlers), ctx)
    templates.env.globals["lan_pairing"] = True
    app = Starlette(routes=lan_routes(ctx, templates, page, checked_form) + routes,
                    exception_handlers=handlers)
    return Guard(PairingGate(app, ctx.lan), ctx)


def office_now(cfg: Config, now: float, journal: Any = None) -> OfficeSummary:
    """The office's three answers as the till's files say them now (the
    till queue as ``agent status`` reads it, the runtime's devices; what
    waits by kind from the open ``journal``)."""
    q = read_till_queue(cfg.state_path, now)
    rt = runtime_json.read(cfg.state_path) or {}
    return office_summary(q, list(rt.get("devices") or []), rt.get("printer") or {}, now,
                          cfg.console.supplier_contact, cfg.console.provider_contact,
                          site_currency(cfg), pending_words(journal, q.pending))


def _agent_argv(cfg: Config, args: list[str]) -> list[str]:
    argv = [sys.executable, "-m", "agent", *args, "--state-dir", cfg.state_dir]
    return argv + (["--config", str(cfg.source)] if cfg.source else [])


def run_agent(cfg: Config, args: list[str], timeout_s: float = 60.0) -> tuple[bool, str]:
    """An ``agent`` command in its own process, as staff would run it:
    (exit status 0, what it said)."""
    try:
        res = subprocess.run(_agent_argv(cfg, args), capture_output=True, text=True,
                             timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return False, f"it did not finish within {timeout_s:g} s"
    except OSError as exc:
        return False, f"it could not run: {exc}"
    return res.returncode == 0, (res.stdout + res.stderr).strip()


# Meals written on paper are entered afterwards, perhaps after a weekend or a
# half-term's long outage: a register this many days back may be ticked on screen
# (an older one is the CSV's, which says its own dates).
REGISTER_DAYS_BACK = 14


def register_days(today: str) -> list[str]:
    """The days whose register the page ticks, today first (``REGISTER_DAYS_BACK``)."""
    first = date.fromisoformat(today)
    return [(first - timedelta(days=n)).isoformat() for n in range(REGISTER_DAYS_BACK + 1)]


def register_day(asked: str, today: str) -> tuple[str, str]:
    """The register's day: ``asked`` (YYYY-MM-DD, from the page's day
    chooser) when it is today or up to ``REGISTER_DAYS_BACK`` days before,
    else today; and, when another was asked, why it was not taken."""
    if not asked or asked == today:
        return today, ""
    try:
        day = date.fromisoformat(asked).isoformat()
    except ValueError:
        return today, "That is not a date: this is today's register."
    if day > today:
        return today, "That day has not come yet: this is today's register."
    if day < register_days(today)[-1]:
        return today, (f"The register goes back {REGISTER_DAYS_BACK} days on screen: for an "
                       "earlier day, upload the filled-in register file (it says its dates). "
                       "This is today's register.")
    return day, ""


def _ticked_register(pupils: list[Any], took: set[str], day: str) -> str:
    """The register ticked on screen, as the CSV ``agent register export``
    writes and staff fill in: it is then checked and imported the same way."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(registers.HEADER)
    for _yg, group in registers.by_year_group(pupils):
        for p in group:
            w.writerow([day, p.id, p.display_name, p.year_group or "",
                        "y" if p.id in took else ""])
    return buf.getvalue()


async def _upload_text(form: Any) -> tuple[str, str]:
    """The uploaded register as text, or ("", why not)."""
    f = form.get("file")
    if f is None or isinstance(f, str) or not getattr(f, "filename", ""):
        return "", "Choose the filled-in register (a .csv file) first."
    data = await f.read()
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252"), ""  # Excel's "CSV" on a UK Windows PC
        except UnicodeDecodeError:
            return "", "The file is not text (save it as CSV)."


def _search(names: list[tuple[str, str, str, str]], q: str) -> list[dict[str, str]]:
    """Pupils whose name contains every typed word (case-insensitive);
    ``names`` from ``ConsoleContext.names``."""
    words = q.split()
    out = [{"pupil": pid, "name": name, "year": year}
           for folded, pid, name, year in names if all(w in folded for w in words)]
    out.sort(key=lambda x: (not x["name"].casefold().startswith(words[0]), x["name"]))
    return out[:SEARCH_MAX_RESULTS]


async def _sse(ctx: ConsoleContext, request: Request, last: int) -> AsyncIterator[str]:
    """The display's event stream: the state (or what was missed since
    ``last``), then each event as it is published."""
    yield "retry: 1000\n\n"
    sent_state = False
    # A paired device's stream ends when it is revoked; the PIN panel goes to
    # the till's own screen only (lan.py).
    allowed = getattr(request.state, "allowed", None) or (lambda: True)
    pairing = ctx.lan.pairing if ctx.lan and getattr(request.state, "kiosk", False) else None
    pin_seen = -1
    while not ctx.stopping and allowed():
        wake = ctx.wake  # taken before looking: a publish after this sets it
        if pairing is not None and pairing.version != pin_seen:
            pin_seen = pairing.version
            yield f"event: pairing\ndata: {json.dumps(pairing.pin_view())}\n\n"  # no id
        evs = ctx.feed.since(last) if last >= 0 or sent_state else None
        if evs is None:  # a new screen, or one too far behind: the whole state
            state = ctx.feed.state()
            yield _sse_event(ctx.feed.run_id, state["id"], "state", state)
            last, sent_state = state["id"], True
            continue
        for ev in evs:
            yield _sse_event(ctx.feed.run_id, ev["id"], ev["kind"], ev)
            last = ev["id"]
        if evs:
            continue
        try:
            await asyncio.wait_for(wake.wait(), SSE_HEARTBEAT_S)
        except TimeoutError:
            yield ": keep-alive\n\n"


def _sse_event(run: str, event_id: int, kind: str, data: dict[str, Any]) -> str:
    body = json.dumps(data, ensure_ascii=False)
    return f"id: {run}-{event_id}\nevent: {kind}\ndata: {body}\n\n"
