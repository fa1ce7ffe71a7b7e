"""Downloads of exactly what a chart draws: CSV (safe for spreadsheets), SVG and PNG (from the Vega-Lite spec)."""

from __future__ import annotations

import json
import math
import re
import unicodedata

import altair as alt
import pandas as pd
import vl_convert as vlc

from dashboard.i18n import N_, Translator

# OWASP CSV injection: a spreadsheet runs text cells starting with = + - @ (or tab, carriage return) as
# formulas. Spreadsheets skip leading spaces, and some read the full-width signs ＝ ＋ － ＠ as the ASCII
# ones: those count too, after any whitespace or zero-width characters, and so (to be safe) do the small
# forms ﹦ ﹢ ﹣ ﹫.
_FORMULA = re.compile(r"[\t\r]|[\s\u200b-\u200d\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]")
EXPORT_WIDTH = 800  # "container" widths mean nothing outside a page


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """Prefix formula-like text cells with a quote; numbers are left alone."""
    out = df.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            text = out[column].astype("string")
            risky = text.str.match(_FORMULA, na=False)
            out[column] = text.mask(risky, "'" + text)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a header, formula-like text neutralised."""
    # RFC 4180 line ends: with them the csv module quotes any cell holding a CR or LF, so a line break in a
    # cell (a bare CR above all) cannot start a row of its own that begins with a formula.
    return neutralise(df).to_csv(index=False, lineterminator="\r\n").encode()


# The page's sans-serif in a file: Noto Sans CJK (Source Han Sans) draws Hangul, and its Latin and Cyrillic are
# Source Sans, Streamlit's own font. Without a name, vl-convert falls back to a serif CJK face for Korean.
EXPORT_FONT = "Noto Sans CJK KR"
# Columns a subtitle line may take at the theme's 11 px before it wraps (a Hangul syllable takes two): the page
# shows source lines as wrapping text, and a file must not cut them at its right edge.
SUBTITLE_COLUMNS = 118


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrapped(line: str, columns: int = SUBTITLE_COLUMNS) -> list[str]:
    """A line cut at spaces into lines of at most `columns` (a word longer than that stays whole)."""
    lines: list[str] = []
    for word in line.split(" "):
        if lines and _width(lines[-1]) + 1 + _width(word) <= columns:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _for_file(spec: dict) -> dict:
    """The chart as a file shows it: a fixed width, every subtitle line whole, the page's font."""
    text = json.dumps(spec).replace('"width": "container"', f'"width": {EXPORT_WIDTH}')
    out = json.loads(text.replace('"height": "container"', '"height": 320'))
    title = out.get("title")
    if isinstance(title, dict) and title.get("subtitle"):
        subtitle = [title["subtitle"]] if isinstance(title["subtitle"], str) else title["subtitle"]
        out["title"] = {**title, "subtitle": [part for line in subtitle for part in wrapped(str(line))]}
    out["config"] = {**out.get("config", {}), "font": EXPORT_FONT}
    return out


def _spec(chart: alt.TopLevelMixin | dict) -> dict:
    return chart if isinstance(chart, dict) else chart.to_dict()


def chart_svg(chart: alt.TopLevelMixin | dict) -> bytes:
    """The chart (or its Vega-Lite spec) as SVG."""
    return vlc.vegalite_to_svg(_for_file(_spec(chart))).encode()


def chart_png(chart: alt.TopLevelMixin | dict, scale: float = 2) -> bytes:
    """The chart (or its Vega-Lite spec) as PNG."""
    return vlc.vegalite_to_png(_for_file(_spec(chart)), scale=scale)


def safe_filename(title: str) -> str:
    """A file name stem from a title: letters and digits of any script (a Korean title gives a Korean name),
    everything else one hyphen, so no path separators, dots or spaces."""
    stem = re.sub(r"[\W_]+", "-", title).strip("-").lower()
    return stem[:80] or "chart"


# The columns of a drawn table, as a reader sees them on the page and in the CSV (codes and numbers stay).
HEADERS = {
    "series": N_("series"),
    "country": N_("country"),
    "name": N_("name"),
    "year": N_("year"),
    "value": N_("value"),
    "unit": N_("unit"),
    "source": N_("source"),
    # The Trade page's (trade_rows): partners and reporters by ISO code beside their names.
    "partner": N_("partner"),
    "exporter": N_("exporter"),
    "destination": N_("destination"),
    "reporter": N_("reporter"),
    "report": N_("report"),
    "commodity": N_("HS code"),
    "weight_t": N_("weight, tonnes"),
    "value_usd": N_("value, US$"),
    "weight_basis": N_("weight from"),
}


# What only the code reads: series ids, country and partner codes, the source's key. A reader's table and CSV hold
# the names instead (the `name` column), with the figures.
CODES = ("series", "country", "source", "partner", "exporter", "destination", "reporter", "commodity", "report")
FIGURES = ("value", "weight_t", "value_usd")
NO_DATA = N_("no data")


def for_reader(df: pd.DataFrame) -> pd.DataFrame:
    """A chart's rows as a reader's table: names and figures, without the codes only the code reads."""
    return df.drop(columns=[c for c in CODES if c in df.columns])


def rounded(tr: Translator, value: float) -> str:
    """A figure as a table shows it: to four significant digits at most (whole numbers from 1,000 up), in the
    language's digits; "no data" for a year without a figure. The CSV keeps the full value."""
    if value is None or not math.isfinite(value):
        return tr.t(NO_DATA)
    size = abs(value)
    if size >= 1000:
        return tr.num(value, ",.0f")
    if size == 0:
        return tr.num(0, ".0f")
    digits = min(6, max(0, 3 - math.floor(math.log10(size))))
    return tr.trim(tr.num(value, f",.{digits}f"))


def shown(tr: Translator, df: pd.DataFrame) -> pd.DataFrame:
    """The reader's table with its figures rounded for display (see `rounded`)."""
    return df.assign(**{c: [rounded(tr, v) for v in df[c].astype(float)] for c in FIGURES if c in df.columns})


def headed(tr: Translator, df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its column headers in the current language; in English it is `df` itself."""
    return tr.headed(df, HEADERS)
