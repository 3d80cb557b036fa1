"""The BibTeX block shown with each publication, for visitors to copy and cite."""

from __future__ import annotations

from collections.abc import Iterable

from pybtex.database import Entry

from .fields import EXTRA_FIELDS

__all__ = ["standard_bibtex"]


def standard_bibtex(key: str, entry: Entry, refused: Iterable[str] = ()) -> str:
    """The entry as BibTeX for others to cite: no CV-only fields, no refused links.

    Values are shown as written in the file (pybtex keeps them as LaTeX source);
    only ``@string`` macros such as ``aug`` appear expanded.
    """
    drop = {*EXTRA_FIELDS, *refused}
    lines = [f"@{entry.original_type}{{{key},"]
    for role, persons in entry.persons.items():
        lines.append(f"  {role} = {{{' and '.join(str(p) for p in persons)}}},")
    for name, value in entry.fields.items():
        if name.lower() not in drop:
            lines.append(f"  {name} = {{{value}}},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines)
