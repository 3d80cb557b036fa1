"""Shared fixtures: Sphinx's testing fixtures and a builder for one-page projects."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def page_project(tmp_path: Path) -> Callable[..., Path]:
    """Copy ``roots/test-minimal`` to a fresh folder and write ``index.md`` into it."""

    def make(content: str, **files: str) -> Path:
        src = tmp_path / "src"
        shutil.copytree(ROOTS / "test-minimal", src)
        (src / "index.md").write_text(content, encoding="utf-8")
        for name, text in files.items():
            (src / name).write_text(text, encoding="utf-8")
        return src

    return make
