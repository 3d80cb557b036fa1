"""Files served on demand (``_cv/``) after edits: the folder is what a clean build writes.

One source folder is edited step by step; after each step it is built incrementally into
two outputs (serially and with ``-j 2``, each with its own doctrees) and clean into a fresh
one, and every file of the outputs is compared, byte for byte.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SOURCE_DATE_EPOCH, sphinx_build
from sphinx_cv.publications.view import SiteFile
from test_builds import _search_index

Edit = Callable[[Path], None]


def replace(name: str, old: str, new: str) -> Edit:
    def edit(src: Path) -> None:
        path = src / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def append(name: str, text: str) -> Edit:
    def edit(src: Path) -> None:
        path = src / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    return edit


def steps(*edits: Edit) -> Edit:
    def edit(src: Path) -> None:
        for one in edits:
            one(src)

    return edit


def entry(key: str, title: str, abstract: str) -> str:
    return (
        f"\n@article{{{key},\n  title = {{{title}}},\n  author = {{Doe, Jane}},\n"
        f"  journal = {{J}},\n  year = {{2022}},\n  abstract = {{{abstract}}},\n}}\n"
    )


NEW_PAGE = "# New\n\n```{publications} new.bib\n```\n"

#: The edits, in order; each applies to the sources the previous ones left.
EDITS: list[tuple[str, Edit]] = [
    ("remove an abstract", replace("a.bib", "  abstract = {Alpha's abstract.},\n", "")),
    ("change an abstract", replace("a.bib", "Beta's abstract.", "Beta's new abstract.")),
    ("remove an entry", replace("a.bib", "@article{gamma,", "@comment{gamma,")),
    ("add an entry", append("a.bib", entry("delta", "Delta", "Delta's abstract."))),
    ("rename a key", replace("a.bib", "@article{beta,", "@article{beta2,")),
    ("same key, two .bib files", append("b.bib", entry("delta", "Other Delta", "Not a's."))),
    ("add a page that lists", steps(
        lambda src: (src / "new.bib").write_text(entry("nu", "Nu", "Nu's."), encoding="utf-8"),
        lambda src: (src / "new.md").write_text(NEW_PAGE, encoding="utf-8"),
        replace("index.md", "marked\n```", "marked\nnew\n```"),
    )),
    ("remove that page", steps(
        lambda src: (src / "new.md").unlink(),
        replace("index.md", "marked\nnew\n```", "marked\n```"),
    )),
    ("remove the other .bib's entries", lambda src: (src / "b.bib").write_text("")),
]  # fmt: skip


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (doctrees are kept elsewhere), by relative path; the
    search index without the words Sphinx's incremental indexer keeps for no page."""
    found = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    if "searchindex.js" in found:
        found["searchindex.js"] = _search_index(found["searchindex.js"])
    return found


def assert_same_tree(built: Path, clean: Path, step: str) -> None:
    got, want = tree(built), tree(clean)
    assert sorted(got) == sorted(want), step
    assert [name for name in want if got[name] != want[name]] == [], step


def build(src: Path, out: Path, *args: str) -> None:
    doctrees = out.parent / f"{out.name}.doctrees"
    status = sphinx_build(src, "-d", str(doctrees), *args, out=out, epoch=SOURCE_DATE_EPOCH)
    assert status == (0, "")


def linked(out: Path) -> dict[str, set[str]]:
    """Page → the files of ``_cv/`` it links."""
    found: dict[str, set[str]] = {}
    for page in out.glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        hrefs = {a["href"] for a in soup.select("a.cv-abstract, a.cv-bib")}
        found[page.stem] = {href.removeprefix("_cv/") for href in hrefs}
    return found


def test_every_edit_leaves_what_a_clean_build_writes(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent.parent / "roots" / "test-on-demand", src)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    build(src, serial)
    build(src, parallel, "-j", "2")
    assert_same_tree(parallel, serial, "first build")
    before = set(tree(serial / "_cv"))
    for step, (name, edit) in enumerate(EDITS):
        edit(src)
        build(src, serial)
        build(src, parallel, "-j", "2")
        clean = tmp_path / f"clean{step}"
        build(src, clean)
        assert_same_tree(serial, clean, name)
        assert_same_tree(parallel, clean, name)
        # The folder holds exactly the files the pages link.
        files = set(tree(clean / "_cv")) if (clean / "_cv").is_dir() else set()
        assert files == set().union(*linked(clean).values()), name
        assert files != before, f"{name}: the edit changed no file served on demand"
        before = files
    # The last edit left no listing with an abstract or BibTeX of b.bib: only a.bib's remain.
    assert all(not name.startswith("omega") for name in before)


def test_one_key_in_two_bib_files_gets_two_files(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent.parent / "roots" / "test-on-demand", src)
    append("b.bib", entry("alpha", "Other Alpha", "B's alpha."))(src)
    out = tmp_path / "out"
    build(src, out, "-j", "2")
    abstracts = {
        page: {(out / "_cv" / name).read_text(encoding="utf-8") for name in names
               if name.startswith("alpha-") and name.endswith(".abstract.txt")}
        for page, names in linked(out).items()
    }  # fmt: skip
    assert abstracts["index"] == {"Alpha's abstract.\n"}
    assert abstracts["other"] == {"B's alpha.\n"}
    assert abstracts["both"] == {"Alpha's abstract.\n", "B's alpha.\n"}


def test_files_sphinx_cv_did_not_write_stay(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent.parent / "roots" / "test-on-demand", src)
    out = tmp_path / "out"
    build(src, out)
    mine = out / "_cv" / "alpha-000000000000.abstract.txt"
    mine.write_text("mine\n", encoding="utf-8")
    (src / "a.bib").write_text("")
    (src / "b.bib").write_text("")
    build(src, out)
    assert [path.name for path in (out / "_cv").iterdir()] == [mine.name]
    mine.unlink()
    (src / "b.bib").write_text(entry("omega", "Omega", "Back."))
    build(src, out)
    assert {path.suffix for path in (out / "_cv").iterdir()} == {".txt", ".bib"}
    (src / "b.bib").write_text("")
    build(src, out)
    assert not (out / "_cv").exists()  # the folder it made goes when it empties


@pytest.mark.parametrize(
    "key", ["doe2020", "a/b:c", "../../etc/passwd", ".htaccess", "<script>", "ü" * 200, ""]
)
def test_file_names_are_safe_and_stable(key: str) -> None:
    name = SiteFile("bib", key, "BibTeX", "@misc{x}").name
    assert re.fullmatch(r"[A-Za-z0-9_-]{0,80}-[0-9a-f]{12}\.bib", name)
    assert name == SiteFile("bib", key, "other label", "@misc{x}").name
    assert name != SiteFile("bib", key, "BibTeX", "@misc{y}").name
    assert name != SiteFile("bib", key + "_", "BibTeX", "@misc{x}").name
