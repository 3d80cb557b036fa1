"""The cv domain: entries recorded per page, right after edits and in parallel builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx_cv.domain import cv_domain

ROOT = Path(__file__).parent / "roots" / "test-pages"


def recorded(app: SphinxTestApp) -> list[tuple[str, str, str, str]]:
    domain = cv_domain(app.env)
    return [(r.docname, r.entry.kind, r.entry.title, r.anchor) for r in domain.iter_entries()]


EXPECTED = [
    ("jobs", "experience", "Engineer", "experience-acme-engineer"),
    ("jobs", "experience", "Intern", "experience-acme-intern"),
    ("school", "education", "BSc", "education-uni-bsc"),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    return src


def test_entries_are_recorded(make_app: type[SphinxTestApp], project: Path) -> None:
    app = make_app("html", srcdir=project)
    app.build()
    assert recorded(app) == EXPECTED
    domain = cv_domain(app.env)
    assert [r.entry.title for r in domain.iter_entries("education")] == ["BSc"]
    assert [r.docname for r in domain.iter_entries("experience")] == ["jobs", "jobs"]
    html = (app.outdir / "jobs.html").read_text()
    assert 'id="experience-acme-engineer"' in html


def test_parallel_build_records_the_same(
    make_app: type[SphinxTestApp], project: Path, tmp_path: Path
) -> None:
    # Sphinx reads in parallel only beyond a handful of documents.
    extra = [f"more{i}" for i in range(8)]
    for name in extra:
        (project / f"{name}.md").write_text(
            f"# {name}\n\n```{{experience}} Role {name}\n:organization: Org\n:start: 2020\n```\n"
        )
    (project / "index.md").write_text("# CV\n\n```{toctree}\n:glob:\n\n*\n```\n")
    serial = make_app("html", srcdir=project, builddir=tmp_path / "serial")
    serial.build()
    parallel = make_app("html", srcdir=project, builddir=tmp_path / "parallel", parallel=2)
    parallel.build()
    assert parallel.parallel == 2
    assert len(recorded(parallel)) == len(EXPECTED) + len(extra)
    assert recorded(parallel) == recorded(serial)
    for name in ["jobs", *extra]:
        page = f"{name}.html"
        assert (tmp_path / "parallel/html" / page).read_bytes() == (
            tmp_path / "serial/html" / page
        ).read_bytes()


def test_incremental_edit_and_delete(make_app: type[SphinxTestApp], project: Path) -> None:
    app = make_app("html", srcdir=project)
    app.build()
    jobs = project / "jobs.md"
    jobs.write_text(jobs.read_text().replace("Intern\n", "Summer Intern\n"))
    (project / "school.md").unlink()
    (project / "index.md").write_text("# CV\n\n```{toctree}\njobs\n```\n")
    app2 = make_app("html", srcdir=project)
    app2.build()
    assert recorded(app2) == [
        ("jobs", "experience", "Engineer", "experience-acme-engineer"),
        ("jobs", "experience", "Summer Intern", "experience-acme-summer-intern"),
    ]
