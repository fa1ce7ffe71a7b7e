"""The close-up screenshots in docs/ that show what a reader sees (`make docs-shots`): the gas coverage chart with its
outlying years marked, a line that breaks where a year has no figure, a Korean headline figure with a fall, a
chart's PNG download in Korean, and the Trade page's origins chart.

`python -m tools.docs_shots [--out docs]`, from the project root.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from testkit.harness import CHART, DESKTOP, chromium, streamlit_server, wait_until_drawn

# (file, page and query, what to photograph: the n-th chart, or the n-th headline figure)
SHOTS = (
    ("coverage-gas.png", "supply?fuel=gas", CHART, 1),
    ("line-gap-oil.png", "supply?fuel=petroleum&years=2010-2024", CHART, 0),
    ("badge-fall-ko.png", "?lang=ko", '[data-testid="stMetric"]', 0),
    ("trade-lng-origins.png", "trade", CHART, 0),
)
DOWNLOAD = ("download-ko.png", "dependence?lang=ko", "표, 내려받기, 인용")  # the first chart's PNG, as a reader gets it


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs"), help="folder for the screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with chromium() as browser, streamlit_server() as url:
        for name, path, selector, index in SHOTS:
            page = browser.new_context(viewport=DESKTOP, device_scale_factor=2).new_page()
            page.goto(f"{url}/{path}")
            wait_until_drawn(page)
            target = page.locator(selector).nth(index)
            target.scroll_into_view_if_needed()
            target.screenshot(path=str(args.out / name))
            page.context.close()
            print(args.out / name)
        name, path, label = DOWNLOAD
        page = browser.new_context(viewport=DESKTOP, accept_downloads=True).new_page()
        page.goto(f"{url}/{path}")
        wait_until_drawn(page)
        expander = page.locator('[data-testid="stExpander"]').filter(has_text=label).first
        expander.get_by_text(label).click()
        with page.expect_download(timeout=30000) as download:
            expander.get_by_role("button", name="PNG", exact=True).click()
        download.value.save_as(str(args.out / name))
        page.context.close()
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
