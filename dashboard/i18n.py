"""Every visible string goes through here: gettext catalogs (`locales/<lang>/LC_MESSAGES/messages.po`, English is
the source and the msgid) read once at start with Babel, and numbers written the way each language writes them.

A `Translator` holds one language: `tr.t("Net imports met {share} ...", share=tr.pct(86.9))` translates the
template, then fills its named fields; `tr.pt()` does the same under a gettext context (msgctxt), which keys what
comes from elsewhere: series titles by series id (`series:<id>`), units, countries, topics and fuels by their
English words. `N_()` only marks a constant for the extractor; it is translated where it is shown. There is no
ambient language: a page asks for its translator once (`controls.translator()`) and passes it to whatever turns
codes and numbers into words, so every cache of their results is keyed on the translator's language.

A missing translation shows the English and is remembered in `MISSING`, which the tests read: a string without a
Korean or Russian translation fails the build rather than slipping through.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.core import get_global
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from catalog.countries import COUNTRY_NAMES, GROUP_NAMES
from catalog.topics import TOPICS
from catalog.trade import SHORT as COMMODITY_NAMES

LANGS = ("en", "ko", "ru")
SOURCE = "en"
NAMES = {"en": "English", "ko": "한국어", "ru": "Русский"}  # each in its own language, on the picker
LOCALES = Path(__file__).with_name("locales")
# Keywords the extractor (tests/dashboard/test_i18n.py, `pybabel extract -k`) reads as translatable.
KEYWORDS = {"t": None, "N_": None, "pt": ((1, "c"), 2), "Msg": None}

MISSING: set[tuple[str, str | None, str]] = set()


def from_locale(tag: str | None) -> str | None:
    """'ko-KR' -> 'ko'; None for a language the dashboard does not speak."""
    base = (tag or "").replace("_", "-").split("-")[0].lower()
    return base if base in LANGS else None


@lru_cache(maxsize=len(LANGS))
def catalog(lang: str) -> dict[tuple[str | None, str], str]:
    """(msgctxt, msgid) -> msgstr of one language, read from its .po file once; fuzzy and empty entries left out."""
    path = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        po = read_po(f, locale=lang)
    return {(m.context, m.id): m.string for m in po if m.id and m.string and not m.fuzzy}


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for "mark, translate later"
    """Mark a constant for extraction; translate it with tr.t() where it is shown."""
    return message


# Numbers. English keeps Python's own formatting (what the dashboard always showed); the others go through Babel's
# CLDR data: Russian "86,9 %" and "2 480" (no-break spaces), Korean grouping as in English, large figures in 만/억/조.
_SPEC = re.compile(r"^(?P<plus>\+)?(?P<group>,)?(?:\.(?P<digits>\d+))?(?P<kind>[fd])$")
# (threshold, word) for compact figures. Korean counts in myriads: 만 10⁴, 억 10⁸, 조 10¹².
_COMPACT = {
    "en": ((1e12, " trn"), (1e9, " bn"), (1e6, " mn")),
    "ru": ((1e12, "\u00a0трлн"), (1e9, "\u00a0млрд"), (1e6, "\u00a0млн")),
    "ko": ((1e12, "조"), (1e8, "억"), (1e4, "만")),
}


@dataclass(frozen=True)
class Translator:
    """Words and numbers in one language; what turns codes and figures into text is handed one."""

    lang: str = SOURCE

    def pt(self, context: str | None, message: str, /, **fields: object) -> str:
        """`message` (under gettext `context`) in this language, its `{named}` fields filled in."""
        text = message
        if self.lang != SOURCE and message:
            found = catalog(self.lang).get((context, message))
            if found is None:
                MISSING.add((self.lang, context, message))
            else:
                text = found
        return text.format(**fields) if fields else text

    def t(self, message: str, /, **fields: object) -> str:
        """`message` in this language, its `{named}` fields filled in."""
        return self.pt(None, message, **fields)

    # Words the catalog holds under a context, by their English.
    def headed(self, df, headers: dict[str, str]):
        """`df` with the columns named in `headers` (column -> English header) in this language; in English it is
        `df` itself, so the column names the code reads stay as they are."""
        if self.lang == SOURCE:
            return df
        return df.rename(columns={c: self.t(h) for c, h in headers.items() if c in df.columns})

    def country(self, code: str) -> str:
        return self.pt("country", COUNTRY_NAMES.get(code, code))

    def partner(self, code: str, english: str) -> str:
        """A trade partner by its ISO 3166 alpha-3 code: our own name where the dashboard has one, else the CLDR
        territory name in this language (Babel), else Comtrade's English name (e.g. "Other Asia, nes")."""
        if code in COUNTRY_NAMES:
            return self.country(code)
        if self.lang == SOURCE:
            return english
        return _territory(self.lang, code) or english

    def commodity(self, code: str) -> str:
        """A traded fuel by its HS code, as a legend names it ('LNG')."""
        return self.pt("commodity", COMMODITY_NAMES.get(code, code))

    def group(self, key: str) -> str:
        """A country group's name, by its key in catalog.countries.GROUPS."""
        return self.pt("group", GROUP_NAMES.get(key, key))

    def compare_option(self, item: str) -> str:
        """An option of "compare with": a group's name, else a country's."""
        return self.group(item) if item in GROUP_NAMES else self.country(item)

    def topic(self, key: str) -> str:
        return self.pt("topic", TOPICS.get(key, key))

    def unit(self, text: str | None) -> str:
        return self.pt("unit", text) if text else (text or "")

    def series_title(self, sid: str, title: str | None) -> str:
        context = f"series:{sid}"
        return self.pt(context, title) if title else sid

    def fuel_name(self, fuel) -> str:
        """A fuel in a sentence ('dry natural gas')."""
        return self.pt("fuel", fuel.name)

    def fuel_label(self, fuel) -> str:
        """A fuel on a picker or a legend ('Dry natural gas')."""
        return self.pt("fuel label", fuel.label)

    def entry(self, sid: str, record: dict) -> dict:
        """A manifest entry with its title and unit in this language (the English one is the entry itself)."""
        if self.lang == SOURCE:
            return record
        return {**record, "title": self.series_title(sid, record.get("title")), "unit": self.unit(record.get("unit"))}

    def num(self, value: float, spec: str = ",.1f") -> str:
        """`format(value, spec)` written this language's way; spec is one of [+][,][.N]f or d."""
        if self.lang == SOURCE:
            return format(value, spec)
        match = _SPEC.match(spec)
        if not match:
            raise ValueError(f"unsupported number format {spec!r}")
        digits = int(match["digits"] or 0)
        pattern = ("#,##0" if match["group"] else "0") + ("." + "0" * digits if digits else "")
        try:
            text = format_decimal(value, format=pattern, locale=self.lang, group_separator=bool(match["group"]))
        except (ArithmeticError, ValueError):  # decimal.InvalidOperation past Babel's precision (9e28), inf, nan
            return format(value, spec.replace(",", ""))  # a figure no table of ours holds: shown, never a crash
        if match["plus"] and value >= 0:
            text = "+" + text
        return text

    def pct(self, value: float, spec: str = ".1f") -> str:
        """A percentage: '86.9%' in English and Korean, '86,9 %' in Russian (CLDR's percent pattern)."""
        return self.num(value, spec) + ("\u00a0%" if self.lang == "ru" else "%")

    def compact(self, value: float) -> str:
        """A figure as a reader says it: 51.7 mn / 51,7 млн / 5,170만; 0.0000646 never as an exponent."""
        if not math.isfinite(value):  # no table of ours holds one; shown as it is rather than crash a page
            return format(value)
        size = abs(value)
        for threshold, word in _COMPACT[self.lang]:
            if size >= threshold:
                scaled = value / threshold
                if self.lang == SOURCE:
                    return f"{scaled:.3g}{word}"
                digits = max(0, 2 - math.floor(math.log10(abs(scaled)))) if scaled else 0
                return self.trim(self.num(round(scaled, digits), f",.{digits}f")) + word
        if size >= 1000:
            return self.num(value, ",.0f")
        if size == 0:
            return "0"
        digits = max(0, 2 - math.floor(math.log10(size)))
        return self.trim(self.num(value, f".{digits}f")) if digits else self.num(value, ",.0f")

    def trim(self, text: str) -> str:
        """'1,80' -> '1,8', '25.0' -> '25': no trailing zeros after the decimal sign."""
        sign = "," if self.lang == "ru" else "."
        if sign in text:
            text = text.rstrip("0").rstrip(sign)
        return text

    def year(self, value: int) -> str:
        """A year as a label: '2023', '2023년', '2023 г.'."""
        return self.pt("year", "{year}", year=value)

    def vega_locale(self) -> dict | None:
        """Vega's number locale (d3-format) for chart axes, labels and tooltips; None for English (Vega's default)."""
        if self.lang == SOURCE:
            return None
        symbols = Locale.parse(self.lang).number_symbols["latn"]
        return {
            "number": {
                "decimal": symbols["decimal"],
                "thousands": symbols["group"],
                "grouping": [3],
                "currency": ["", "\u00a0$"] if self.lang == "ru" else ["$", ""],
                "percent": "\u00a0%" if self.lang == "ru" else "%",
            }
        }


@lru_cache(maxsize=4096)
def _territory(lang: str, alpha3: str) -> str | None:
    """CLDR's name of a territory by its alpha-3 code (Babel maps it to alpha-2), None where CLDR has none."""
    alpha2 = (get_global("territory_aliases").get(alpha3) or [None])[0]
    return Locale.parse(lang).territories.get(alpha2) if alpha2 else None


@lru_cache(maxsize=len(LANGS))
def translator(lang: str) -> Translator:
    """The translator of `lang` (English for a language the dashboard does not speak)."""
    return Translator(lang if lang in LANGS else SOURCE)


ENGLISH = translator(SOURCE)
