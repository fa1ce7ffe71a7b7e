"""How every chart looks: the country palette, the Altair theme, sizing, and the source line under a title."""

from __future__ import annotations

import re
from collections.abc import Sequence

import altair as alt

from cache.schema import GROUPS
from dashboard import i18n
from dashboard.i18n import N_, t

# Okabe–Ito for Korea and the five, a colour-blind-safe palette; Korea keeps vermillion everywhere, and a fixed
# domain means a country's colour never shifts with the selection. No black or yellow: they vanish on dark or
# light themes. Fifteen colours cannot all be told apart by every eye, so each group also has its own dash
# (GROUP_DASHES) and a hue family from Paul Tol's colour-blind-safe schemes: the peers in wine and rose beside
# Korea's vermillion, the other suppliers in indigo, teal and olive, the world in dark grey.
COUNTRY_COLORS = {
    "KOR": "#D55E00",
    "KAZ": "#0072B2",
    "UZB": "#009E73",
    "TKM": "#E69F00",
    "KGZ": "#CC79A7",
    "TJK": "#56B4E9",
    "CA5": "#999999",
    "JPN": "#882255",
    "TWN": "#CC6677",
    "CHN": "#AA4499",
    "RUS": "#332288",
    "QAT": "#44AA99",
    "AUS": "#999933",
    "USA": "#6699CC",
    "SAU": "#117733",
    "WLD": "#666666",
}
# A line's dash by group: Korea and the five solid, the peers dashed, the suppliers dotted, the world dash-dot.
GROUP_DASHES = {"korea": [1, 0], "central_asia": [1, 0], "peers": [6, 3], "suppliers": [2, 2], "world": [8, 3, 2, 3]}
# Heights are the plot's own: titles, legends and labels are added around it. Without this Streamlit fits the
# whole chart into the height, and a tall legend or a long annotation squeezes the plot to a sliver.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
SOURCE_NAMES = {
    "worldbank": N_("World Bank, World Development Indicators"),
    "eia": N_("U.S. Energy Information Administration, International Energy Statistics"),
    "derived": N_("derived from U.S. EIA International Energy Statistics"),
}


@alt.theme.register("kca", enable=True)
def kca_theme() -> alt.theme.ThemeConfig:
    """One theme for every chart, so builders do not repeat styling."""
    return alt.theme.ThemeConfig(
        {
            "config": {
                "title": {"anchor": "start", "fontSize": 15, "subtitleFontSize": 11, "subtitleColor": "#888888"},
                "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridOpacity": 0.4},
                "legend": {
                    "orient": "bottom",
                    "labelFontSize": 11,
                    "titleFontSize": 11,
                    "columns": 3,
                    "labelLimit": 360,
                },
                "view": {"stroke": None},
                # Mid grey reads on Streamlit's light and dark backgrounds alike; Vega's default black does not.
                "text": {"color": "#888888"},
            }
        }
    )


def source_line(entry: dict) -> str:
    """'Source: <producer> (<code>) · data to <year> · <release>' from a manifest entry.

    The release is the manifest's `vintage` (the source's own date where it states one, else what is
    known); older manifests without it fall back to the source's last-updated date.
    """
    source = entry.get("source", "")
    # A derived series' code is its formula: name the series instead, so that lines of several differ.
    what = entry.get("title") if source == "derived" else entry.get("code")
    name = t(SOURCE_NAMES[source]) if source in SOURCE_NAMES else source
    parts = [t("Source: {name} ({what})", name=name, what=what)]
    if entry.get("last_year"):
        parts.append(t("data to {year}", year=entry["last_year"]))
    if entry.get("vintage"):
        # The release note is the data pack's own record (commits, file names, dates), quoted as it stands.
        parts.append(t("release: {note}", note=entry["vintage"]))
    elif entry.get("last_updated"):
        parts.append(t("source updated {date}", date=entry["last_updated"]))
    return " · ".join(parts)


# What turns text into something else in Streamlit markdown: links and remote images (`[..](..)`, `![..](..)`),
# colour and badge directives (`:red[..]`), code, LaTeX (`$..$`) and strikethrough. Escaped, they are characters.
_MARKDOWN = re.compile(r"([\\`\[\]$~])")


def plain(text: object) -> str:
    """Stored text (a manifest's release note, a source's name, an API's message) as literal text inside
    Streamlit markdown, so that `:red[...]`, a link or a remote image in a damaged or tampered manifest shows as
    the characters it is; line breaks fold to spaces."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def is_source_line(line: str) -> bool:
    """Whether a subtitle line is a source line (what the page shows as text under the chart)."""
    return line.startswith(t("Source: {name} ({what})").split("{name}")[0])


def country_scale(countries: Sequence[str] = tuple(COUNTRY_COLORS)) -> alt.Scale:
    keys = [c for c in COUNTRY_COLORS if c in countries] or list(COUNTRY_COLORS)
    return alt.Scale(domain=[i18n.country(c) for c in keys], range=[COUNTRY_COLORS[c] for c in keys])


def group_of(country: str) -> str:
    """The group a country code belongs to (CA5, the five combined, counts with Central Asia)."""
    found = next((name for name, members in GROUPS.items() if country in members), None)
    return found or "central_asia"


def needs_dashes(countries: Sequence[str]) -> bool:
    """Dashes tell groups apart once a country from outside Korea and the five is drawn."""
    return any(group_of(c) not in ("korea", "central_asia") for c in countries)


def country_dashes(countries: Sequence[str]) -> alt.Scale:
    """Each drawn country's dash, by its group, on the same domain as country_scale (one legend shows both)."""
    keys = [c for c in COUNTRY_COLORS if c in countries] or list(COUNTRY_COLORS)
    return alt.Scale(domain=[i18n.country(c) for c in keys], range=[GROUP_DASHES[group_of(c)] for c in keys])
