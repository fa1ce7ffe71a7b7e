"""Baseline for bench/dashboard.py: the plain one-file Streamlit app people write first.

It reads the same table from CSV on every rerun (no cache), filters in the page and draws one Altair chart.
"""

import os

import altair as alt
import pandas as pd
import streamlit as st

st.title("GDP")
table = pd.read_csv(os.environ["BASELINE_CSV"])
series = table[table["series"] == "gdp_usd"]
first, last = int(series["year"].min()), int(series["year"].max())
years = st.slider("Years", first, last, (first, last))
countries = st.multiselect("Countries", sorted(series["country"].unique()), sorted(series["country"].unique()))
shown = series[series["country"].isin(countries) & series["year"].between(*years)]
st.altair_chart(alt.Chart(shown).mark_line(point=True).encode(x="year:O", y="value:Q", color="country:N"))
