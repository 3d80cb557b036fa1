"""Parallel, incremental and repeated builds give the same bytes as a clean serial build."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOTS, build_cv, sphinx_build

Edit = Callable[[Path], None]


def _search_index(data: bytes) -> bytes:
    """Sphinx's incremental indexer keeps words that no page has any more, mapped to no
    page (``"note":[]``); a clean build drops them. Same search results: compare without."""
    text = re.sub(r'"[^"]*":\s*\[\],?\s*', "", data.decode())  # Sphinx 8.1 adds spaces
    return re.sub(r",\s*}", "}", text).encode()


def outputs(folder: Path) -> dict[str, bytes]:
    """The files a reader gets: pages, search index, inventory (not Sphinx's bookkeeping)."""
    found = {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".") and ".doctrees" not in p.parts
    }
    if "searchindex.js" in found:
        found["searchindex.js"] = _search_index(found["searchindex.js"])
    return found


def assert_same(built: Path, expected: Path) -> None:
    got, want = outputs(built), outputs(expected)
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name]] == []


def test_parallel_build_is_byte_identical(tmp_path: Path) -> None:
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-site", src)
    assert sphinx_build(src) == (0, "")
    serial = tmp_path / "serial"
    shutil.move(src / "_build", serial)
    assert sphinx_build(src, "-j", "2") == (0, "")
    assert_same(src / "_build", serial)
    assert_same(serial, src / "_build")


def _replace(name: str, old: str, new: str) -> Edit:
    def edit(src: Path) -> None:
        path = src / name
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))

    return edit


def _delete_page(src: Path) -> None:
    (src / "extra.md").unlink()
    _replace("index.md", "extra\n", "")(src)


NEW_ENTRY = "\n@article{new2022,\n  title = {New},\n  author = {Doe, Jane},\n  journal = {J},\n  year = {2022},\n}\n"  # noqa: E501

EDITS: dict[str, Edit] = {
    "edit an entry": _replace("jobs.md", "```{experience} Intern", "```{experience} Summer Intern"),
    "add a key": lambda src: (src / "refs.bib").write_text((src / "refs.bib").read_text() + NEW_ENTRY),  # noqa: E501
    "remove a key": _replace("refs.bib", "@misc{doe2018note,\n  title  = {A Note},\n  author = {Doe, Jane},\n  year   = {2018},\n}\n", ""),  # noqa: E501
    "rename a key": lambda src: (
        _replace("refs.bib", "doe2020fast", "doe2020faster")(src),
        _replace("jobs.md", "doe2020fast", "doe2020faster")(src),
    ),
    "delete a page": _delete_page,
}  # fmt: skip


@pytest.mark.parametrize("edit", list(EDITS.values()), ids=list(EDITS))
def test_incremental_build_equals_clean_build(tmp_path: Path, edit: Edit) -> None:
    incremental = tmp_path / "incremental"
    shutil.copytree(ROOTS / "test-site", incremental)
    assert sphinx_build(incremental) == (0, "")
    edit(incremental)
    assert sphinx_build(incremental) == (0, "")

    clean = tmp_path / "clean"
    shutil.copytree(incremental, clean, ignore=shutil.ignore_patterns("_build"))
    assert sphinx_build(clean) == (0, "")
    assert_same(incremental / "_build", clean / "_build")


def test_two_clean_builds_are_byte_identical(tmp_path: Path, cv_build: dict[str, Path]) -> None:
    """The flagship site and PDF, built again with the same SOURCE_DATE_EPOCH; and the PDF
    the site's run writes (cv_pdf_with_site) is the very PDF ``-b cvpdf`` writes alone."""
    again = tmp_path / "again"
    assert build_cv(again) == (0, "")
    first = {k: v for k, v in outputs(cv_build["html"]).items()}
    second = outputs(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []

    pdf_again = tmp_path / "pdf"
    assert build_cv(pdf_again, builder="cvpdf") == (0, "")
    assert (pdf_again / cv_build["pdf"].name).read_bytes() == cv_build["pdf"].read_bytes()
