"""The owner's photo for the website: read once, made small, written beside the pages.

Pure Python (Pillow, which WeasyPrint needs anyway). A camera's 4 MB portrait
becomes a square-ish JPEG of a few kilobytes at twice the size it is shown (for
sharp screens), turned upright from its EXIF orientation; an image with
transparency stays a PNG. The file's name carries a digest of its bytes, so a
new photo is never hidden by a browser's cache.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Photo", "PhotoError", "make_photo"]

#: Pixels on the longer side: twice the 96 px the theme shows.
SIZE = 192


class PhotoError(ValueError):
    """The photo cannot be used: the message says why and what to do."""


@dataclass(frozen=True)
class Photo:
    """A written photo: its path under the site's root (POSIX) and its size in pixels."""

    path: str
    width: int
    height: int


def _encode(source: Path, size: int) -> tuple[bytes, str, int, int]:
    try:
        from PIL import Image, ImageOps, UnidentifiedImageError
    except ImportError as exc:  # pragma: no cover - Pillow comes with the package
        raise PhotoError("the photo needs Pillow: pip install pillow") from exc
    try:
        with Image.open(source) as opened:
            image = ImageOps.exif_transpose(opened)
            image.thumbnail((size, size), Image.Resampling.LANCZOS)
            transparent = image.mode in {"RGBA", "LA"} or (
                image.mode == "P" and "transparency" in image.info
            )
            out = io.BytesIO()
            if transparent:
                image.convert("RGBA").save(out, "PNG", optimize=True)
                suffix = "png"
            else:
                image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True)
                suffix = "jpg"
            return out.getvalue(), suffix, image.width, image.height
    except FileNotFoundError as exc:
        raise PhotoError(f"{source} does not exist: give a path relative to conf.py") from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise PhotoError(f"{source} is not an image Pillow can read: use a JPEG or PNG") from exc


def make_photo(source: Path, outdir: Path, size: int = SIZE) -> Photo:
    """Write ``source``, resized to at most ``size`` pixels, under ``outdir/_static/``."""
    data, suffix, width, height = _encode(source, size)
    name = f"_static/{source.stem}-{hashlib.sha256(data).hexdigest()[:8]}.{suffix}"
    target = outdir / name
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        partial.write_bytes(data)
        partial.replace(target)
    return Photo(name, width, height)
