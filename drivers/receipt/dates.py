"""Printed dates and times (numeric, month names, 12-hour clocks) and the
RFC 3339 text the journal records for them."""

from __future__ import annotations

import re
from datetime import date, datetime

from drivers.receipt.months import ENGLISH_MONTH, MONTH, month_number

try:  # imported once, not per receipt
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover - Python without zoneinfo
    ZoneInfo = None  # type: ignore[assignment,misc]
# A numeric date is three numbers, not three of a longer run: a serial
# ("Invoice: 1-3-2-1005", "SN 12.4.26.7") merely looks like one.
_DATE_DMY = re.compile(r"(?<!\d)(?<!\d[/.-])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-]"
                       r"(?P<y>\d{4}|\d{2})(?!\d)(?![/-]\d|\.\d{1,2}[/.-])")
_DATE_YMD = re.compile(r"(?<!\d)(?<!\d[/.-])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)"
                       r"(?P<d>\d{1,2})(?!\d)(?![/.-]\d)")
# A year a till prints for today: a four-digit "year" outside it is a serial's.
_YEARS = range(1990, 2100)
# A time printed with a point straight after its date, as Indonesian,
# Finnish and Danish locales print it ("15/02/2026, 15.46", "6.4.2026 klo
# 14.56", "6.4.2026 14.56.09"): read only after a comma, a clock's word or
# with its seconds, and at the line's end (an amount beside a date is not it).
_DOT_TIME = re.compile(r"(?:,\s?(?:klo\s|kl\.?\s|pukul\s|jam\s)?|\s(?:klo|kl\.?|pukul|jam)\s|"
                       r"\s(?=\d{1,2}\.\d{2}\.\d{2}\s*$))(?P<H>[01]?\d|2[0-3])\.(?P<M>[0-5]\d)"
                       r"(?:\.(?P<S>[0-5]\d))?\s*$", re.I)
# A year of four digits, or of two ("09 Jun 26") when no time's colon
# follows it ("12 Jan 15:30" is a day, a month and a time).
# An apostrophe may stand for the century ("12 Mar '26").
_YEAR = r"'?(?P<y>\d{4}|\d{2}(?![\d:]))(?!\d)"
# Day first, the month a word in any language tills print ("09 Jun 26",
# "5. März 2026", "12 marca 2026"), the day perhaps an ordinal and the words
# between them a language's ("Thursday 5th of March 2026", "5 de marzo de 2026").
_DATE_DMONY = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th|\.|º)?(?:\s*(?:of|de|del)\b)?"
                         r"[\s/-]*(?P<mon>" + MONTH + r")\.?(?:\s*(?:of|de|del)\s+(?=\d{4}))?"
                         r"[\s,/-]*" + _YEAR, re.I)
# Month first ("Sep 21, 2026", "March 1 2026", "Mar/28/2026"), as US-made
# tills print it (in English: other languages print the day first).
_DATE_MONDY = re.compile(r"(?<![^\W\d_])(?P<mon>" + ENGLISH_MONTH + r")\.?[\s/-]+"
                         r"(?P<d>\d{1,2})(?:st|nd|rd|th)?,?[\s/-]+" + _YEAR, re.I)
# Year first, the month a word, as Hungarian tills print it ("2026. március
# 5.") and some ISO-minded ones ("2026-MAR-05"); never a day run into a time.
_DATE_YMOND = re.compile(r"(?<!\d)(?P<y>\d{4})\.?[\s/-]*(?P<mon>" + MONTH + r")\.?[\s/-]*"
                         r"(?P<d>\d{1,2})\.?(?![\d:])", re.I)
# A 12-hour clock's AM/PM, ended by anything but a lower-case letter (a
# till may print the next word straight after it: "03:42 PMTurno"); Spanish
# locales (es-419, es-DO, es-MX in ICU/JavaScript) print it "p. m.", a
# space, often a no-break one, inside. Arabic locales print "ص" (صباحاً,
# morning) and "م" (مساءً, evening) after the time, a letter alone
# ("13/09/2026 07:23 م": 19:23), as Unicode CLDR's Arabic locales write the
# day's halves (ar.xml dayPeriods: am "ص", pm "م"; Egypt, Saudi Arabia, the
# Gulf and the Levant alike) and as Arabic tills' h:mm a formats print them.
_TIME = re.compile(r"(?<!\d)(?<!\d:)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?![\d:])"
                   r"(?:\s?(?P<ampm>[ap])(?:\.[\s\u00a0]?|\.?)m(?-i:(?![a-z]))\.?|"
                   r"\s(?P<arabic_ampm>[صم])(?![^\W\d_]))?", re.I)
# Two times joined as a span ("Open Mon-Fri 8:15-9:00", Germany's
# "Öffnungszeiten: Mo-Fr 09:00-18:00", OpenStreetMap's "Mo-Fr 08:00-18:00",
# Spanish "9:00 a 14:00", a report's "start ~ end"): opening hours or a
# period, never the moment of a sale (NUMBERS.md, "A span of times"); not
# an ISO 8601 time and its offset ("2026-06-14T12:00:00-07:00").
_TIME_SPAN = re.compile(r"(?<![\d:T])\d{1,2}[:.]\d{2}(?::\d{2}(?!-\d{2}:\d{2}(?![\d:])))?"
                        r"\s?(?:[ap]\.?m\.?\s?)?"
                        r"(?:[-\u2013\u2014~]|\s(?:to|till|until|bis|a|al|hasta|à|às|tot)\s)"
                        r"\s?\d{1,2}[:.]\d{2}(?![\d:])", re.I)


def _clock(text: str) -> re.Match[str] | None:
    """The first time in ``text`` that is no end of a span of times."""
    spans = [m.span() for m in _TIME_SPAN.finditer(text)]
    for m in _TIME.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            return m
    return None


# The Arabic letter's half of the day, as the Latin "a"/"p".
_ARABIC_AMPM = {"ص": "a", "م": "p"}


def _numeric_date(m: re.Match[str], y: int, month_first: bool = False) -> date:
    """A numeric date, day first (the UK's order) unless only month first
    makes it a date ("03/28/2026": 28 is no month), or the receipt says its
    till prints month first (``month_first``) and that reading is a date.
    ValueError: neither."""
    first, second = int(m.group("d")), int(m.group("m"))
    if second > 12 >= first or (month_first and first <= 12):
        first, second = second, first  # "03/28/2026": month first
    return date(y, second, first)


# A date printed as a browser's en-US locale prints a moment ("4/7/2026,
# 2:04:05 PM", "10/11/2026, 9:15 AM": JavaScript's toLocaleString): a
# numeric date in slashes, a comma, then a 12-hour clock says the date is
# month first, as the clock's locale writes it, unless a leading zero is
# printed ("04/07/2026, 12:30 PM": the shape day-first tills print with a
# 12-hour clock too, Mexico, India, UK tills). Without the comma ("4/7/2026
# 2:04 PM") a UK till may print it day first as well: read day first, the
# UK's order, and flagged (``unsure_order``).
# The clock's "AM"/"PM" in capitals, as the en-US locale prints them (en-AU,
# en-IN and en-NZ print "am"/"pm", and the day first: "10/11/2026, 8:12 am").
def _month_first(clock: re.Match[str] | None, date_match: re.Match[str]) -> bool:
    return clock is not None and clock.group("ampm") is not None \
        and clock.group("ampm").isupper() and "/" in date_match.group(0) \
        and date_match.string.startswith(",", date_match.end()) \
        and not (date_match.group("d").startswith("0") or date_match.group("m").startswith("0"))


def _padded(m: re.Match[str]) -> bool:
    """Whether a numeric date's day and month are both printed in two digits."""
    return len(m.group("d")) == 2 and len(m.group("m")) == 2


# A numeric date either order makes a date of ("4/7/2026", "04/07/2026").
_BOTH_WAYS = re.compile(r"(?<!\d)(?P<d>0?[1-9]|1[0-2])[/.-](?P<m>0?[1-9]|1[0-2])[/.-]"
                        r"(?:\d{4}|\d{2})(?!\d)")


def unsure_order(text: str) -> bool:
    """Whether ``text``'s numeric date reads as two different dates and
    nothing on its line says which: no 12-hour clock after a comma (the en-US
    locale's "4/7/2026, 2:04 PM"), and its fields are not padded to two
    digits as a day-first (UK) till pads them ("4/7/2026" or "4/7/2026
    2:04 PM" could be 4 July or 7 April), nor padded in slashes beside a
    capital "AM"/"PM" ("04/09/2026 02:02 PM": a US till's strftime prints
    it, and a UK till's 12-hour format). Read day first, and flagged. A date in
    dots ("6.4.2026") is day first wherever tills print dots (German,
    Polish, Czech, Russian locales): never unsure."""
    m = _BOTH_WAYS.search(text)
    if m is None or int(m.group("d")) == int(m.group("m")) or "." in m.group(0):
        return False
    if _padded(m):
        # "04/07/2026": the day-first locale's shape; but beside a clock's
        # "PM" in slashes, a US till's strftime ("%m/%d/%Y %I:%M %p") too
        clock = _clock(text) if ":" in text else None
        return "/" in m.group(0) and clock is not None and clock.group("ampm") is not None \
            and clock.group("ampm").isupper() and not _month_first(clock, m)
    return not _month_first(_TIME.search(text) if ":" in text else None, m)


# What a labelled date or time says happened then: the bill opened
# ("Opened:", "Start", "Beginn", "Apertura"), the bill closed, paid or
# refunded ("Closed:", "Ende", "Cierre", "Refunded:"), or something that is
# not the sale at all ("Printed:", "Gedruckt", "Generated"). In several languages real
# tills and fiscal units (a TSE's "Start" / "Ende") print.
_EVENT = re.compile(
    r"^[\W_]*(?:(?:bill|check|order|table|transaction|transaktions|tse)[\s-]?)?"
    r"(?:(?P<open>opened|open|start(?:ed)?|begin|beginn|seated|apertura|abierto|"
    r"ouvert(?:ure)?|d[ée]but|inicio|inizio|ge[öo]ffnet)|"
    r"(?P<close>closed|close|end(?:ed)?|ende|finish(?:ed)?|settled|refunded|cierre|cerrado|"
    r"fermeture|ferm[ée]|fin|fine|chiusura|geschlossen)|"
    r"(?P<other>printed|print(?:ed)?\s+(?:at|on|time)|gedruckt|druck(?:zeit)?|impreso|"
    r"imprim[ée]|generated|created|erstellt|"
    # the receipt's own word before a date: the moment the document was made
    # ("Nyugta: 2026-02-19 20:17:43" under "Datum: 2026-02-19 20:17"), perhaps
    # after the sale: its seconds never refine the sale's minute
    r"nyugta|receipt|beleg|kvittering|kvitto|kuitti|recibo|re[çc]u|scontrino|paragon|"
    r"[uú][čc]tenka|doklad|fi[şs]))\b\.?\s*(?:at|on|time)?\s*[:-]?\s*(?=\d)", re.I)


# The week a booking or a meal is for, not the day it was paid ("Week
# commencing: Mon 02/02/2026" over "Paid at office: 28/01/2026 08:03": a
# breakfast club booked a week ahead; UK schools print "w/c" and "w/b"):
# never the sale's date (NUMBERS.md, "The sale's time").
_WEEK_BOOKED = re.compile(r"^[\W_]*(?:week\s+(?:commencing|beginning|starting)|w/[cb])\b", re.I)


def week_booked(text: str) -> bool:
    """Whether ``text`` (a label line) dates the week a booking is for."""
    return _WEEK_BOOKED.match(text) is not None


# A US address's last line: a town, a state's postal code and a ZIP code
# ("Dayton, OH 45402", "Austin, TX 78701-1234"). A till that prints it
# prints dates month first, as US tills do ("04/09/2026" is 9 April).
# Without its ZIP, the state's code after a town's capitalised name
# ("Corner of 5th & Main, Austin TX", "Dayton, OH"): a word in capitals
# before it may be a name's ("CAFE DE", "BAR PA"), not a town.
_US_STATES = (r"(?-i:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|"
              r"PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])")
_US_PLACE = re.compile(r"[^\W\d_],\s*" + _US_STATES + r"\s+\d{5}(?:-\d{4})?\s*$|"
                       r"(?-i:(?<![^\W\d_])[A-Z][a-z]+),?\s" + _US_STATES + r"\s*$")


def us_place(text: str) -> bool:
    """Whether ``text`` is a US address's town, state and ZIP code."""
    return _US_PLACE.search(text) is not None


# An Australian address's last line: a suburb, a state and a postcode
# ("Strathfield NSW 2135").
_AU_PLACE = re.compile(r"[^\W\d_]\s+(?-i:NSW|VIC|QLD|SA|WA|TAS|NT|ACT)\s+\d{4}\s*$")


# A street's name and its house number, the address's first line: the
# street's kind first, as the Romance, Slavic and Greek languages and
# Indonesian print it ("Av. Colón 3120", "Avenida del Libertador 2500",
# "Calle Las Limas 220", "Rua Augusta 1450", "Via Roma 1201", "ul. Długa 1020",
# "Λ. Αλεξάνδρας 42", "Jl. Sudirman 1024"), perhaps after "Dirección:"; or
# last, joined to the name, as the Germanic and Nordic languages, Finnish and
# Hungarian print it ("Hauptstraße 1012", "Kalverstraat 1024", "Storgatan
# 1010", "Mannerheimintie 1012"). The number is the house's (NUMBERS.md).
_STREET_FIRST = re.compile(
    r"^\s*(?:(?:direcci[oó]n|address|adresse|indirizzo|endere[cç]o|adres|anschrift)\s*:\s*)?"
    r"(?:av(?:enida|enue)?\.?|avda\.|calle|carrera|cra\.?|jir[oó]n|jr\.|pasaje|camino|"
    r"rua|travessa|estrada|via|viale|corso|piazza|rue|boulevard|bd\.|blvd\.?|"
    r"street|road|rd\.|lane|ul\.|ulica|ул\.|улица|вул\.|вулиця|jl\.|jalan|λ\.|λεωφ[όο]ρος|"
    r"οδ[όο]ς)\s+[^\W\d_][^\d]*?\s(?:n[°º.]?\s*)?\d{1,5}[a-z]?\b", re.I)
_STREET_LAST = re.compile(
    r"[^\W\d_]{2,}(?:stra(?:ß|ss)e|str\.|weg|gasse|platz|allee|straat|laan|gracht|gatan|"
    r"v[äa]gen|gade|vej|veien|gata|katu|tie|utca)\s+\d{1,5}[a-z]?\b", re.I)


def postal_place(text: str) -> bool:
    """Whether ``text`` ends with an address's state and postcode (US or
    Australian) or names a street and its house number: never a receipt's
    number or an account."""
    return us_place(text) or _AU_PLACE.search(text) is not None \
        or _STREET_FIRST.match(text) is not None or _STREET_LAST.search(text) is not None


def time_event(text: str) -> str | None:
    """What a dated line's label says happened at its time: "open" (a bill
    opened), "close" (closed, paid, refunded), "other" (printed), or None (a
    date, or no label: the sale's)."""
    m = _EVENT.match(text)
    if m is None:
        return None
    return "open" if m.group("open") else "close" if m.group("close") else "other"


# A time on a row of its own under its own label ("Time:  08:55", "Hora:",
# "Uhrzeit:", "Heure:", "Ora:", "Tijd:", "Czas:", "Время:"): the sale's time as
# the till keeps it; a moment printed later without a label (a footer's
# "21/07/2026, 08:55:13", the printout's ``toLocaleString()``) is not the
# same record and never gives it seconds (NUMBERS.md, "The sale's time").
_TIME_LABEL = re.compile(r"^[\W_]*(?:time|hora|zeit|uhrzeit|heure|ora|orario|tijd|tid|czas|"
                         r"[čc]as|id[őo]|время|час|saat)\s*:", re.I)


def labelled_time(text: str) -> bool:
    """Whether ``text`` prints a time under a time's own label ("Time: 08:55")."""
    return _TIME_LABEL.match(text) is not None


# A time printed with its seconds ("14:07:00", "14.56.09"): ":00" is a second.
_SECONDS = re.compile(r"(?<!\d)\d{1,2}:\d{2}:\d{2}(?!\d)|(?<![\d.])\d{1,2}\.\d{2}\.\d{2}\s*$")


def has_seconds(text: str) -> bool:
    """Whether ``text`` prints a time with its seconds."""
    return _SECONDS.search(text) is not None


_WORD_MONTHS = (_DATE_DMONY, _DATE_MONDY, _DATE_YMOND)  # the month a word


def _read_when(text: str, month_first: bool = False
               ) -> tuple[date | None, tuple[int, int, int] | None]:
    """The first valid date and the first valid time in ``text`` (None:
    none); a numeric date month first where both orders make one when
    ``month_first`` (the receipt says it is from a US till: ``us_place``)."""
    when_date = None
    clock = _clock(text) if ":" in text else None
    for rx in (_DATE_YMD, _DATE_DMY, _DATE_DMONY, _DATE_MONDY, _DATE_YMOND):
        m = rx.search(text)
        if m:
            y = int(m.group("y"))
            y = y + 2000 if y < 100 else y
            if y not in _YEARS:
                continue
            try:
                if rx is _DATE_DMY:
                    when_date = _numeric_date(m, y, month_first or _month_first(clock, m))
                else:
                    month = (month_number(m.group("mon")) or 0
                             if rx in _WORD_MONTHS else int(m.group("m")))
                    when_date = date(y, month, int(m.group("d")))
            except ValueError:
                continue
            if clock is None and (dot := _DOT_TIME.match(text, m.end())) is not None:
                clock = dot
            break
    when_time = None
    if (m := clock) is not None:
        h, mi, s = int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)
        ampm = m.groupdict().get("ampm") or _ARABIC_AMPM.get(m.groupdict().get("arabic_ampm") or "")
        if ampm and 1 <= h <= 12:  # 12 AM is midnight, 12 PM noon
            h = h % 12 + (12 if ampm.lower() == "p" else 0)
        elif ampm:
            h = 99  # "0:30 PM", "13:00 PM": not a time
        if h < 24 and mi < 60 and s < 60:
            when_time = (h, mi, s)
    return when_date, when_time


def _occurred_text(day: date, time: tuple[int, int, int] | None, tz: str) -> str:
    """``day`` and ``time`` as RFC 3339 with the offset of ``tz`` on that day."""
    if time is None:
        return day.isoformat()
    dt = datetime(day.year, day.month, day.day, *time)
    try:
        if ZoneInfo is None:
            raise LookupError("no zoneinfo")
        return dt.replace(tzinfo=ZoneInfo(tz)).isoformat()
    except Exception:  # no tz database: local time without an offset
        return dt.isoformat()
