"""Interpretation rules: reprint markers, per-till templates, the site's
tender words and time zone."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import KeysView
from dataclasses import dataclass
from functools import cached_property

from drivers.receipt.amounts import _MONEY_END
from drivers.receipt.labels import _NOT_REPRINT
from drivers.receipt.memo import remembered
from drivers.receipt.model import Template, TenderPart
from drivers.receipt.profile import ASIDE, complete, knows, set_aside, unnamed_tender, whole_units
from drivers.receipt.split import split_parts
from drivers.receipt.stored_value import balance_holder
from drivers.receipt.tender_words import purse_of_way
from drivers.receipt.tenders import (
    SEVERAL_TENDERS,
    SPLIT_UNREAD,
    TENDERS,
    UNMAPPED_TENDER,
    _key,
    doubted_tender,
    family_tender,
    named_free_meal,
    paid_outside,
    unmapped_kind,
)

DEFAULT_REPRINT_MARKERS = ("REPRINT", "COPY", "DUPLICATE")


# A way's bare preposition before the purse ("To account": a refund back into it).
_BARE_WAY = re.compile(r"^(?:back\s+)?(?:to|into|onto|from)\s+")


def _table_purse(k: str, guess: str) -> bool:
    """Whether the way phrase ``k`` goes to or from a purse the tables name
    as ``guess``, or that purse's balance ("To account", "I'r cyfrif" / "To
    account" on a refund: the "account"; "Returned to cashless balance": the
    "cashless" account's balance), not a purse only the family guesses."""
    purse = purse_of_way(k) or (_BARE_WAY.sub("", k) if _BARE_WAY.match(k) else None)
    return purse is not None and guess in (TENDERS.get(purse),
                                           TENDERS.get(balance_holder(purse)))


@dataclass(frozen=True)
class ReceiptRules:
    """Interpretation rules: reprint markers (whole words, any case) and
    per-till templates tried before the defaults."""

    reprint_markers: tuple[str, ...] = DEFAULT_REPRINT_MARKERS
    templates: tuple[Template, ...] = ()
    timezone: str = "Europe/London"
    # The site's own printed tender words -> the contract's word, on top of
    # TENDERS (``[receipt.tenders]`` in the config).
    tenders: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        markers = [m.strip() for m in self.reprint_markers if m and m.strip()]
        pattern = (r"\b(?:" + "|".join(re.escape(m) for m in markers) + r")\b") if markers \
            else r"(?!x)x"
        object.__setattr__(self, "_reprint", re.compile(pattern, re.I))
        # Lines already judged (a till prints the same lines all day), shared
        # by every rules object with these markers (the learner makes one per
        # profile it tries).
        object.__setattr__(self, "_reprint_lines", _shared(("reprint", self.reprint_markers)))
        # The default refund/void banners are read only when no template
        # reads them.
        object.__setattr__(self, "_default_refund", not any(t.refund for t in self.templates))
        object.__setattr__(self, "_default_void", not any(t.void for t in self.templates))
        # A learnt profile that knows every line of its till (``profile``).
        object.__setattr__(self, "_complete", complete(self.templates))
        # A profile that confirmed the till prints whole units (``reader._read``).
        object.__setattr__(self, "_whole_units", whole_units(self.templates))
        # What a sale handing over its total with no tender word is (``result``).
        object.__setattr__(self, "_unnamed_tender", unnamed_tender(self.templates))
        # Whether that profile knows a line, per line, region and item
        # (``knows_line``), shared by every rules object with these templates.
        object.__setattr__(self, "_profile_lines", _shared(("templates", self.templates)))
        site = {_key(k): v for k, v in self.tenders if _key(k)}
        object.__setattr__(self, "_site_tenders", site)
        object.__setattr__(self, "_tender_table", {**TENDERS, **site})
        # The contract's word per printed tender (``_contract_word``): a till
        # prints the same few all day (shared by the rules with these words).
        object.__setattr__(self, "_contract_words", _shared(("tenders", self.tenders)))
        # The readings of a few whole receipts by these rules (``reader``:
        # the learner reads its samples again and again), and, when they
        # have no templates, as a profile's defaults (``_held_to_defaults``).
        object.__setattr__(self, "readings", {})
        object.__setattr__(self, "held_readings", {})
        # These rules with the purses a receipt proves the holder's (``with_own_purses``).
        object.__setattr__(self, "_own_purse_rules", {})

    @property
    def is_complete(self) -> bool:
        """Whether a learnt profile knows every line of its till
        (``profile.complete``): a line it does not know is an alarm."""
        return self._complete  # type: ignore[attr-defined,no-any-return]

    @cached_property
    def without_templates(self) -> ReceiptRules:
        """These rules without the till's templates: the default rules with
        the site's tender words (what a profile is held against: it may add
        what its samples proved, never take away the defaults' tender). One
        object for all rules that differ only in their templates (the
        learner tries many profiles), so what it remembers is shared."""
        if not self.templates:
            return self
        key = (self.reprint_markers, self.timezone, self.tenders)
        return remembered(_WITHOUT_TEMPLATES, key, _templates_off, self)

    def with_own_purses(self, purses: frozenset[str]) -> ReceiptRules:
        """These rules reading ``purses`` (ways paid, as ``tenders._key`` keys
        them) as the account: the receipt itself proved each the holder's
        by its own balance printed ("cash+  4.75" / "cash+ balance",
        ``stored_value.own_purse``). Beneath the site's own words, which
        always win. Remembered per set of purses (a till prints the same
        few all day)."""
        if not purses:
            return self
        return remembered(self._own_purse_rules, purses,  # type: ignore[attr-defined]
                          _purses_read, self, purses)

    @property
    def unnamed_sale_tender(self) -> str | None:
        """What the till's profile confirmed a sale handing over its total
        with no tender word is (``profile.unnamed_tender``: a contract word,
        ``UNSAID``), or None: not confirmed."""
        return self._unnamed_tender  # type: ignore[attr-defined,no-any-return]

    @property
    def prints_whole_units(self) -> bool:
        """Whether a learnt profile confirmed its till prints amounts in
        whole units (``profile.whole_units``)."""
        return self._whole_units  # type: ignore[attr-defined,no-any-return]

    @property
    def reads_refund_banner(self) -> bool:
        """Whether the default refund banners are read (no template reads one)."""
        return self._default_refund  # type: ignore[attr-defined,no-any-return]

    @property
    def reads_void_banner(self) -> bool:
        """Whether the default void banners are read (no template reads one)."""
        return self._default_void  # type: ignore[attr-defined,no-any-return]

    def knows_line(self, line: str, region: str, item: str | None) -> bool:
        """``profile.knows`` for the templates, remembered per line, region
        and item (a till prints the same lines all day; the profile's
        patterns are long alternations)."""
        return remembered(self._profile_lines, (line, region, item),  # type: ignore[attr-defined]
                          knows, self.templates, line, region, item)

    def sets_aside(self, line: str) -> bool:
        """``profile.set_aside`` for the templates, remembered per line."""
        return remembered(self._profile_lines, (line, ASIDE, None),  # type: ignore[attr-defined]
                          set_aside, self.templates, line)

    @property
    def site_tender_keys(self) -> KeysView[str]:
        """The site's own tender words (``[receipt.tenders]`` in the config),
        as ``tenders._key`` keys a label: a line's key is looked up in them."""
        return self._site_tenders.keys()  # type: ignore[attr-defined,no-any-return]

    def names_site_tender(self, printed: list[str]) -> bool:
        """Whether any of the ``printed`` tenders is one of the site's own
        words (``[receipt.tenders]`` in the config)."""
        return any(_key(p) in self.site_tender_keys for p in printed)

    def tender_of(self, printed: list[str],
                  amounts: dict[str, int] | None = None) -> tuple[str | None, list[str]]:
        """The contract's tender for the tenders a receipt printed (the first;
        a tender no table maps is kept as printed), and the flags they call
        for: ``unmapped_tender``, ``split_tender`` (two different ones: then
        the one that paid the most, by ``amounts``, printed tender -> pence)."""
        if printed and all(_key(p) in SEVERAL_TENDERS for p in printed):
            return None, [SPLIT_UNREAD]  # "Payment Method: Split", the parts not printed
        printed = _naming(printed)
        if not printed:
            return None, []
        contract = [self._contract_word(p) for p in printed]
        words = [w or unmapped_kind(_key(p)) or p.strip()  # as ``_word``, the contract's once
                 for w, p in zip(contract, printed, strict=True)]
        flags = []
        unmapped = any(c is None and not paid_outside(_key(p))
                       for c, p in zip(contract, printed, strict=True))
        if unmapped or self._untaught_purse(printed) or self._doubted(printed) or (
                len({_key(w) for w in words}) == 1
                and self._guessed_apart(printed, amounts or {})):
            flags.append(UNMAPPED_TENDER)
        if len({_key(w) for w in words}) > 1:
            flags.append("split_tender")
            if amounts:
                # The contract has one tender: the one that paid the most.
                paid: dict[str, int] = {}
                for p, w in zip(printed, words, strict=True):
                    paid[w] = paid.get(w, 0) + abs(amounts.get(p, 0))
                return max(words, key=lambda w: paid[w]), flags
        return words[0], flags

    def _doubted(self, printed: list[str]) -> bool:
        """Whether a tender is read only by a family guess that may be wrong
        either way ("Bursary purse": free meals, or the student's account)."""
        return any(self._site_tenders.get(k) is None  # type: ignore[attr-defined]
                   and doubted_tender(k) for k in map(_key, printed))

    def _untaught_purse(self, printed: list[str]) -> bool:
        """Under a complete profile (``agent receipt learn``, which names in
        the till's tenders each purse its samples confirmed), whether a
        tender is a purse or an allowance only by the family guess: a purse
        no sample printed ("Bursary purse" where the samples paid by "Cash
        purse") may be another tender than the guess. (A card's brand is
        a card whatever its name; a free meal by name is free meals, and
        the purse a sample paid from is the purse a refund pays back to:
        ``_taught_purse``.)"""
        return bool(self._complete) and any(  # type: ignore[attr-defined]
            self._tender_table.get(k) is None  # type: ignore[attr-defined]
            and (guess := family_tender(k)) in GUESSED_PURSES
            and not named_free_meal(k) and not self._taught_purse(k, guess)
            and not _table_purse(k, guess)
            for k in map(_key, printed))

    def _taught_purse(self, k: str, guess: str) -> bool:
        """Whether the way phrase ``k`` names a purse the profile was taught
        by another way to it, as the same tender: a sale takes from the
        purse a refund returns to ("From Balance" taught, "Credited to
        Balance" on a refund: the same balance, the same pupil's money)."""
        purse = purse_of_way(k)
        return purse is not None and any(
            word == guess and (purse_of_way(taught) or taught) == purse
            for taught, word in self._site_tenders.items())  # type: ignore[attr-defined]

    def _guessed_apart(self, printed: list[str], amounts: dict[str, int]) -> bool:
        """Whether two or more tenders printed under different names, each
        paying its own amount, share their word only by a family guess, no
        table naming any ("Bursary purse £3.00" and "Cash purse £19.75":
        both a purse, so "account"): two purses paid, and which tender each
        is, the tables do not say."""
        named = {_key(p) for p in printed if p in amounts}
        return len(named) > 1 and all(
            self._tender_table.get(k) is None and family_tender(k)  # type: ignore[attr-defined]
            for k in named)

    def tender_parts(self, printed: list[str], paid_by: dict[str, int], total: int | None,
                     change: int | None) -> tuple[tuple[TenderPart, ...], list[str]]:
        """A split payment's parts (``drivers.receipt.split``): none, and no
        flag, when the receipt printed one tender (or none)."""
        printed = _naming(printed)
        words = [self._word(p) for p in printed]
        if len({_key(w) for w in words}) < 2:
            return (), []
        # A card's brand under its leg ("Card  CHF 70.00" / "  VISA · auth
        # 827857") names the part again without its amount: one part.
        paying = {w for p, w in zip(printed, words, strict=True) if p in paid_by}
        kept = [(p, w) for p, w in zip(printed, words, strict=True)
                if p in paid_by or w not in paying]
        return split_parts([p for p, _ in kept], [w for _, w in kept], paid_by, total, change)

    def card_slip_off(self, printed: list[str], paid_by: dict[str, int], total: int | None,
                      change: int | None) -> list[str]:
        """The tenders printed, without the words a card terminal's slip prints
        under the card that paid the whole total, each with no amount ("CARD
        £30.35" / "VIVA WALLET" / "CARD MASTERCARD ************4322": the
        slip's provider, the card again): that one payment's, never a second
        part (``TENDERS.md``, "A card slip under the card that paid"). Only
        where one tender printed amounts, a card, they make the total, and no
        change was given."""
        paying = [p for p in dict.fromkeys(printed) if p in paid_by]
        if not total or change or len(paying) != 1 or len(paying) == len(printed) \
                or self._contract_word(paying[0]) != "card" or paid_by[paying[0]] != abs(total):
            return printed
        return [p for p in printed if p in paid_by]

    def _word(self, printed: str) -> str:
        """The word a printed tender is recorded by: the contract's, else the
        kind the rules know it for ("Ticket restaurant": a voucher), else as
        printed."""
        return self._contract_word(printed) or unmapped_kind(_key(printed)) or printed.strip()

    def _contract_word(self, printed: str) -> str | None:
        """The contract's word for a printed tender (a card by its brand), or
        None; remembered per printed tender."""
        return remembered(self._contract_words, printed,  # type: ignore[attr-defined]
                          self._contract_word_of, printed)

    def _contract_word_of(self, printed: str) -> str | None:
        k = _key(printed)
        word = self._tender_table.get(k)  # type: ignore[attr-defined]
        return word or family_tender(k)  # "School Account", "Campus Card", "Visa Debit"

    def is_reprint_line(self, line: str) -> bool:
        """A line carrying a reprint marker (not an item line, not a card
        slip's "customer copy")."""
        return remembered(self._reprint_lines, line,  # type: ignore[attr-defined]
                          self._carries_reprint_marker, line)

    def _carries_reprint_marker(self, line: str) -> bool:
        return bool(self._reprint.search(line)) \
            and not _NOT_REPRINT.search(line) and _MONEY_END.match(line) is None


# What rules objects of the same value remember (``_shared``), per what it
# depends on, and the template-less rules per value (``without_templates``).
_SHARED: dict[tuple, dict] = {}
_WITHOUT_TEMPLATES: dict[tuple, ReceiptRules] = {}


def _templates_off(rules: ReceiptRules) -> ReceiptRules:
    return dataclasses.replace(rules, templates=())


def _purses_read(rules: ReceiptRules, purses: frozenset[str]) -> ReceiptRules:
    """``rules`` with ``purses`` read as the account, the site's words after
    them (so they win: ``ReceiptRules.with_own_purses``)."""
    return dataclasses.replace(
        rules, tenders=(*((p, "account") for p in sorted(purses)), *rules.tenders))


def _shared(key: tuple) -> dict:
    """The memo every rules object whose ``key`` (what the memo's answers
    depend on) is the same shares: a new one for a key not seen (the
    last few hundred kept: a key may hold a profile's patterns)."""
    return remembered(_SHARED, key, dict, most=256)


# The family guesses a learnt profile does not take on trust for a purse its
# samples never printed (``ReceiptRules._untaught_purse``).
GUESSED_PURSES = ("account", "fsm")


def _naming(printed: list[str]) -> list[str]:
    """The tenders printed, without the words that only say there were
    several ("Split" above "Cash" and "Card")."""
    return [p for p in printed if _key(p) not in SEVERAL_TENDERS]


DEFAULT_RULES = ReceiptRules()
