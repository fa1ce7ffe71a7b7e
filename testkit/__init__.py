"""What the tests and the benchmarks share: a real server, a real browser, nginx, the fake APIs, scripted servers."""
