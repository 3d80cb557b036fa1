"""``nox -s screenshots``: every page of build/html in light, dark and mobile, as PNGs.

Writes ``build/screenshots/<page>-light.png``, ``-dark.png`` (1280 px wide) and
``-mobile.png`` (375 px), full page, for people to look at. Arguments, both optional:
the site's folder and the folder for the PNGs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from support import PAGES, browser, find_chromium, serve

REPO = Path(__file__).parent.parent.parent


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "build" / "html"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "build" / "screenshots"
    if not (site / "index.html").is_file():
        raise SystemExit("build the site first: nox -s build")
    executable = find_chromium()
    if executable is None:
        raise SystemExit("no Chromium found: install Debian's chromium (apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    modes = {"light": (1280, "light"), "dark": (1280, "dark"), "mobile": (375, "light")}
    with serve(site) as base, browser(executable) as chromium:
        for name, (width, scheme) in modes.items():
            context = chromium.new_context(  # type: ignore[attr-defined]
                viewport={"width": width, "height": 900},
                color_scheme=scheme,
                device_scale_factor=1,
            )
            page = context.new_page()
            for page_name in PAGES:
                page.goto(f"{base}{page_name}.html", wait_until="networkidle")
                target = out / f"{page_name}-{name}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target, file=sys.stderr)
            context.close()


if __name__ == "__main__":
    main()
