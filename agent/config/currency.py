"""The site's currency (``currency`` in agent.toml): how every staff page,
the paper register and the reports say an amount. Amounts are kept in
hundredths everywhere (the contract's ``*_pence``: cents at a euro site);
only the words change. An Irish school's till says "€2.40", a British one
"£2.40" (the default, so existing configs read as before).

The receipt reader reads whatever currency a till prints and keeps only the
figures: ``agent/console/paper_currency.py`` says when a paper printed
another currency than the site's.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Currency:
    """``code``: ISO 4217; ``symbol``: before the figures; ``name``: the
    currency in a sentence ("pounds", "euro"); ``hundredths``: its hundredths
    ("pence", "cent"), typed after a figure as ``mark`` ("265p", "265c")."""

    code: str
    symbol: str
    name: str
    hundredths: str
    mark: str

    def money(self, pence: int | None) -> str:
        """1234 -> "£12.34"; -45 -> "-£0.45"; ``-`` when not known (None)."""
        if pence is None:
            return "-"
        sign = "-" if pence < 0 else ""
        return f"{sign}{self.symbol}{abs(pence) // 100}.{abs(pence) % 100:02d}"

    @property
    def said(self) -> str:
        """The currency for a technician: "€ (EUR)"."""
        return f"{self.symbol} ({self.code})"


GBP = Currency("GBP", "£", "pounds", "pence", "p")
EUR = Currency("EUR", "€", "euro", "cent", "c")
# The schools a till serves: the UK's and Ireland's.
CURRENCIES = {c.code: c for c in (GBP, EUR)}


def currency(code: str) -> Currency:
    """The currency a config names (validated at load: ``agent.config.checks``)."""
    return CURRENCIES[code.strip().upper()]
