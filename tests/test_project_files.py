"""Files the site offers stay inside the project and are what they claim (issue 22, item 4).

:func:`sphinx_cv.projectfiles.project_file` on its own (links to files and folders
outside, ``..``, absolute paths, missing files, a text file named ``.pdf``, a file
named ``.png`` that is no image), then the three places that offer files, each
built once: the files .bib entries name (al-folio's layout), the photo, and
``cv_pdf_download``. Each refusal is a warning at the .bib line or at conf.py that
names the field and the file, and nothing of the refused file reaches the site.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, sphinx_build
from PIL import Image
from sphinx_cv.projectfiles import ANY, IMAGE, MISSING, OUTSIDE, PDF, kind_of, project_file

#: Bytes no file of a test project holds: found in the output, a private file leaked.
SECRET = b"%PDF-1.4\n% private: tax return 2024 \xe2\x80\x94 do not publish\n%%EOF\n"


def write_png(path: Path, colour: str = "red") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 8), colour).save(path, "PNG")
    return path


def write_jpeg(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (300, 400), "navy").save(path, "JPEG")
    return path


def all_bytes(folder: Path) -> bytes:
    """Every file under ``folder``, one after the other."""
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder beside the project: the user's private files."""
    folder = tmp_path_factory.mktemp("private")
    (folder / "secret.pdf").write_bytes(SECRET)
    write_jpeg(folder / "someone.jpg")
    return folder


# -- project_file ------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "papers").mkdir(parents=True)
    (root / "papers" / "a.pdf").write_bytes(b"%PDF-1.7\n...")
    write_png(root / "papers" / "fig.png")
    return root


def test_a_file_of_the_project_is_the_file_itself(project: Path) -> None:
    assert project_file("papers/a.pdf", project, [project], PDF) == project / "papers" / "a.pdf"
    assert project_file("fig.png", project / "papers", [project], IMAGE) == (
        project / "papers" / "fig.png"
    )
    # ".." that stays inside the project, and an absolute path into it.
    assert project_file("../papers/a.pdf", project / "papers", [project]) == (
        project / "papers" / "a.pdf"
    )
    assert project_file(project / "papers" / "a.pdf", "/", [project], PDF) == (
        project / "papers" / "a.pdf"
    )


def test_hidden_files_code_and_settings_are_never_offered(project: Path) -> None:
    """Inside the project but not for the site: a hidden file or folder (``.git/config``,
    ``.env``), and what is no document or media (conf.py, a page's source)."""
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[remote] url = https://token@host/x\n")
    (project / ".env").write_text("TOKEN=x\n")
    (project / "conf.py").write_text("extensions = []\n")
    (project / "slides.pptx").write_bytes(b"PK...")
    for name in (".git/config", ".env"):
        assert str(project_file(name, project, [project])).startswith("is hidden"), name
    assert str(project_file("conf.py", project, [project])).startswith("is no document")
    assert project_file("slides.pptx", project, [project]) == project / "slides.pptx"


def test_a_link_inside_the_project_to_a_file_of_it_is_followed(project: Path) -> None:
    (project / "paper.pdf").symlink_to(project / "papers" / "a.pdf")
    assert project_file("paper.pdf", project, [project], PDF) == project / "papers" / "a.pdf"


def test_a_project_reached_through_a_link_is_the_project(tmp_path: Path, project: Path) -> None:
    linked = tmp_path / "linked"
    linked.symlink_to(project)
    assert project_file("papers/a.pdf", linked, [linked], PDF) == project / "papers" / "a.pdf"


def _link_to_file(project: Path, outside: Path) -> str:
    (project / "x.pdf").symlink_to(outside / "secret.pdf")
    return "x.pdf"


def _link_to_passwd(project: Path, outside: Path) -> str:
    (project / "x.pdf").symlink_to("/etc/passwd")
    return "x.pdf"


def _link_to_folder(project: Path, outside: Path) -> str:
    (project / "papers" / "up").symlink_to(outside)
    return "papers/up/secret.pdf"


@pytest.mark.parametrize("make", [_link_to_file, _link_to_passwd, _link_to_folder])
def test_a_link_out_of_the_project_is_refused(
    project: Path, outside: Path, make: Callable[[Path, Path], str]
) -> None:
    written = make(project, outside)
    reason = project_file(written, project, [project], ANY)
    assert isinstance(reason, str)
    target = Path(os.path.realpath(project / written))
    assert reason == (
        f"{OUTSIDE}: it is {target} once links are followed, and the site publishes only "
        f"files in {project.resolve()}"
    )


def test_dots_and_absolute_paths_out_of_the_project_are_refused(
    project: Path, outside: Path
) -> None:
    up = os.path.relpath(outside / "secret.pdf", project / "papers")
    assert up.startswith("..")
    for written in (up, str(outside / "secret.pdf"), "/etc/passwd"):
        reason = project_file(written, project / "papers", [project], PDF)
        assert isinstance(reason, str), written
        assert reason.startswith(OUTSIDE), written


def test_a_file_in_any_of_the_roots_is_accepted(project: Path, outside: Path) -> None:
    assert (
        project_file("secret.pdf", outside, [project, outside], PDF)
        == (outside / "secret.pdf").resolve()
    )


def test_missing_files_folders_and_loops(project: Path) -> None:
    assert project_file("nope.pdf", project, [project], PDF) == MISSING
    (project / "dangling.pdf").symlink_to(project / "gone.pdf")
    assert project_file("dangling.pdf", project, [project], PDF) == MISSING
    assert project_file("papers", project, [project]) == "is not a file"
    (project / "loop1").symlink_to(project / "loop2")
    (project / "loop2").symlink_to(project / "loop1")
    reason = project_file("loop1", project, [project])
    assert isinstance(reason, str)
    assert reason.startswith("cannot be read")


def test_a_file_is_what_it_claims(project: Path) -> None:
    (project / "notes.pdf").write_text("a text file renamed .pdf\n")
    assert project_file("notes.pdf", project, [project], PDF) == (
        "is not a PDF (a PDF file starts with %PDF)"
    )
    assert project_file("notes.pdf", project, [project], ANY) == project / "notes.pdf"
    (project / "photo.png").write_text("not a picture\n")
    reason = project_file("photo.png", project, [project], IMAGE)
    assert reason == "is not an image (Pillow cannot read it); use a PNG, JPEG, GIF or WebP file"
    (project / "fig.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    reason = project_file("fig.svg", project, [project], IMAGE)
    assert isinstance(reason, str)
    assert reason.startswith("is an SVG")
    # A PNG that stops halfway is no image either.
    whole = (project / "papers" / "fig.png").read_bytes()
    (project / "cut.png").write_bytes(whole[: len(whole) // 2])
    assert isinstance(project_file("cut.png", project, [project], IMAGE), str)


def test_what_a_name_claims() -> None:
    assert [kind_of(n) for n in ("a.pdf", "A.PDF", "b.PNG", "c.jpeg", "d.gif", "e.svg")] == [
        PDF,
        PDF,
        IMAGE,
        IMAGE,
        IMAGE,
        IMAGE,
    ]
    assert kind_of("code.zip") == ANY
    assert kind_of("code.zip", PDF) == PDF


# -- Files a .bib entry names ---------------------------------------------------------------

ENTRY = (
    "@misc{{{key},\n  title = {{{key} title}},\n  year = 2024,\n  {field} = {{{value}}},\n}}\n\n"
)


def test_files_a_bib_names_are_published_only_from_the_project(
    tmp_path: Path, outside: Path
) -> None:
    """al-folio's layout (docs/conf.py, _bibliography/, assets/): the good entry's files are
    published; every other entry's file is refused at its line, and none reaches the site."""
    root = tmp_path / "site"
    shutil.copytree(ROOTS / "test-alfolio", root)
    bibdir = root / "_bibliography"
    (bibdir / "link.pdf").symlink_to(outside / "secret.pdf")
    (bibdir / "passwd.pdf").symlink_to("/etc/passwd")
    (bibdir / "shared").symlink_to(outside)  # a folder that leads out
    (bibdir / "notes.pdf").write_text("a text file renamed .pdf\n")
    (bibdir / "notimage.png").write_text("not an image\n")
    (root / "assets" / "pdf" / "away.pdf").symlink_to(outside / "secret.pdf")
    up = os.path.relpath(outside / "secret.pdf", bibdir)
    refused = [
        ("linked", "pdf", "link.pdf", f"{bibdir / 'link.pdf'} {OUTSIDE}"),
        ("passwd", "pdf", "passwd.pdf", f"{bibdir / 'passwd.pdf'} {OUTSIDE}"),
        ("folder", "poster", "shared/secret.pdf", f"{bibdir / 'shared/secret.pdf'} {OUTSIDE}"),
        ("dots", "supp", up, f"{os.path.normpath(bibdir / up)} {OUTSIDE}"),
        ("absolute", "slides", str(outside / "secret.pdf"), f"{outside / 'secret.pdf'} {OUTSIDE}"),
        ("alfolio", "pdf", "away.pdf", f"{root / 'assets/pdf/away.pdf'} {OUTSIDE}"),
        ("text", "pdf", "notes.pdf", f"{bibdir / 'notes.pdf'} is not a PDF"),
        ("picture", "preview", "notimage.png", f"{bibdir / 'notimage.png'} is not an image"),
    ]
    bib = bibdir / "papers.bib"
    text = bib.read_text()
    for key, field, value, _ in refused:
        text += ENTRY.format(key=key, field=field, value=value)
    bib.write_text(text)
    lines = text.splitlines()

    status, err = sphinx_build(root / "docs")
    out = root / "docs" / "_build"
    assert status == 1
    assert "Traceback" not in err
    for key, field, value, reason in refused:
        line = lines.index(f"@misc{{{key},") + 1
        expected = f"{bib}:{line}: WARNING: entry {key!r}: {field} {value!r}: {reason}"
        assert expected in err, key
        assert "it is left out" in err.split(expected, 1)[1].split("\n", 1)[0]
    assert err.count("WARNING") == len(refused), err

    assert SECRET not in all_bytes(out)
    assert b"root:" not in all_bytes(out)  # /etc/passwd
    # The project's own files are still published (the check does not refuse everything).
    assert [p.name for p in (out / "_downloads").rglob("*.pdf")] == ["fast.pdf"]
    assert [p.name for p in (out / "_images").iterdir()] == ["fast.png"]
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    for key, *_ in refused:
        item = page.find("li", id=key)
        assert item is not None, key
        assert not item.select(".cv-pub-links a, img"), key


# -- The photo -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["link-out", "absolute", "not-an-image"])
def test_a_photo_outside_the_project_or_no_image_is_refused(
    page_project: Callable[..., Path], outside: Path, case: str
) -> None:
    src = page_project("# Jane\n")
    image = {
        "link-out": "me.jpg",
        "absolute": str(outside / "someone.jpg"),
        "not-an-image": "me.jpg",
    }[case]
    if case == "link-out":
        (src / "me.jpg").symlink_to(outside / "someone.jpg")
    elif case == "not-an-image":
        (src / "me.jpg").write_text("Jane's CV notes, not a photo\n")
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text()
        + 'html_theme = "sphinx_cv"\n'
        + f"cv_person = {{'name': 'Jane Doe', 'image': {image!r}}}\n"
    )
    status, err = sphinx_build(src)
    assert status == 1
    reason = "is not an image" if case == "not-an-image" else OUTSIDE
    assert f"conf.py:3: WARNING: cv_person['image']: {image!r} {reason}" in err
    assert "the site shows no photo" in err
    assert err.count("WARNING") == 1, err
    out = src / "_build"
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("img.cv-photo") is None
    assert not list((out / "_static").glob("me-*"))
    assert not list(out.rglob("someone*"))


def test_a_photo_of_the_project_reached_through_a_link_is_shown(
    page_project: Callable[..., Path],
) -> None:
    src = page_project("# Jane\n")
    write_jpeg(src / "images" / "portrait.jpg")
    (src / "me.jpg").symlink_to(src / "images" / "portrait.jpg")
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text()
        + 'html_theme = "sphinx_cv"\ncv_person = {"name": "Jane Doe", "image": "me.jpg"}\n'
    )
    assert sphinx_build(src) == (0, "")
    page = BeautifulSoup((src / "_build" / "index.html").read_text(), "html.parser")
    assert (src / "_build" / page.select_one("img.cv-photo")["src"]).is_file()


# -- cv_pdf_download ------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["passwd", "link-out", "dots", "text"])
def test_a_pdf_download_outside_the_project_or_no_pdf_is_not_copied(
    page_project: Callable[..., Path], outside: Path, case: str
) -> None:
    src = page_project("# Jane\n\n{cv-pdf}`PDF`\n")
    setting = {
        "passwd": "/etc/passwd",
        "link-out": "cv.pdf",
        "dots": os.path.relpath(outside / "secret.pdf", src),
        "text": "cv.pdf",
    }[case]
    if case == "link-out":
        (src / "cv.pdf").symlink_to(outside / "secret.pdf")
    elif case == "text":
        (src / "cv.pdf").write_text("my CV, as text\n")
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + f"project = 'Jane Doe'\ncv_pdf_download = {setting!r}\n")
    status, err = sphinx_build(src)
    assert status == 1
    shown = os.path.normpath(src / setting)
    reason = "is not a PDF" if case == "text" else OUTSIDE
    assert f"conf.py:3: WARNING: cv_pdf_download: {shown} {reason}" in err
    assert "nothing is copied to the site" in err
    if reason == OUTSIDE:
        assert "cv_pdf_download = '_build/pdf') or set cv_pdf_with_site = True" in err
    assert err.count("WARNING") == 1, err
    out = src / "_build"
    assert not list(out.glob("*.pdf"))
    assert not (out / "passwd").exists()
    assert SECRET not in all_bytes(out)


def test_a_pdf_download_in_the_project_is_copied(page_project: Callable[..., Path]) -> None:
    src = page_project("# Jane\n\n{cv-pdf}`PDF`\n")
    (src / "pdf").mkdir()
    (src / "pdf" / "Jane-Doe-CV.pdf").write_bytes(b"%PDF-1.7\nJane's CV\n")
    (src / "latest.pdf").symlink_to(src / "pdf" / "Jane-Doe-CV.pdf")
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + "project = 'Jane Doe'\ncv_pdf_download = 'latest.pdf'\n")
    assert sphinx_build(src) == (0, "")
    assert (src / "_build" / "latest.pdf").read_bytes() == b"%PDF-1.7\nJane's CV\n"
