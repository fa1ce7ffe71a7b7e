"""Fetch the cited World Bank and EIA series into the cache (`python -m fetchers --help`)."""
