"""Screenshots of the app for the README and docs/ (`make screenshot`): light, dark and phone views of pages.

`python -m tools.screenshot [--out docs] [--page PATH ...] [--view light|dark|phone ...]`, from the project root.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from testkit.harness import chromium, streamlit_server, wait_until_drawn

VIEWS = {  # name: (viewport, theme); the app scrolls inside, so the viewport is made tall enough
    "light": ({"width": 1280, "height": 2600}, "light"),
    "dark": ({"width": 1280, "height": 2600}, "dark"),
    "phone": ({"width": 390, "height": 3200}, "light"),
}


def _lang(path: str) -> str:
    """'-ko' for a page opened with ?lang=ko (so each language's screenshot has its own name), else ''."""
    query = path.partition("?")[2]
    langs = [v for k, _, v in (p.partition("=") for p in query.split("&")) if k == "lang"]
    return f"-{langs[0]}" if langs else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs"), help="folder for <page>-<view>.png")
    parser.add_argument("--page", action="append", help="page path after the host ('' is the Overview)")
    parser.add_argument("--view", action="append", choices=list(VIEWS))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    pages, views = args.page or [""], args.view or list(VIEWS)
    with chromium() as browser:
        for theme in dict.fromkeys(VIEWS[v][1] for v in views):
            with streamlit_server(options={"theme.base": theme}) as url:
                for view in (v for v in views if VIEWS[v][1] == theme):
                    for path in pages:
                        page = browser.new_context(viewport=VIEWS[view][0]).new_page()
                        page.goto(f"{url}/{path}")
                        charts = wait_until_drawn(page)
                        name = f"{(path.split('?')[0] or 'overview')}{_lang(path)}-{view}.png"
                        page.screenshot(path=str(args.out / name), full_page=True)
                        page.context.close()
                        print(f"{args.out / name}: {charts} charts drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
