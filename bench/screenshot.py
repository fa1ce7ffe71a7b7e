"""Save a screenshot of the Overview page (for the README): `make screenshot`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import chromium, streamlit_server, wait_until_drawn  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/overview.png"))
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as url, chromium() as browser:
        page = browser.new_context(viewport={"width": 1280, "height": 2000}).new_page()  # the app scrolls inside
        page.goto(url)
        charts = wait_until_drawn(page)
        page.screenshot(path=str(args.out), full_page=True)
    print(f"{args.out}: Overview with {charts} charts drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
