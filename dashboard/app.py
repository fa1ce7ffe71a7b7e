"""Entry point: `streamlit run dashboard/app.py`. Loads the cache, draws the shared controls, runs a page."""

import os
import sys
import time
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path; the packages live one level up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import controls, data, layout, render

started = time.perf_counter()  # after the imports, which a rerun finds loaded already

# Every string of this rerun is in this language, page titles included, so it is settled first; each page asks
# for the same translator at its own top.
tr = controls.translator()
st.set_page_config(page_title=tr.t("Korea–Central Asia Energy"), page_icon="⚡", layout="wide")

trade = data.offers_flows()  # once a rerun: the navigation, the sidebar's credit and the page tools follow it
PAGES = [
    st.Page("views/overview.py", title=tr.t("Overview"), url_path="home", default=True),
    # The default page lives at "/"; links to "/overview" (its own name) open it too, unlisted.
    st.Page("views/overview.py", title=tr.t("Overview"), url_path="overview", visibility="hidden"),
    st.Page("views/dependence.py", title=tr.t("Korea's import dependence"), url_path="dependence"),
    st.Page("views/resources.py", title=tr.t("Central Asia's resources"), url_path="resources"),
    st.Page("views/supply.py", title=tr.t("Supply and demand"), url_path="supply"),
    st.Page("views/cooperation.py", title=tr.t("Cooperation areas"), url_path="cooperation"),
    # Offered only where the deployment keeps UN Comtrade (COMTRADE=off leaves it out) and the cache holds flows.
    *([st.Page("views/trade.py", title=tr.t("Trade"), url_path="trade")] if trade else []),
    st.Page("views/sources.py", title=tr.t("Data and sources"), url_path="sources"),
    # One chart for another site's frame: reached by its link only (nginx lets other origins frame this path alone).
    st.Page("views/embed.py", title=tr.t("Korea–Central Asia Energy"), url_path="embed", visibility="hidden"),
]
# Inside another site's frame (Streamlit's embed=true) there is no navigation to show.
embedded = bool(st.context.is_embedded)
page = st.navigation(PAGES, position="hidden" if embedded else "sidebar")
loaded = data.load(tr)
chart_only = page.url_path == "embed"
# Each page's url_path is its view's name; the default page's is "".
st.session_state["_selection"] = controls.sidebar(
    loaded, tr, layout.SHARED_CONTROLS[page.url_path or "overview"], picker=not chart_only
)
if not chart_only:
    st.sidebar.caption(
        tr.t(
            "Data: World Bank WDI (CC BY 4.0), U.S. EIA (public domain) and UN Comtrade (UN terms of use). "
            "See Data and sources."
        )
        if trade
        else tr.t("Data: World Bank WDI (CC BY 4.0) and U.S. EIA (public domain). See Data and sources.")
    )
render.start_brief()
try:
    page.run()
finally:
    # After the page, whatever stopped it: its choices are in the link the citation quotes, its charts in the brief.
    if not chart_only:
        render.page_tools(tr, page.title, loaded.manifest, trade)
    # Opt-in, for benchmarks: the server's own time for this rerun, from the script's first line to its last.
    if os.environ.get("KCA_TIMING"):
        print(
            f"kca-rerun {page.url_path or 'overview'} {(time.perf_counter() - started) * 1000:.1f} ms", file=sys.stderr
        )
