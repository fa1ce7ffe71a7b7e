"""Benchmarks and the tools they share with the end-to-end tests (a real server, a real browser)."""
