"""The live preview (``nox -s serve``) survives mistakes: a broken .bib or a bad date shows
its error and the site keeps being served; the fix is picked up. A real sphinx-autobuild on
127.0.0.1, bounded in time and stopped by its process group."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOTS

pytest.importorskip("sphinx_autobuild")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    pytest.fail(f"after {seconds:.0f} s: {what}")


def test_live_preview_survives_a_broken_bib(tmp_path: Path) -> None:
    src = tmp_path / "cv"
    shutil.copytree(ROOTS / "test-publications", src)
    log = tmp_path / "serve.log"
    port = free_port()
    url = f"http://127.0.0.1:{port}/index.html"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            return ""

    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "sphinx_autobuild", str(src), str(tmp_path / "out"),
             "--host", "127.0.0.1", "--port", str(port), "-q"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        wait_for(lambda: "Fast Things" in page(), 120, "the first build is served")
        bib = src / "refs.bib"
        good = bib.read_text()
        bib.write_text(good + "\n@misc{broken,\n  title = {Never closed,\n")
        shown = f"{bib}:{good.count(chr(10)) + 2}: ERROR: this entry is not closed"
        wait_for(lambda: shown in log.read_text(), 90, "the error is shown, at its line")
        assert "<html" in page(), "the site is still served"
        assert server.poll() is None, "the preview keeps running"
        bib.write_text(good.replace("Fast Things", "Faster Things"))
        wait_for(lambda: "Faster Things" in page(), 90, "the fix is picked up")
        other = src / "other.md"
        other.write_text(other.read_text().replace(":start: 2020", ":start: 2020-13"))
        wait_for(lambda: "'2020-13' is not a date" in log.read_text(), 90, "a bad date is shown")
        assert server.poll() is None, "the preview keeps running"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
