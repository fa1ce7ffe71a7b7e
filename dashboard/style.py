"""How every chart looks: the country palette, the Altair theme, sizing, and the source line under a title."""

from __future__ import annotations

import re
from collections.abc import Sequence

import altair as alt

from catalog import countries, fuels
from catalog.countries import GROUPS
from catalog.schema import DERIVED, EIA, WORLDBANK
from catalog.trade import COMTRADE
from dashboard.i18n import N_, Translator

# Okabe–Ito for Korea and the five, a colour-blind-safe palette; Korea keeps vermillion everywhere, and a fixed
# domain means a country's colour never shifts with the selection. No black or yellow: they vanish on dark or
# light themes. Fifteen colours cannot all be told apart by every eye, so each group also has its own dash
# (GROUP_DASHES) and a hue family from Paul Tol's colour-blind-safe schemes: the peers in wine and rose beside
# Korea's vermillion, the other suppliers in indigo, teal and olive, the world in dark grey.
VERMILLION, BLUE, GREEN, ORANGE, REDDISH_PURPLE, SKY_BLUE, GREY = (
    "#D55E00",
    "#0072B2",
    "#009E73",
    "#E69F00",
    "#CC79A7",
    "#56B4E9",
    "#999999",
)
COUNTRY_COLORS = {
    countries.KOREA: VERMILLION,
    countries.KAZAKHSTAN: BLUE,
    countries.UZBEKISTAN: GREEN,
    countries.TURKMENISTAN: ORANGE,
    countries.KYRGYZSTAN: REDDISH_PURPLE,
    countries.TAJIKISTAN: SKY_BLUE,
    countries.CENTRAL_ASIA_COMBINED: GREY,
    countries.JAPAN: "#882255",
    countries.TAIWAN: "#CC6677",
    countries.CHINA: "#AA4499",
    countries.RUSSIA: "#332288",
    countries.QATAR: "#44AA99",
    countries.AUSTRALIA: "#999933",
    countries.UNITED_STATES: "#6699CC",
    countries.SAUDI_ARABIA: "#117733",
    countries.WORLD: "#666666",
}
# Text and marks that must read on light and dark themes alike.
MID_GREY = "#888888"
# Trade partners the dashboard draws nowhere else, in order of size (Paul Tol's "light" scheme, colour-blind safe),
# and what a chart sums: "other partners", and the part of a World row no partner accounts for.
TRADE_PARTNERS = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33")
LIGHT_GREY, PALE_GREY = "#BBBBBB", "#DDDDDD"
# Routes of the five states' exports, one colour each (Paul Tol's "bright" and "vibrant" schemes, none of them a
# country's colour elsewhere on the dashboard).
ROUTES = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#EE7733", "#0077BB", "#009988", "#CC3311")
# The two measures of Korea's dependence (layout.TWO_MEASURES_LABELS, in order): colour and dash, so the lines
# tell apart without colour too.
TWO_MEASURES = ((VERMILLION, [1, 0]), (BLUE, [6, 3]))
# Korea's dependence by fuel (layout.BY_FUEL): colour and dash.
BY_FUEL = {
    fuels.PETROLEUM.id: (BLUE, [1, 0]),
    fuels.GAS.id: (ORANGE, [6, 3]),
    fuels.COAL.id: (GREY, [2, 2]),
    fuels.FOSSIL.id: (VERMILLION, [8, 2, 2, 2]),
}
# A line's dash by group: Korea and the five solid, the peers dashed, the suppliers dotted, the world dash-dot.
GROUP_DASHES = {
    countries.KOREA_GROUP: [1, 0],
    countries.CENTRAL_ASIA_GROUP: [1, 0],
    countries.PEERS_GROUP: [6, 3],
    countries.SUPPLIERS_GROUP: [2, 2],
    countries.WORLD_GROUP: [8, 3, 2, 3],
}
# A legend beside dashed lines shows each line's own stroke, solid or dashed: a dash applied to the default circle
# drew a ragged outline, and a solid line read as dashed.
LINE_LEGEND = {"symbolType": "stroke", "symbolStrokeWidth": 2.5, "symbolSize": 320}
# Heights are the plot's own: titles, legends and labels are added around it. Without this Streamlit fits the
# whole chart into the height, and a tall legend or a long annotation squeezes the plot to a sliver.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")
SOURCE_NAMES = {
    WORLDBANK: N_("World Bank, World Development Indicators"),
    EIA: N_("U.S. Energy Information Administration, International Energy Statistics"),
    DERIVED: N_("derived from U.S. EIA International Energy Statistics"),
    COMTRADE: N_("UN Comtrade Database, United Nations Statistics Division"),
}


@alt.theme.register("kca", enable=True)
def kca_theme() -> alt.theme.ThemeConfig:
    """One theme for every chart, so builders do not repeat styling."""
    return alt.theme.ThemeConfig(
        {
            "config": {
                "title": {"anchor": "start", "fontSize": 15, "subtitleFontSize": 11, "subtitleColor": MID_GREY},
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
                "text": {"color": MID_GREY},
            }
        }
    )


def source_line(tr: Translator, entry: dict) -> str:
    """'Source: <publisher> (<code>) · data to <year> · released <date> · retrieved <date>' from a manifest entry,
    in the reader's words: the build details (the offline pack's release notes) are on the Data and sources page.

    `released` is the date the source released the figures, where it states one (the World Bank's last update, the
    pack's record of an export); `retrieved` is when we read them (UN Comtrade states no release of its own).
    """
    source = entry.get("source", "")
    # A derived series' code is its formula: name the series instead, so that lines of several differ.
    what = entry.get("title") if source == DERIVED else entry.get("code")
    name = tr.t(SOURCE_NAMES[source]) if source in SOURCE_NAMES else source
    parts = [tr.t("Source: {name} ({what})", name=name, what=what)]
    if entry.get("last_year"):
        parts.append(tr.t("data to {year}", year=entry["last_year"]))
    if entry.get("released") or entry.get("last_updated"):
        parts.append(tr.t("released {date}", date=entry.get("released") or entry["last_updated"]))
    retrieved = entry.get("retrieved") or str(entry.get("fetched_at") or "")[:10]
    if retrieved:
        parts.append(tr.t("retrieved {date}", date=retrieved))
    return " · ".join(parts)


# What turns text into something else in Streamlit markdown: links and remote images (`[..](..)`, `![..](..)`),
# colour and badge directives (`:red[..]`), code, LaTeX (`$..$`) and strikethrough. Escaped, they are characters.
_MARKDOWN = re.compile(r"([\\`\[\]$~])")


def plain(text: object) -> str:
    """Stored text (a manifest's release note, a source's name, an API's message) as literal text inside
    Streamlit markdown, so that `:red[...]`, a link or a remote image in a damaged or tampered manifest shows as
    the characters it is; line breaks fold to spaces."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def is_source_line(tr: Translator, line: str) -> bool:
    """Whether a subtitle line is a source line (what the page shows as text under the chart)."""
    return line.startswith(tr.t("Source: {name} ({what})").split("{name}")[0])


def country_scale(tr: Translator, drawn: Sequence[str] = tuple(COUNTRY_COLORS)) -> alt.Scale:
    keys = [c for c in COUNTRY_COLORS if c in drawn] or list(COUNTRY_COLORS)
    return alt.Scale(domain=[tr.country(c) for c in keys], range=[COUNTRY_COLORS[c] for c in keys])


def group_of(country: str) -> str:
    """The group a country code belongs to (CA5, the five combined, counts with Central Asia)."""
    found = next((name for name, members in GROUPS.items() if country in members), None)
    return found or countries.CENTRAL_ASIA_GROUP


def needs_dashes(drawn: Sequence[str]) -> bool:
    """Dashes tell groups apart once a country from outside Korea and the five is drawn."""
    return any(group_of(c) not in (countries.KOREA_GROUP, countries.CENTRAL_ASIA_GROUP) for c in drawn)


def country_dashes(tr: Translator, drawn: Sequence[str]) -> alt.Scale:
    """Each drawn country's dash, by its group, on the same domain as country_scale (one legend shows both)."""
    keys = [c for c in COUNTRY_COLORS if c in drawn] or list(COUNTRY_COLORS)
    return alt.Scale(domain=[tr.country(c) for c in keys], range=[GROUP_DASHES[group_of(c)] for c in keys])
