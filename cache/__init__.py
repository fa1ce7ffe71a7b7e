"""The store between the fetchers and the dashboard: one tidy table plus a manifest (see cache/README.md)."""
