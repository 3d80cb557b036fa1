"""The real .bib files of ``nox -s bench`` (``data/``, see its README): read verbatim, and the
copy that pybtex (so sphinxcontrib-bibtex) can read in full, with what had to change in it.

``tugboat.bib`` (4 839 entries, @String macros) is the 2 000+ entry file of issue 26's first
target; ``texbook3.bib`` (859 entries, 451 @String macros, 112 crossrefs) brings the crossrefs
that tugboat.bib lacks. Both are Nelson H. F. Beebe's, as people wrote them: each has a defect
that stops pybtex (a field given twice; a macro used and never defined). sphinx-cv reports each
and goes on; sphinxcontrib-bibtex lists only the entries before the first duplicate field, and
stops the build at an undefined macro. So the bench builds the file as it is and, for a
comparison on the same entries, a copy :func:`pybtex_readable` repairs (each repair named).
"""

from __future__ import annotations

import lzma
import re
from pathlib import Path

DATA = Path(__file__).parent / "data"
#: name → what it has that synthetic files lack.
REAL_BIBS = {"tugboat.bib": "@string", "texbook3.bib": "@string, crossref"}
_FIELD = re.compile(r"^\s*([A-Za-z][\w:.+-]*)\s*=", re.MULTILINE)


def read_real(name: str) -> str:
    """The file as its author wrote it (stored xz-compressed under ``data/``)."""
    with lzma.open(DATA / f"{name}.xz", "rt", encoding="utf-8") as packed:
        return packed.read()


def entry_count(text: str) -> int:
    """Entries (not @String, @Preamble or @Comment) in a .bib text."""
    kinds = re.findall(r"^@\s*(\w+)\s*[{(]", text, re.MULTILINE)
    return sum(kind.lower() not in {"string", "preamble", "comment"} for kind in kinds)


def _drop_second_field(text: str, key: str, field: str) -> str:
    start = text.index("{" + key + ",")
    end = text.find("\n@", start)
    end = len(text) if end < 0 else end
    body = text[start:end]
    fields = [m for m in _FIELD.finditer(body) if m.group(1).lower() == field.lower()]
    second = fields[1]
    after = _FIELD.search(body, second.end())
    stop = after.start() if after else body.rindex("}")
    return text[: start + second.start()] + "\n" + text[start + stop :]


def pybtex_readable(text: str) -> tuple[str, list[str]]:
    """The text with what stops pybtex's strict parser repaired, and each repair said.

    A field given twice loses its second copy (BibTeX keeps the first, as sphinx-cv does);
    an undefined macro is defined empty (BibTeX warns and uses an empty string)."""
    import pybtex.errors
    from pybtex.database.input.bibtex import DuplicateField, Parser, UndefinedMacro

    repairs: list[str] = []
    pybtex.errors.set_strict_mode(True)
    for _ in range(50):
        try:
            Parser().parse_string(text)
            return text, repairs
        except DuplicateField as error:
            found = re.search(r"key (\S+) has a duplicate (\S+) field", str(error))
            if found is None:
                raise
            key, field = found.groups()
            text = _drop_second_field(text, key, field)
            repairs.append(f"second `{field}` of `{key}` dropped")
        except UndefinedMacro as error:
            name = str(error).rsplit(": ", 1)[-1].strip()
            text = f'@String{{{name} = ""}}\n' + text
            repairs.append(f"undefined macro `{name}` defined empty")
    raise RuntimeError("pybtex still cannot read the file after 50 repairs")
