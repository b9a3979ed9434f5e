"""What the school office reads first on the Till checks page, in plain
words (pure: built from the till queue's figures, no I/O): can lunch go on,
is anything waiting to send to the payment provider, and who to call. The
technician's findings stay under it.

In the school continuity guidance's terms
(shared/reference/school-continuity-guidance.txt): a till keeps working
without the internet and "will re-synchronise correctly once the service is
restored"; nobody adjusts balances by hand meanwhile (it would count them
twice); a till that is not recording sales means the paper register.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.config.currency import GBP, Currency
from agent.console.queue_view import device_words, printer_words
from agent.console.views import ago, how_many
from agent.uk_dates import uk_when

OK, PROBLEM, STOPPED = "ok", "problem", "stopped"  # lunch: serve / serve, but / paper
PRINTER_DOWN = {"Not answering"}  # receipts not read: sales not recorded
PRINTER_ATTENTION = {"Out of paper", "Cover open"}  # the cook can put it right
# With no card or finger to read, the guidance's way on: the paper register.
# Short: the strip is one line on the till's 1024 px (two cut the pupil's panel).
BY_NAME_OR_PAPER = "use Find a pupil, or the paper register"


@dataclass(frozen=True)
class Answer:
    """One plain answer: ``state`` for its colour, ``said`` the sentence."""

    state: str
    said: str


@dataclass(frozen=True)
class OfficeSummary:
    lunch: Answer
    waiting: Answer
    call: list[str]


def office_summary(q: Any, devices: list[dict[str, Any]], printer: dict[str, Any],
                   now: float, supplier_contact: str = "",
                   provider_contact: str = "", cur: Currency = GBP,
                   pending: str = "") -> OfficeSummary:
    """The three answers from the till queue (``q``: ``read_till_queue``),
    the runtime's devices and printer, at ``now``; ``cur``: the site's
    currency; ``pending``: what waits, by kind (see ``waiting``)."""
    return OfficeSummary(lunch(q, devices, printer), waiting(q, now, what=pending),
                         who_to_call(supplier_contact, provider_contact, cur))


def lunch(q: Any, devices: list[dict[str, Any]], printer: dict[str, Any]) -> Answer:
    """Can the kitchen serve, and how."""
    if q.error:
        return Answer(PROBLEM, "Not known: the till's files could not be read. Call the "
                               "till supplier.")
    if not q.daemon_running:
        return Answer(STOPPED, "No: the till's software is not running, so sales are not "
                               "being recorded. Serve with the paper register (Manual "
                               "register) and call the till supplier.")
    state = printer_words(printer)
    if state in PRINTER_DOWN:
        return Answer(STOPPED, "No: the till cannot read the receipt printer, so sales are "
                               "not being recorded. Serve with the paper register (Manual "
                               "register) and call the till supplier.")
    problems = []
    if state in PRINTER_ATTENTION:
        problems.append(f"the receipt printer says \u201c{state.lower()}\u201d: see to it at "
                        "the till")
    for d in devices:
        if not d.get("connected"):
            problems.append(f"the {device_words(str(d.get('kind') or '')).lower()} "
                            f"\u201c{d.get('name')}\u201d is not working: use \u201cFind a "
                            "pupil\u201d on the till's screen, and check its cable")
    if problems:
        return Answer(PROBLEM, "Yes, with a problem: " + "; ".join(problems) + ".")
    return Answer(OK, "Yes: the till is recording sales.")


def not_working(devices: list[dict[str, Any]], printer: dict[str, Any],
                zone: Any = None, now: float | None = None) -> list[str]:
    """What the cook at the till must know is not working (the operator
    display's strip under its bar), each with what to do instead; [] when
    all is well. From the runtime's devices and printer, as ``lunch``; with
    the site's ``zone`` and ``now``, since when ("since 12:41")."""
    out, none_left = [], []
    works = _working(devices)
    for d in devices:
        if not _down(d):
            continue
        down = d.get("disconnected_since")
        # One line on the till's 1024 px with a short name: "not working since 12:41".
        since = (f" since {uk_when(float(down), zone, now)}"
                 if down and zone is not None and now is not None else "")
        said = (f"{device_words(str(d.get('kind') or ''))} \u201c{d.get('name')}\u201d "
                f"{'not working' + since if since else 'is not working'}")
        # Only a way that works now: never "use another reader" with none left.
        if d.get("kind") == "fingerprint" and works["card"]:
            out.append(f"{said}: use a card, or Find a pupil by name.")
        elif d.get("kind") != "fingerprint" and works["card"]:
            out.append(f"{said}: use another reader, or Find a pupil by name.")
        elif d.get("kind") != "fingerprint" and works["finger"]:
            out.append(f"{said}: use the fingerprint scanner, or Find a pupil by name.")
        else:
            none_left.append(said)
    if none_left:  # nothing reads a card or finger: the way on, said once
        said = " and ".join([none_left[0]] + [s[0].lower() + s[1:] for s in none_left[1:]])
        out.append(f"{said}: {BY_NAME_OR_PAPER}.")
    state = printer_words(printer)
    if state in PRINTER_DOWN:
        out.append("The receipt printer is not answering, so sales are not being recorded: "
                   "serve with the paper register and tell the office.")
    elif state in PRINTER_ATTENTION:
        out.append(f"The receipt printer says \u201c{state.lower()}\u201d: see to it.")
    return out


def _down(device: dict[str, Any]) -> bool:
    """Whether a reader or scanner has tried and failed (not one still
    opening at start: that is not broken)."""
    return not device.get("connected") and bool(device.get("last_error"))


def _working(devices: list[dict[str, Any]]) -> dict[str, bool]:
    """Whether a card and a finger can be read now (a device still opening
    counts as working: it has not failed)."""
    up = [d for d in devices if not _down(d)]
    return {"card": any(d.get("kind") != "fingerprint" for d in up),
            "finger": any(d.get("kind") == "fingerprint" for d in up)}


def waiting_for(devices: list[dict[str, Any]] | None, printer: dict[str, Any]) -> str:
    """The cook's screen between pupils: what it waits for, only what can be
    read now ("Waiting for a card..." with the card reader down invited a tap
    that could not work); with nothing to read, the way on instead. ``devices``
    None: the runtime has not said yet (the agent starting)."""
    if printer_words(printer) in PRINTER_DOWN:
        return "Sales are not being recorded: serve with the paper register."
    if devices is None:
        return "Waiting for a card or finger\u2026"
    if not devices:
        return "No card reader or fingerprint scanner is set up: use Find a pupil (above)."
    works = _working(devices)
    if works["card"] and works["finger"]:
        return "Waiting for a card or finger\u2026"
    if works["card"] or works["finger"]:
        return f"Waiting for a {'card' if works['card'] else 'finger'}\u2026"
    # The strip above says what is down and the way on in full.
    return "No card or finger can be read now: use Find a pupil (above) or the paper register."


def waiting(q: Any, now: float, refused_at: str = "on the Till queue page",
            what: str = "") -> Answer:
    """Is anything waiting to be sent to the payment provider, and what the
    office does about it (nothing by hand); ``refused_at``: where the page
    it is said on lists refused sales; ``what``: what waits, by kind
    (``queue_view.pending_words``; else "2 sales")."""
    refused = (f" {how_many(q.rejected_new, 'sale was', 'sales were')} refused by the payment "
               f"provider: see {'it' if q.rejected_new == 1 else 'them'} {refused_at}."
               if q.rejected_new else "")
    if q.hub_state == "disabled":
        # "The provider has every sale" would be false: nothing is ever sent.
        kept = f" ({what or how_many(q.pending, 'sale')} kept on the till)" if q.pending else ""
        return Answer(PROBLEM, "Nothing is sent: this till is not set up to send sales to "
                               f"the payment provider{kept}. Call the till supplier.")
    if not (q.pending or q.journaled or q.last_push_ok_at or q.rejected or q.rejected_new):
        # "The provider has every sale" of none read as the morning's sales all there.
        return Answer(OK, "No: the till has recorded no sales yet.")
    if not q.pending:
        last = (f" (last sent {ago(now - q.last_push_ok_at)})"
                if q.last_push_ok_at else "")
        # With a sale refused, "the provider has every sale" would be false.
        has = ("nothing is left to send" if q.rejected
               else "the payment provider has every sale")
        return Answer(PROBLEM if refused else OK, f"No: {has}{last}.{refused}")
    # ("the oldest from just now" said nothing a person says)
    oldest = (f", the oldest recorded {ago(q.oldest_pending_age_s)}"
              if q.oldest_pending_age_s is not None else "")
    reachable = q.daemon_running and q.hub_state == "online"
    how = ("they are being sent now" if reachable else
           "the till keeps them and sends them by itself once the payment provider can be "
           "reached again" if q.daemon_running else
           "the till keeps them and sends them by itself once its software runs again")
    return Answer(OK if reachable and not refused else PROBLEM,
                  f"Yes: {what or how_many(q.pending, 'sale')} waiting{oldest}; {how}. Do not "
                  "adjust balances by hand meanwhile: that would count them twice."
                  + refused)


def who_to_call(supplier_contact: str = "", provider_contact: str = "",
                cur: Currency = GBP) -> list[str]:
    """Who deals with what (the numbers when the till's config has them);
    ParentPay named as an example only at a UK school's till (``cur``, as
    ``adjustment.at_provider``)."""
    supplier = supplier_contact.strip() or "your till supplier"
    provider = provider_contact.strip() or ("your payment provider (e.g. ParentPay)"
                                            if cur.code == GBP.code else "your payment provider")
    return [f"The till, its card readers, scanner or receipt printer, or this page: "
            f"{supplier}.",
            f"Pupils' accounts, balances and payments: {provider}."]
