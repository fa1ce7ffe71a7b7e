"""One chart for another site's iframe: its title, legend and source line, and a link to the full view that opens
outside the frame. No navigation, no controls. `embed?embed=true&chart=NAME` (dashboard/embeds.py names them)."""

import streamlit as st

from dashboard import controls, data, embeds

tr = controls.translator()
loaded = data.load(tr)
sel = st.session_state["_selection"]
values = controls.view_values()

chosen = embeds.EMBEDS[str(values.get("chart", embeds.DEFAULT))]
chosen.draw(tr, loaded, sel, values)
full = controls.page_url(chosen.page, {k: v for k, v in values.items() if k != "chart"})
link = tr.t("Open the full view on the Korea–Central Asia Energy Dashboard")
st.markdown(f"[{link} ↗]({full})")  # Streamlit opens a link in a new tab: outside the frame
