""""The paper is different": the short form on the office's "Receipts to
check" page (review_correct.html). The office types the total the paper
shows, says who paid (a pupil found by name in the till's roster, as the
display's name search finds them) and how; the page then states the one
adjustment to make at the payment provider (``agent.console.adjustment``),
and whether it can be made yet: a sale still in the till queue has not
reached the provider, which cannot adjust a sale it has not seen. Confirmed,
the figures and the adjustment shown are journaled with the review
(``Journal.record_review``); nothing is sent to the hub.

Pupil names appear here: the console is the till's own screen or a device
paired with it by a PIN shown on the till (``agent.console.lan``). Never in
a log line.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent.config.currency import GBP, Currency
from agent.config.schema import PolicyConfig
from agent.console import adjustment as adj
from agent.console.paid_on_paper import TenderOnPaper
from agent.console.refusal_words import is_conflict, refusal_words
from agent.console.review_view import SPOT_CHECK, asks_check, needs_check, sale_item
from agent.console.views import PART_WORDS, money, tender_words, total_not_read
from sync.contract import REVIEW_FLAGS

SYNC_WORDS = {
    "accepted": "The payment provider has this sale: the adjustment can be made now.",
    "duplicate": "The payment provider has this sale: the adjustment can be made now.",
    "pending": ("This sale has not reached the payment provider yet: it is still in the till "
                "queue. Wait until it has synced before adjusting anything there (the "
                "provider cannot adjust a sale it has not seen), then come back to this page."),
}
# A sale held for review (``REVIEW_FLAGS``: the provider moves nothing for it
# until a person there approves it; a slip of two pupils always is): the
# adjustments start from it approved as sent, so that comes first. A provider
# that holds nothing took it as sent already: the same adjustments then.
HELD_AT_PROVIDER = ("The provider holds this sale until someone there approves it: first "
                    "approve it there as the till sent it, then make what is said above. (A "
                    "provider that does not hold sales took it as sent already: make it all "
                    "the same.)")
# A ``conflict`` refusal: the contract's answer names no details of the sale
# the provider kept, and the till's journal holds one sale per number.
CONFLICT_UNKNOWN = ("The till does not know what the payment provider holds for it (which "
                    "pupil, how much, how paid): look it up there by its receipt number and "
                    "time.")
SPLIT_WORDS = "In two parts (type each part below)"
# Two pupils served on one slip (the reader reads no account then: two are printed).
PUPILS_WORDS = ("Two pupils on one slip, each paying their own part (type each part below: "
                "the first is the pupil chosen under 2, the second the one chosen beside it)")


class NotWaiting(LookupError):
    """The seq is no sale waiting for a check (already checked, or never held)."""


@dataclass
class Entered:
    """What the form posted (all text, as typed)."""

    total: str = ""
    pupil: str = ""  # a pupil id; "" = nobody's account
    how: str = ""
    q: str = ""  # the name typed to find someone else
    seen: str = ""  # the key of the adjustment the page showed (``shown_key``)
    # how == "split": the two parts the paper shows, each an amount and a tender.
    part1: str = ""
    part1_how: str = ""
    part2: str = ""
    part2_how: str = ""
    # how == "pupils": the second part's pupil (the first is ``pupil``).
    pupil2: str = ""

    @classmethod
    def of(cls, form: Any) -> Entered:
        """From a posted form (missing fields empty)."""
        return cls(**{k: str(form.get(k) or "").strip()[:200]
                      for k in ("total", "pupil", "how", "q", "seen", "part1", "part1_how",
                                "part2", "part2_how", "pupil2")})

    def typed_parts(self) -> list[tuple[str, str]]:
        """The split's parts as typed: (tender, amount)."""
        return [(self.part1_how, self.part1), (self.part2_how, self.part2)]

    def typed_pupil_parts(self) -> list[tuple[str, str, str]]:
        """Two pupils' parts as typed: (pupil, tender, amount)."""
        return [(self.pupil, self.part1_how, self.part1),
                (self.pupil2, self.part2_how, self.part2)]


def waiting_entry(journal: Any, seq: int, zone: Any = None) -> Any:
    """The journal entry ``seq`` if it waits for a check (held for a person,
    or a spot check now, its day in ``zone``), else ``NotWaiting``."""
    entry = journal.get_seq(seq) if seq > 0 else None
    if entry is None or seq in journal.reviews(after_seq=seq - 1) \
            or not asks_check(journal, entry, zone):
        raise NotWaiting(seq)
    return entry


def form_context(journal: Any, roster: Any, find: Callable[[str], list[dict[str, str]]],
                 entry: Any, zone: Any, now: float, entered: Entered | None,
                 action: str, *, allowance_pence: int = PolicyConfig.fsm_value_pence,
                 cur: Currency = GBP, on_paper: TenderOnPaper | None = None) -> dict[str, Any]:
    """Everything review_correct.html shows for sale ``entry``: the sale,
    whether the provider has it, the form (pre-filled with the till's reading
    when ``entered`` is None), the pupils found by name (``action`` "find"),
    and once asked ("show" or "confirm") the adjustment or what is wrong with
    what was typed. ``record`` is the correction to journal when it may be
    confirmed, else None. ``allowance_pence``: a free meal's allowance a day
    (``policy.fsm_value_pence``), for a split the office types; ``cur``: the
    site's currency; ``on_paper``: see ``review_view.sale_item``."""
    txn = entry.transaction
    sale = sale_item(journal, entry, zone, now, cur, on_paper)
    till_pupil = str(txn.get("pupil_id") or "")
    sign = -1 if int(txn.get("total_pence") or 0) < 0 or txn.get("kind") == "refund" else 1
    parts = txn.get("tenders") or []
    if entered is None:
        # Nothing read (its total and tender are the agent's filling-in): the
        # office types the total and picks how it was paid, from the paper alone;
        # so too the way of paying for a paper that printed none.
        unread = total_not_read(txn)
        how = "" if unread or sale["tender_filled_in"] else str(txn.get("tender") or "")
        # Two parts read: the split's fields start from them, to be corrected.
        read = [(str(p.get("tender")), f"{abs(int(p.get('amount_pence') or 0)) / 100:.2f}")
                for p in parts] if len(parts) == 2 else [("", ""), ("", "")]
        entered = Entered(total="" if unread else
                          f"{abs(int(txn.get('total_pence') or 0)) / 100:.2f}",
                          pupil=till_pupil,
                          how="parts" if parts else how if how in adj.HOW_WORDS else "",
                          part1_how=read[0][0], part1=read[0][1],
                          part2_how=read[1][0], part2=read[1][1])
    status, reason = journal.sync_result(entry.seq)
    # The provider holds its own version of this sale, which the till never
    # learns (the contract's answer is the word alone): adjusting from nothing
    # could charge a pupil twice.
    conflict = status == "rejected" and is_conflict(reason)
    hows = ([("parts", "In parts, as the till read them: " + tender_words(txn, cur))] if parts
            else []) + list(adj.HOW_WORDS.items()) + [("split", SPLIT_WORDS),
                                                     ("pupils", PUPILS_WORDS)]
    found = find(entered.q) if action == "find" and len(entered.q) >= 2 else []
    pupils = _pupil_choices(roster, till_pupil, entered.pupil, found, entered.pupil2)
    ctx: dict[str, Any] = {
        "sale": sale,
        # A spot check (no flag held it): said why the office is asked.
        "spot_check": "" if needs_check(list(txn.get("flags") or [])) else SPOT_CHECK,
        "status": status,
        # A refusal said by what it means, never the provider's code ("invalid: tender").
        "sync_words": SYNC_WORDS.get(status) or refusal_words(reason).meaning
        + (f" {CONFLICT_UNKNOWN}" if conflict else ""),
        "moved_words": moved_words(txn, status, roster, cur),
        "entered": entered, "hows": hows, "part_hows": list(adj.HOW_WORDS.items()),
        "pupils": pupils,
        # The second part's pupil, for two pupils on one slip: anyone listed above.
        "second_pupils": [p for p in pupils if p["id"]],
        # Two accounts printed on one slip read as none: the way to say so, pointed at.
        "two_pupils_hint": "unread_account" in (txn.get("flags") or []),
        "searched": action == "find",
        "search_hint": ("Type at least two letters of the name." if action == "find"
                        and len(entered.q) < 2 else "Nobody of that name in the till's "
                        "pupil list." if action == "find" and not found else ""),
        "errors": {}, "result": None, "record": None,
    }
    if action not in ("show", "confirm"):
        return ctx
    errors: dict[str, str] = {}
    try:
        pence = adj.parse_total(entered.total, cur=cur)
    except adj.TotalError as exc:
        errors["total"], pence = str(exc), 0
    typed: list[tuple[str, int]] = []
    by_pupil: list[tuple[str, str, int]] = []
    if entered.how == "split" and "total" not in errors:
        try:
            typed = adj.split_parts(pence, entered.typed_parts(), cur)
        except adj.TotalError as exc:
            errors["how"] = str(exc)
    if entered.how == "pupils" and "total" not in errors:
        try:
            by_pupil = adj.pupil_parts(pence, entered.typed_pupil_parts(), cur)
        except adj.TotalError as exc:
            errors["how"] = str(exc)
    paying = ({t for t, _ in typed} if entered.how == "split"
              else {t for _, t, _ in by_pupil} if entered.how == "pupils" else {entered.how})
    if "how" in errors:
        pass
    elif entered.how not in dict(hows):
        errors["how"] = "Choose how the paper says it was paid."
    elif paying & set(adj.MOVES_MONEY) and not entered.pupil:
        errors["pupil"] = ("Choose who paid: money from an account or a free meal is "
                           "a pupil's.")
    elif any(p and p != till_pupil and roster.get(p) is None
             for p in (entered.pupil, entered.pupil2 if entered.how == "pupils" else "")):
        errors["pupil"] = "That pupil is not in the till's pupil list: find them by name."
    elif entered.how == "parts" and "total" not in errors \
            and pence != abs(int(txn.get("total_pence") or 0)):
        errors["how"] = ("The parts the till read add up to "
                         f"{money(abs(txn['total_pence']), cur)}, not {money(pence, cur)}: "
                         "choose how the whole was paid.")
    ctx["errors"] = errors
    if errors:
        return ctx
    should_parts = (adj.till_parts(txn) if entered.how == "parts"
                    else [(t, sign * p) for t, p in typed] if entered.how == "split"
                    else [(entered.how, sign * pence)])
    # Refused, it moved nothing there (a conflict's own version aside: its cases below).
    charged = {} if status == "rejected" else adj.charges(till_pupil, adj.till_parts(txn))
    should = adj.charges(entered.pupil, should_parts)
    if entered.how == "pupils":  # each pupil's own part, by the same rule
        should = {pupil: moved for pupil, tender, p in by_pupil
                  for pupil, moved in adj.charges(pupil, [(tender, sign * p)]).items()}
    # One rule whichever way the office says it was paid (the contract's).
    worked = adj.adjustments(charged, should,
                             lambda p: _allowance(roster, p, allowance_pence))
    adjs, unknown = worked.adjustments, worked.unknown
    said = adj.SPLIT_NOTHING if entered.how == "split" and not paying & set(adj.MOVES_MONEY) \
        else entered.how
    lines = _shown(adjs, unknown, roster, said, cur)
    if conflict:  # what the provider moved is not known: its cases, nothing worked out
        words = _conflict_words(worked, roster, cur)
        adjs, lines = [], [{"text": words.sentence(), "not_worked_out": words}]
    not_worked_out = bool(unknown) or conflict
    shown = [d["text"] for d in lines]
    wait = (bool(adjs) or not_worked_out) and status == "pending"
    notes: list[str] = []
    if ctx["sale"]["held_at_provider"] and status != "rejected":
        notes.append(HELD_AT_PROVIDER)
    key = shown_key(shown + notes)
    # Confirmed only as shown: figures changed after "Show" show the new one first.
    changed = action == "confirm" and entered.seen != key
    ctx["result"] = {"shown": shown, "lines": lines, "wait": wait, "notes": notes,
                     "nothing": not adjs and not not_worked_out, "unknown": not_worked_out,
                     "key": key, "changed": changed}
    if not wait and not changed:
        ctx["record"] = {
            "paper_total_pence": sign * pence,
            "pupil_id": entered.pupil or None,
            "how": entered.how,
            # A split the office typed: its parts, signed as the sale's total.
            **({"parts": [{"tender": t, "pence": p} for t, p in should_parts]}
               if entered.how == "split" else {}),
            # Two pupils on one slip: each one's part (accounts, never names).
            **({"parts": [{"pupil_id": who, "tender": t, "pence": sign * p}
                          for who, t, p in by_pupil]} if entered.how == "pupils" else {}),
            "adjustments": [{"action": a.action, "pence": a.pence, "pupil_id": a.pupil_id}
                            for a in adjs],
            # The words shown, with pupils by account: the journal keeps no
            # names (the checked list names them again from the roster).
            "shown": ([_conflict_words(worked, None, cur).sentence()] if conflict
                      else _said(adjs, unknown, None, said, cur)),
            "provider_had_it": status,
            **({"worked_out": False} if not_worked_out else {}),
        }
    return ctx


def moved_words(txn: dict[str, Any], status: str, roster: Any, cur: Currency = GBP) -> str:
    """What the sale as the till sent it moves at the provider, by the
    contract's rule (the figure the adjustment starts from): a pupil's
    account or allowance, or nothing (a refused sale: said by SYNC_WORDS)."""
    if status == "rejected":
        return ""
    sent = "As the till sent it" if status != "pending" else "Once it arrives, as the till sent it"
    if txn.get("flags") and set(txn["flags"]) & set(REVIEW_FLAGS):
        # What approving it moves: the figure the adjustments start from.
        return (f"{sent}, the provider holds it: it moves no money until someone there "
                f"approves it. Approved, it {_moves(txn, roster, cur)}.")
    return f"{sent}, it {_moves(txn, roster, cur)}."


def _moves(txn: dict[str, Any], roster: Any, cur: Currency) -> str:
    """What the sale moves by the contract's rule, as the end of a sentence
    ("takes from Ava ...: £3.25 from the account")."""
    moved = adj.charges(str(txn.get("pupil_id") or ""), adj.till_parts(txn))
    if not moved:
        tender = str(txn.get("tender") or "")
        how = (tender_words(txn, cur).lower() if txn.get("tenders")
               else PART_WORDS.get(tender, tender))
        nobody = ", with no pupil identified" if tender in adj.MOVES_MONEY else ""
        return f"takes nothing from any pupil's account (sent as {how}{nobody})"
    ((pupil, parts),) = moved.items()
    back = sum(parts.values()) < 0
    way = "to" if back else "from"
    said = [f"{money(abs(p), cur)} {way} the account" if t == "account" else
            f"{money(abs(p), cur)} {way} the free-meal allowance"
            + ("" if back else " (from the account where the allowance did not cover it)")
            for t, p in parts.items() if p]
    gives = "pays back to" if back else "takes from"
    return f"{gives} {adj.pupil_words(pupil, roster)}: {' and '.join(said)}"


def _allowance(roster: Any, pupil_id: str, day_pence: int) -> int:
    """The most a pupil's free-meal allowance can have had left that day:
    the day's allowance, or nothing for a pupil without free meals (one the
    till's list does not have may have them)."""
    p = roster.get(pupil_id)
    return day_pence if p is None or p.fsm else 0


def _said(adjs: list[adj.Adjustment], unknown: list[adj.AllowanceUnknown], roster: Any,
          how: str, cur: Currency) -> list[str]:
    """The adjustments in words, then each pupil whose figure depends on the
    allowance (the office puts that right at the provider itself); "nothing
    to adjust" only when there is neither."""
    return [d["text"] for d in _shown(adjs, unknown, roster, how, cur)]


def _shown(adjs: list[adj.Adjustment], unknown: list[adj.AllowanceUnknown], roster: Any,
           how: str, cur: Currency) -> list[dict[str, Any]]:
    """``_said``'s lines as the page lays them out: each ``text`` (what the
    key and the journal keep), and for a figure not worked out its parts, so
    the page shows a short reason and the cases as a list, not one long
    bold paragraph."""
    out: list[dict[str, Any]] = [{"text": t} for t in (
        adj.sentences(adjs, roster, how, cur) if adjs or not unknown else [])]
    for u in unknown:
        words = _allowance_words(u, roster, cur)
        out.append({"text": words.sentence(), "not_worked_out": words})
    return out


@dataclass(frozen=True)
class NotWorkedOut:
    """Why a pupil's adjustment cannot be worked out on the till (``why``),
    and what the office does at the provider in each case it can look up
    (``cases``: when, what to do)."""

    why: str
    cases: tuple[tuple[str, str], ...]
    lead = "Not worked out on the till"

    def sentence(self) -> str:
        """All of it in one sentence (journaled, and the key of what was shown)."""
        cases = "; ".join(f"{when.lower()}: {do}" for when, do in self.cases)
        return f"{self.lead}: {self.why} At the provider, {cases}."


def _allowance_words(u: adj.AllowanceUnknown, roster: Any, cur: Currency) -> NotWorkedOut:
    """The two cases the office can look up at the provider, with their
    figures (the pupil's only meal that day, or the allowance used up)."""
    return NotWorkedOut(
        why=(f"the paper shows a free meal part of {money(abs(u.ought), cur)}, the till read "
             f"{money(abs(u.was), cur)}. What the provider took from the account of "
             f"{adj.pupil_words(u.pupil_id, roster)} depends on the meal allowance left that "
             f"day (up to {money(u.allowance, cur)}), which the till does not know."),
        cases=((f"If all {money(u.allowance, cur)} was left (their only meal that day)",
                _case(u.if_all_left, cur)),
               ("If the allowance was used up before it", _case(u.if_none_left, cur)),
               ("Anything else", "put it right there")))


def _conflict_words(worked: adj.Worked, roster: Any, cur: Currency) -> NotWorkedOut:
    """A ``conflict`` refusal's cases: what the provider holds under this
    sale's number is not known on the till, so the adjustment depends on it;
    the paper's figures from nothing (``worked``: adjustments from nothing
    charged) are one case of three."""
    if worked.unknown:
        from_nothing = "enter the meal there as the paper shows it"
    elif worked.adjustments:
        from_nothing = "; ".join(adj.action_words(a, roster, cur) for a in worked.adjustments)
    else:
        from_nothing = "nothing to adjust"
    return NotWorkedOut(
        why=CONFLICT_UNKNOWN[0].lower() + CONFLICT_UNKNOWN[1:],
        cases=(("If what it holds matches the paper", "nothing to adjust"),
               ("If it took nothing from any pupil's account for it", from_nothing),
               ("Anything else", "put it right there so that it matches the paper, or call "
                "the till supplier")))


def _case(owed: int, cur: Currency) -> str:
    """The account's difference in the provider's terms (pence owed back)."""
    if not owed:
        return "nothing to adjust"
    action = "Credit" if owed > 0 else "Debit"
    return f"{adj.provider_menu(cur)}{action} {money(abs(owed), cur)}"


def _pupil_choices(roster: Any, till_pupil: str, chosen: str,
                   found: list[dict[str, str]], second: str = "") -> list[dict[str, str]]:
    """Who paid, as radio choices: the pupil the till charged, the one chosen
    before (and a second pupil chosen for two pupils on one slip), those just
    found by name, and nobody."""
    out: list[dict[str, str]] = []
    for pid, note in [(till_pupil, "as the till read"), (chosen, ""), (second, "")] + \
            [(f["pupil"], "") for f in found]:
        if pid and pid not in [o["id"] for o in out]:
            out.append({"id": pid, "words": adj.pupil_words(pid, roster), "note": note})
    out.append({"id": "", "words": "Nobody's account (paid in cash or by bank card)",
                "note": "" if till_pupil else "as the till read"})
    return out


def shown_key(shown: list[str]) -> str:
    """A short key of the adjustment shown, posted back with "I have made this
    adjustment" so what is recorded is what the person saw."""
    return hashlib.sha256("\n".join(shown).encode()).hexdigest()[:16]
