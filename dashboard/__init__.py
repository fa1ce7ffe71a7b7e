"""The Streamlit app: reads the cache (cache/data/), never an API. Entry point: dashboard/app.py."""
