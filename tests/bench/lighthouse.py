"""Lighthouse 12 on every page of a built site, served compressed on 127.0.0.1.

The site is served the way Read the Docs serves it: text (HTML, CSS, JS, SVG, JSON)
gzip-compressed when the browser asks for it. Lighthouse (from the npm registry,
``tests/bench/lighthouse/``, pinned to 12.2.3: 13 needs Node 22) drives Debian's
Chromium (``CHROME_PATH``) with its default mobile profile: a mid-range phone on a
slow 4G network, simulated.
"""

from __future__ import annotations

import gzip
import json
import mimetypes
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
PACKAGE = HERE / "lighthouse"
LIGHTHOUSE = PACKAGE / "node_modules" / ".bin" / "lighthouse"
sys.path.insert(0, str(HERE.parent / "browser"))
from support import CHROMIUM_ARGS, PAGES, QuietHandler, find_chromium, serve  # noqa: E402

#: The issue's targets, on every page, on the mobile profile.
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
COMPRESSED = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "text/xml",
    "text/plain",
}


def _handler(folder: Path) -> type[QuietHandler]:
    class Compressing(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = folder / self.path.split("?")[0].split("#")[0].lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if not path.resolve().is_relative_to(folder.resolve()) or not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            self.send_response(200)
            self.send_header("Content-Type", kind + ("; charset=utf-8" if "text" in kind else ""))
            if kind in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=1200")
            self.end_headers()
            self.wfile.write(body)

    return Compressing


def install() -> str | None:
    """Lighthouse from the lock file (once); a reason when it cannot run."""
    if LIGHTHOUSE.is_file():
        return None
    if shutil.which("npm") is None:
        return "npm not found: Lighthouse is not installed"
    subprocess.run(
        ["npm", "ci", "--prefix", str(PACKAGE), "--no-audit", "--no-fund"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return None


def audit(url: str, chromium: str) -> dict[str, Any]:
    """Lighthouse's report (JSON) for one page."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        "--only-categories=" + ",".join(TARGETS),
        "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def shortfalls(report: dict[str, Any]) -> list[str]:
    """The audits that cost points, by category: what to fix."""
    found = []
    for key, category in report["categories"].items():
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                found.append(f"{key}: {ref['id']} ({result.get('displayValue', '')})")
    return found


def lighthouse_table(site: Path) -> tuple[str, bool]:
    """Lighthouse's four scores for each page, and whether every target is met."""
    chromium = find_chromium()
    reason = "no Chromium (apt-get install chromium)" if chromium is None else install()
    if reason:
        return f"(Lighthouse skipped: {reason})", False
    assert chromium is not None
    rows = [
        "| page (Lighthouse 12, mobile) | " + " | ".join(TARGETS) + " | first paint | LCP |",
        "|---|" + "---:|" * (len(TARGETS) + 2),
    ]
    met, notes = True, []
    with serve(site, _handler(site)) as base:
        for name in PAGES:
            report = audit(f"{base}{name}.html", chromium)
            scores = {k: round(report["categories"][k]["score"] * 100) for k in TARGETS}
            met &= all(scores[k] >= target for k, target in TARGETS.items())
            fcp = report["audits"]["first-contentful-paint"]["displayValue"]
            lcp = report["audits"]["largest-contentful-paint"]["displayValue"]
            cells = " | ".join(str(scores[k]) for k in TARGETS)
            rows.append(f"| {name} | {cells} | {fcp} | {lcp} |")
            notes += [f"{name}: {note}" for note in shortfalls(report)]
    targets = ", ".join(f"{k} ≥ {v}" for k, v in TARGETS.items())
    rows += ["", f"Targets ({targets}) on every page: {'met' if met else 'NOT met'}."]
    rows += [f"- {note}" for note in notes]
    return "\n".join(rows), met


if __name__ == "__main__":
    table, ok = lighthouse_table(Path(sys.argv[1]))
    print(table)
    sys.exit(0 if ok else 1)
