"""Serving a built site on localhost and driving Debian's Chromium with Playwright.

Shared by the browser tests and ``nox -s screenshots``. No browser is ever
downloaded: Playwright starts the system's Chromium (``CHROMIUM`` or
``chromium`` on PATH).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: Flags for a headless Chromium on a machine with no outside network.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

PAGES = ["index", "education", "experience", "publications", "skills", "certifications"]


def find_chromium() -> str | None:
    """The system Chromium's path, or None."""
    candidates = [os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(folder: Path, handler: Any = None) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) for the duration; yields the base URL.
    ``handler``: a request handler class of one's own (the benchmark's compresses)."""
    handler = handler or functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser(executable: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def first_visit(chromium: Any, url: str) -> dict[str, bytes]:
    """Every response a first-time visitor's browser receives for ``url`` (empty cache),
    by address."""
    context = chromium.new_context()
    page = context.new_page()
    bodies: dict[str, bytes] = {}

    def keep(response: Any) -> None:
        with contextlib.suppress(Exception):
            bodies[response.url] = response.body()

    page.on("response", keep)
    page.goto(url, wait_until="networkidle")
    context.close()
    return bodies


def compressed_size(bodies: dict[str, bytes]) -> int:
    """Bytes on the wire when the server compresses (gzip, level 6, as Read the Docs'
    servers do for text); images and fonts are counted as they are."""
    total = 0
    for address, body in bodies.items():
        binary = address.split("?")[0].endswith((".png", ".jpg", ".webp", ".woff", ".woff2"))
        total += len(body) if binary else len(gzip.compress(body, compresslevel=6, mtime=0))
    return total
