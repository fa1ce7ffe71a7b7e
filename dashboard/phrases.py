"""Sentences kept as codes and numbers until a page words them: what findings and claims return.

A `Msg` is one message (its English is the msgid) with named fields; a field is a plain value (a year), a
country code, a figure with its format, or another phrase. `say(tr, phrase)` puts it into `tr`'s language, so the
same findings, computed once per cache version, serve every language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from catalog import fuels
from dashboard.i18n import Translator


class Phrase(Protocol):
    def say(self, tr: Translator) -> str: ...


def say(tr: Translator, part: object) -> str:
    """A phrase in `tr`'s language; a plain value (a year, a code shown as it is) as its text."""
    return part.say(tr) if hasattr(part, "say") else str(part)


class Msg:
    """One message and its named fields: `Msg("Net imports met {share} in {year}.", share=Pct(99.8), year=2023)`."""

    def __init__(self, message: str, /, **fields: object) -> None:
        self.message, self.fields = message, fields

    def say(self, tr: Translator) -> str:
        return tr.t(self.message, **{name: say(tr, value) for name, value in self.fields.items()})

    def __repr__(self) -> str:
        return f"Msg({self.message!r}, {self.fields!r})"


@dataclass(frozen=True)
class Pct:
    """A percentage: '86.9%', '86,9 %'."""

    value: float
    spec: str = ".1f"

    def say(self, tr: Translator) -> str:
        return tr.pct(self.value, self.spec)


@dataclass(frozen=True)
class Num:
    """A figure in the language's digits and separators."""

    value: float
    spec: str = ",.1f"

    def say(self, tr: Translator) -> str:
        return tr.num(self.value, self.spec)


@dataclass(frozen=True)
class Country:
    code: str

    def say(self, tr: Translator) -> str:
        return tr.country(self.code)


@dataclass(frozen=True)
class FuelName:
    """A fuel in a sentence ('dry natural gas'), by its catalog id."""

    fuel: str

    def say(self, tr: Translator) -> str:
        return tr.fuel_name(fuels.BY_ID[self.fuel])


@dataclass(frozen=True)
class Unit:
    text: str

    def say(self, tr: Translator) -> str:
        return tr.unit(self.text)


@dataclass(frozen=True)
class Join:
    """Phrases joined by a separator: '…; …'."""

    separator: str
    parts: Sequence[object] = field(default_factory=tuple)

    def say(self, tr: Translator) -> str:
        return self.separator.join(say(tr, p) for p in self.parts)


@dataclass(frozen=True)
class Partner:
    """A trade partner by its ISO code, with Comtrade's English name for where no translation exists."""

    code: str
    english: str

    def say(self, tr: Translator) -> str:
        return tr.partner(self.code, self.english)


@dataclass(frozen=True)
class Commodity:
    """A traded fuel by its HS code ('LNG')."""

    code: str

    def say(self, tr: Translator) -> str:
        return tr.commodity(self.code)
