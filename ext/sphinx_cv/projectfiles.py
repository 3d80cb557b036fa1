"""Files of the project that the site offers: checked before anything is copied.

A file the site publishes as it is named (a file a .bib entry names, such as
al-folio's ``pdf = {paper.pdf}`` and ``preview = {fig.png}``; the owner's photo;
the PDF named by ``cv_pdf_download``) must, after following symbolic links, be a
regular file inside the project, and be what it claims: a PDF starts with
``%PDF``, an image is one Pillow reads. :func:`project_file` is that check,
for every place that offers a file; it says why a file is refused, and the
caller warns and copies nothing.

The project is given by the caller as its folders (``roots``): the folder of
``conf.py`` and the source folder; for a file a .bib entry names, the source
folder, the folder of the .bib file (``conf.py`` names it) and al-folio's asset
folders beside it. Pure Python (Pillow for images), no Sphinx.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from pathlib import Path, PurePath

__all__ = ["ANY", "IMAGE", "MISSING", "OUTSIDE", "PDF", "kind_of", "project_file"]

#: What a file must be: a PDF, an image (one Pillow reads), or any regular file.
PDF, IMAGE, ANY = "pdf", "image", "any"
#: The reason for a file that is not there.
MISSING = "does not exist"
#: How the reason for a file outside the project begins.
OUTSIDE = "is outside the project"
#: Names that claim an image. SVG is one of them, and is refused: it is no picture
#: Pillow reads, and a page of its own that can run scripts on the site.
IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".avif", ".svg"}
)


#: What else the site publishes as a file (slides, a supplement, a poster, a video): documents
#: and media, never code, pages or configuration.
OFFERED_SUFFIXES = frozenset(
    {".pdf", ".ps", ".ppt", ".pptx", ".key", ".odp", ".doc", ".docx", ".odt", ".rtf", ".txt",
     ".md", ".csv", ".tsv", ".xlsx", ".ods", ".ipynb", ".zip", ".gz", ".tgz", ".xz", ".bz2",
     ".7z", ".mp4", ".webm", ".mov", ".m4v", ".mp3", ".ogg", ".wav", ".epub", ".bib", ".ris"}
) | (IMAGE_SUFFIXES - {".svg"})  # fmt: skip


def kind_of(name: str, default: str = ANY) -> str:
    """What a file named ``name`` claims to be by its suffix (``paper.pdf``: :data:`PDF`,
    ``fig.png``: :data:`IMAGE`), else ``default``."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".pdf":
        return PDF
    if suffix in IMAGE_SUFFIXES:
        return IMAGE
    return default


def _inside(path: Path, folders: Iterable[Path]) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)


def _folders(roots: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The project's folders as they are on disk (links followed), each once."""
    found: list[Path] = []
    for root in roots:
        folder = Path(root).resolve()
        if folder not in found:
            found.append(folder)
    return found


def _not_a_pdf(path: Path) -> str | None:
    with path.open("rb") as file:
        if file.read(4) != b"%PDF":
            return "is not a PDF (a PDF file starts with %PDF)"
    return None


def _not_an_image(path: Path) -> str | None:
    from PIL import Image

    if path.suffix.lower() == ".svg":
        return "is an SVG, which the site does not publish (it can hold scripts); use a PNG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.verify()  # the header and, where the format has them, checksums
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"is an image of over {Image.MAX_IMAGE_PIXELS} pixels; make it smaller"
    except Exception:  # Pillow's error for any file that is not an image it reads
        return "is not an image (Pillow cannot read it); use a PNG, JPEG, GIF or WebP file"
    return None


def project_file(
    written: str | os.PathLike[str],
    base: str | os.PathLike[str],
    roots: Iterable[str | os.PathLike[str]],
    kind: str = ANY,
) -> Path | str:
    """``written`` (a path relative to ``base``, or absolute) as the file it is on disk,
    if, after following links, it is a regular file inside one of the folders ``roots``
    and is what ``kind`` says (:data:`PDF`, :data:`IMAGE` or :data:`ANY`). Otherwise the
    reason, to follow the file's name in a message ("… is outside the project …")."""
    path = Path(base, written)
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        return MISSING
    except (OSError, RuntimeError) as err:  # a loop of links, a folder it may not enter
        return f"cannot be read ({getattr(err, 'strerror', None) or err})"
    folders = _folders(roots)
    if not _inside(resolved, folders):
        shown = " or ".join(str(folder) for folder in folders)
        return (
            f"{OUTSIDE}: it is {resolved} once links are followed, and the site "
            f"publishes only files in {shown}"
        )
    if not resolved.is_file():
        return "is not a file"
    root = next(folder for folder in folders if folder == resolved or folder in resolved.parents)
    if any(part.startswith(".") for part in resolved.relative_to(root).parts):
        return "is hidden (a name that starts with '.'), and the site never publishes one"
    if kind == ANY and resolved.suffix.lower() not in OFFERED_SUFFIXES:
        return (
            "is no document or media file the site publishes (a PDF, slides, an image, a "
            "video, an archive…); link to it with an https:// address instead"
        )
    try:
        problem = {PDF: _not_a_pdf, IMAGE: _not_an_image}.get(kind, lambda _: None)(resolved)
    except OSError as err:
        return f"cannot be read ({err.strerror or err})"
    return resolved if problem is None else problem
