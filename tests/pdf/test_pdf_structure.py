"""The PDF follows the document structure, not where the toctree stands on the root page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, sphinx_build

HEAD = "# Jane Doe\n\nEngineer.\n\n## Summary\n\nI build things.\n"
TOCTREE = "```{toctree}\n{hidden}\njobs\nschool\n```\n"
SELECTED = "## Selected publications\n\nNone yet.\n"

PLACEMENTS = {
    "top": "# Jane Doe\n\n"
    + TOCTREE
    + "\nEngineer.\n\n## Summary\n\nI build things.\n\n"
    + SELECTED,
    "end, under a heading": HEAD + "\n" + SELECTED + "\n" + TOCTREE,
    "end, hidden": HEAD + "\n" + SELECTED + "\n" + TOCTREE.replace("{hidden}", ":hidden:"),
    "middle": HEAD + "\n" + TOCTREE + "\n" + SELECTED,
}


@pytest.mark.parametrize("where", list(PLACEMENTS))
def test_every_listed_page_is_a_section_wherever_the_toctree_stands(
    tmp_path: Path, where: str
) -> None:
    src = tmp_path / "cv"
    shutil.copytree(ROOTS / "test-pages", src)
    (src / "index.md").write_text(PLACEMENTS[where].replace("{hidden}", ""))
    out, doctrees = src / "_build" / "pdf", tmp_path / "doctrees"
    status, err = sphinx_build(src, "-d", str(doctrees), builder="cvpdf", out=out)
    assert (status, err) == (0, "")
    page = BeautifulSoup((doctrees / "cvpdf-html" / "index.html").read_text(), "html.parser")
    headings = [(h.name, " ".join(h.get_text().split()).rstrip("#¶").strip())
                for h in page.select("h1, h2")]  # fmt: skip
    jobs = BeautifulSoup((src / "jobs.md").read_text(), "html.parser").get_text().split("\n")[0]
    school = (src / "school.md").read_text().split("\n")[0]
    assert headings == [
        ("h1", "Jane Doe"),
        ("h2", "Summary"),
        ("h2", "Selected publications"),
        ("h2", jobs.lstrip("# ").strip()),
        ("h2", school.lstrip("# ").strip()),
    ]
