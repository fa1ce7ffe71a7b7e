"""What a visitor reads on a page rendered under AppTest: text elements, widget labels and options, metrics, tables,
and every chart's titles, axis and legend titles, tooltips, labels and accessible description."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pyarrow as pa

# Words that stay as they are in every language: codes, source names and acronyms, units and symbols.
ALLOWED = {
    "Btu",
    "kWh",
    "kW",
    "kg",
    "CO2",
    "CO2e",
    "PM2",
    "NGPL",
    "LNG",
    "GDP",
    "CSV",
    "SVG",
    "PNG",
    "PDF",
    "ID",
    "EIA",
    "WDI",
    "IEA",
    "CDIAC",
    "EDGAR",
    "LULUCF",
    "SITC",
    "CC",
    "BY",
    "U.S.",
    "U.S",
    "US",
    "µg",
    "World",
    "Bank",
    "Development",
    "Indicators",
    "Energy",
    "Information",
    "Administration",
    "International",
    "Statistics",
    "Source",
    "U",
    "S",  # the sources' own credit lines, quoted as their licences ask
    "UN",
    "Comtrade",
    "Database",
    "United",
    "Nations",
    "Division",  # UN Comtrade's credit line, quoted as its terms ask
    "HS",  # the Harmonized System's codes (HS 271121), named so in every language
    "HHI",  # the Herfindahl–Hirschman index, known by its initials
    "English",  # the language picker names each language in its own words
}
# Codes: Streamlit's markdown directives (:gray[, :green-badge[), WDI indicators (EG.IMP.CONS.ZS), EIA ids
# (33-7-MK), ISO codes, file names, URLs, paths.
CODE = re.compile(
    r":[a-z]+(?:-badge)?\[|https?://\S+|\[[^\]]*\]\([^)]*\)|\.\./\S+|\b[\w.-]+\.(?:json|md|csv|py)(?![A-Za-z])|\b[A-Z]{2,}(?:\.[A-Z0-9]+)+\b"
    r"|\b\d+-\d+-[A-Z]+\b|\b[A-Z]{3}\b|\b[a-z]+_[a-z_]+\b|\b[0-9a-f]{7,}\b"
)
WORD = re.compile(r"[A-Za-z][A-Za-z.]*[A-Za-z]|[A-Za-z]")


def english_words(text: str, allowed: set[str] = ALLOWED) -> list[str]:
    """ASCII words left in a text once codes, URLs and allowed words are set aside."""
    text = CODE.sub(" ", text)
    return [w for w in WORD.findall(text) if w not in allowed and w.strip(".") not in allowed]


def _chart_texts(spec: dict) -> Iterator[tuple[str, str]]:
    title = spec.get("title")
    if isinstance(title, dict):
        yield "chart title", str(title.get("text", ""))
        for line in title.get("subtitle", []) or []:
            yield "chart subtitle", line
    elif title:
        yield "chart title", str(title)
    if spec.get("description"):
        yield "chart description", spec["description"]

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title",) and isinstance(value, str):
                    yield "axis/legend/tooltip title", value
                elif key == "text" and isinstance(value, str) and "value" not in node:
                    yield "mark text", value
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    for key in ("layer", "encoding", "mark"):
        yield from walk(spec.get(key, {}))
    for layer in spec.get("layer", []):
        for value in (layer.get("data") or {}).get("values") or []:
            for field in ("label", "short"):
                if field in value:
                    yield "annotation", str(value[field])


def texts(at) -> Iterator[tuple[str, str]]:
    """(where, text) for everything visible on the page and in the sidebar."""
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        for element in getattr(at, kind):
            yield kind, str(element.value)
    for metric in at.metric:
        yield "metric", f"{metric.label} {metric.value} {metric.proto.delta} {metric.proto.help}"
    for kind in ("selectbox", "radio", "multiselect"):
        for widget in getattr(at, kind):
            yield kind, widget.label
            yield kind, " · ".join(widget.proto.options if hasattr(widget.proto, "options") else [])
            if getattr(widget.proto, "placeholder", ""):
                yield kind + " placeholder", widget.proto.placeholder
    for kind in ("slider", "toggle"):
        for widget in getattr(at, kind):
            yield kind, widget.label
            if widget.proto.help:
                yield kind + " help", widget.proto.help
    for group in at.button_group:
        if group.key == "w_lang":
            continue  # the language picker: each language named in its own words
        yield "button group", group.label
        yield "button group", " · ".join(o.content for o in group.proto.options)
    for expander in at.get("expander"):
        yield "expander", expander.label
    for button in at.get("download_button"):
        yield "download", f"{button.proto.label}"
    for frame in at.dataframe:
        yield "table header", " · ".join(str(c) for c in frame.value.columns)
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        yield from _chart_texts(spec)
        for dataset in chart.proto.datasets:
            rows = pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
            for column in ("name", "unit", "label", "short"):
                if column in rows:
                    for value in rows[column].dropna().unique():
                        yield f"chart data {column}", str(value)
    for page in at.get("page_link") if hasattr(at, "get") else []:
        yield "page link", str(getattr(page, "label", ""))
