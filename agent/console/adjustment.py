"""The one adjustment the office makes at the payment provider when a paper
receipt says something else than the sale the till journaled (pure: no I/O).

The till never corrects a sale itself: a provider's guidance to schools is to
make no manual adjustments through the till (they duplicate), and to credit or
debit a pupil at the provider ("Other Adjustment > Credit/Debit"). So the
office says what the paper shows (the total, who paid, how) and this works out
what the provider moved for the till's sale and what it should have moved:
the difference, per pupil, is the credit or debit to make there, once.

What moves a pupil's money at the provider follows the hub contract
(sync/protocol.md): an ``account`` part is taken from the account, an ``fsm``
part from the free-meal allowance first and the rest from the account; cash,
card and any other part take nothing. One rule for every answer the form
takes (one way of paying, the parts the till read, parts the office types):
``adjustments``, by ``balances.split_charge``; a sale paid one way is a
payment of one part. Where the account's difference depends on what was left
of a pupil's allowance that day, which the till does not know, it says so
rather than guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent.config.currency import GBP, Currency
from agent.console.views import money, year_words
from agent.sale.balances import ACCOUNT_TENDERS, split_charge

# How the office says the paper was paid; "parts": a split as the till read it,
# "split": one the office types, part by part (``split_parts``).
HOW_WORDS = {"account": "From the pupil's account", "fsm": "Free school meal",
             "cash": "Cash", "card": "Bank card"}
# The tenders that move a pupil's money at the provider (the hub's rules).
MOVES_MONEY = ACCOUNT_TENDERS
# A school meal's receipt: anything above this is a typing slip.
MOST_PENCE = 100_000
PROVIDER = "At ParentPay (or your provider)"
# ParentPay's own menu, where its office credits or debits a pupil; a till in
# pounds is a UK school's, which ParentPay serves. An Irish school (euro) has
# other providers, whose menus this till does not know: the action alone.
PARENTPAY_MENU = "Other Adjustment > "


def provider_menu(cur: Currency = GBP) -> str:
    """Where at the provider a credit or debit is made, before "Credit £1.25":
    "Other Adjustment > " at a UK school's (ParentPay's), else "" ."""
    return PARENTPAY_MENU if cur.code == GBP.code else ""


def at_provider(cur: Currency = GBP) -> str:
    """The adjustment's lead-in: "At ParentPay (or your provider)" at a UK
    school's till, "At your payment provider" at an Irish one's."""
    return PROVIDER if cur.code == GBP.code else "At your payment provider"
# ``sentences``'s how for a split typed by the office none of whose parts moves money.
SPLIT_NOTHING = "split-cash-card"

_POUNDS = re.compile(r"[£€]?\s*(\d{1,4})(?:[.,](\d{2}))?")
_PENCE = re.compile(r"(\d{1,6})\s*[pc]")  # "265p", or "265c" (cent)


class TotalError(ValueError):
    """A typed total that is not an amount of money (the message says why, in
    words for the person who typed it)."""


def parse_total(text: str, what: str = "total", cur: Currency = GBP) -> int:
    """Pence from a total typed by a person: "2.65", "£2.65", "2,65", "265p",
    "£3" (or "€3", "265c"); ``TotalError`` otherwise (a bare "265" is
    refused: pounds or pence?). ``what`` names the amount in the messages
    ("total", "first part"); ``cur``: the site's currency, as they say it."""
    t = "".join(str(text or "").split()).lower()
    if not t:
        raise TotalError(f"Type the {what} the paper receipt shows, for example 2.65.")
    if t.startswith(("-", "£-", "€-")):
        raise TotalError(f"Type the {what} without a minus sign, as the paper shows it.")
    pence: int | None = None
    if m := _PENCE.fullmatch(t):
        pence = int(m[1])
    elif (m := _POUNDS.fullmatch(t)) and (m[2] is not None or t.startswith(("£", "€"))):
        pence = int(m[1]) * 100 + int(m[2] or 0)
    elif _POUNDS.fullmatch(t):
        raise TotalError(f"Is {text.strip()} {cur.name} or {cur.hundredths}? Type it as on the "
                         f"paper, for example {int(t)}.00 or {int(t)}{cur.mark}.")
    if pence is None:
        raise TotalError(f"'{text.strip()[:20]}' is not an amount of money: type it as on "
                         f"the paper, for example 2.65 or 265{cur.mark}.")
    if pence > MOST_PENCE:
        raise TotalError(f"{money(pence, cur)} is more than a school meal receipt can be: "
                         "check the amount.")
    return pence


def split_parts(total_pence: int, typed: list[tuple[str, str]],
                cur: Currency = GBP) -> list[tuple[str, int]]:
    """The parts of a payment the paper shows in two (or more) parts, as the
    office typed them: (tender, amount typed) -> (tender, pence), in order.
    ``TotalError`` in words where the adjustment could not be worked out from
    them: an amount not understood or nil, a tender not chosen or chosen
    twice (that is one part), parts that do not add up to the paper's total."""
    names = ["first part", "second part", "third part", "fourth part"]
    parts: list[tuple[str, int]] = []
    for n, (tender, amount) in enumerate(typed):
        what = names[n] if n < len(names) else f"part {n + 1}"
        if tender not in HOW_WORDS:
            raise TotalError(f"Choose how the {what} was paid.")
        pence = parse_total(amount, what, cur)
        if not pence:
            raise TotalError(f"The {what} is {money(0, cur)}: a part pays something. If the paper "
                             "shows one way of paying, choose it above instead.")
        if tender in [t for t, _ in parts]:
            raise TotalError(f'Both parts say "{HOW_WORDS[tender]}": that is one way of '
                             "paying. Choose it above for the whole total instead.")
        parts.append((tender, pence))
    if sum(p for _, p in parts) != total_pence:
        raise TotalError(f"The parts add up to {money(sum(p for _, p in parts), cur)}, not the "
                         f"{money(total_pence, cur)} total: check them against the paper.")
    return parts


def pupil_parts(total_pence: int, typed: list[tuple[str, str, str]],
                cur: Currency = GBP) -> list[tuple[str, str, int]]:
    """Two pupils served on one slip, each paying their own part, as the
    office typed them: (pupil, tender, amount typed) -> (pupil, tender,
    pence), in order. ``TotalError`` in words where the adjustment could not
    be worked out from them: a pupil not chosen or the same pupil twice, a
    way of paying not chosen, an amount not understood or nil, parts that do
    not add up to the paper's total."""
    names = ["first pupil's part", "second pupil's part"]
    parts: list[tuple[str, str, int]] = []
    for n, (pupil, tender, amount) in enumerate(typed):
        what = names[n] if n < len(names) else f"pupil {n + 1}'s part"
        if not pupil:
            raise TotalError("Choose the first pupil under 2. Who paid?" if n == 0 else
                             "Choose the second pupil: find them by name under 2. Who paid?, "
                             "then choose them beside the second part.")
        if pupil in [p for p, _, _ in parts]:
            raise TotalError("Both parts are the same pupil's: choose the other pupil for "
                             "the second part, or choose one way of paying above.")
        if tender not in HOW_WORDS:
            raise TotalError(f"Choose how the {what} was paid.")
        pence = parse_total(amount, what, cur)
        if not pence:
            raise TotalError(f"The {what} is {money(0, cur)}: each pupil's part pays something.")
        parts.append((pupil, tender, pence))
    if sum(p for _, _, p in parts) != total_pence:
        raise TotalError("The two pupils' parts add up to "
                         f"{money(sum(p for *_, p in parts), cur)}, not the "
                         f"{money(total_pence, cur)} total: check them against the paper.")
    return parts


def charges(pupil_id: str | None, parts: list[tuple[str, int]]) -> dict[str, dict[str, int]]:
    """What moved (or should move) a pupil's money at the provider, from
    payment parts (tender, signed pence): pupil -> pence by tender ("account",
    "fsm"); nothing without a pupil or for cash, card and other parts."""
    moved = {t: sum(p for tender, p in parts if tender == t) for t in MOVES_MONEY}
    return {pupil_id: moved} if pupil_id and any(moved.values()) else {}


def till_parts(txn: dict[str, Any]) -> list[tuple[str, int]]:
    """The sale's payment as the till sent it: its parts when split, else its
    tender for the whole total (what a hub applies: sync/protocol.md)."""
    if txn.get("tenders"):
        return [(str(p.get("tender")), int(p.get("amount_pence") or 0))
                for p in txn["tenders"]]
    return [(str(txn.get("tender") or ""), int(txn.get("total_pence") or 0))]


@dataclass(frozen=True)
class Adjustment:
    """One Other Adjustment at the provider: credit (give money back) or
    debit (take it), pence > 0, to a pupil."""

    action: str  # "credit" | "debit"
    pence: int
    pupil_id: str


@dataclass(frozen=True)
class AllowanceUnknown:
    """The account's adjustment for ``pupil_id`` depends on what was left of
    their free-meal allowance that day at the provider, which the till does
    not know: the free-meal part read (``was``) and the paper's (``ought``),
    pence, with the day's allowance (``allowance``); and the account's
    difference (pence the provider owes back, negative: to take) had all of
    the allowance been left (``if_all_left``: the pupil's only meal that
    day) or none of it (``if_none_left``), which the office can look up."""

    pupil_id: str
    was: int
    ought: int
    allowance: int
    if_all_left: int = 0
    if_none_left: int = 0


@dataclass(frozen=True)
class Worked:
    """The adjustments worked out (credits first), and the pupils whose
    adjustment cannot be worked out on the till (``unknown``)."""

    adjustments: list[Adjustment]
    unknown: list[AllowanceUnknown]


def adjustments(charged: dict[str, dict[str, int]], should: dict[str, dict[str, int]],
                allowance: Callable[[str], int]) -> Worked:
    """The account adjustments by the contract's rule for a payment's parts
    (sync/protocol.md, split payments; ``balances.split_charge``), per pupil
    (``charges``): an ``account`` part taken whole, an ``fsm`` part covered by
    what was left of the pupil's allowance that day and only its excess
    taken. What was left is not known on the till, only that it was between
    nothing and the day's allowance (``allowance(pupil)``: 0 for a pupil
    without free meals), so the account's difference is worked out at both
    ends and where a part meets it; the same everywhere, it is the answer,
    else that pupil is ``unknown`` (the other pupils' answers stand)."""
    out, unknown = [], []
    for pupil in dict.fromkeys([*charged, *should]):
        was, ought = charged.get(pupil, {}), should.get(pupil, {})
        most = allowance(pupil)
        # The difference is straight between these (each part's charge bends only there).
        lefts = {0, most} | {f for f in (was.get("fsm", 0), ought.get("fsm", 0)) if 0 < f < most}
        by_left = {left: split_charge(was.items(), left)[0] - split_charge(ought.items(), left)[0]
                   for left in lefts}
        diffs = set(by_left.values())
        if len(diffs) > 1:
            unknown.append(AllowanceUnknown(pupil, was.get("fsm", 0), ought.get("fsm", 0), most,
                                            if_all_left=by_left[most], if_none_left=by_left[0]))
        elif diff := diffs.pop():
            out.append(Adjustment("credit" if diff > 0 else "debit", abs(diff), pupil))
    return Worked(sorted(out, key=lambda a: a.action != "credit"), unknown)


def pupil_words(pupil_id: str, roster: Any) -> str:
    """"Amy Brown (Year 8, account 10234)": what the office finds the pupil by
    at the provider; a pupil the till's list no longer has, or with no
    roster (``None``: the words the journal keeps, no name), by account only."""
    if roster is None:
        return f"the pupil with account {pupil_id}"
    p = roster.get(pupil_id)
    if p is None:
        return f"the pupil with account {pupil_id} (not in the till's pupil list)"
    year = year_words(p.year_group)
    return f"{p.display_name} ({year + ', ' if year else ''}account {p.id})"


def sentences(adjs: list[Adjustment], roster: Any, should_how: str,
              cur: Currency = GBP) -> list[str]:
    """The adjustment(s) in plain words, in the guidance's terms; or why there
    is nothing to adjust."""
    if not adjs:
        why = {"cash": "it was paid in cash", "card": "it was paid by bank card",
               SPLIT_NOTHING: "no part of it was paid from a pupil's account or meal "
                              "allowance"}.get(should_how, "the provider already has it right")
        return [f"Nothing to adjust at the provider: {why}."]
    return [f"{at_provider(cur)}: {action_words(a, roster, cur)}." for a in adjs]


def action_words(a: Adjustment, roster: Any, cur: Currency = GBP) -> str:
    """One adjustment as the provider's menu says it: "Other Adjustment >
    Debit £3.25 from Ava Thompson (Year 4, account P-0001)"."""
    return (f"{provider_menu(cur)}{a.action.capitalize()} {money(a.pence, cur)} "
            f"{'to' if a.action == 'credit' else 'from'} {pupil_words(a.pupil_id, roster)}")
