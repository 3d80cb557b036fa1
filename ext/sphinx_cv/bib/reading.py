"""Reading a .bib file: pybtex's parser, with errors that name a line and a fix.

pybtex gives no line numbers for entries and stops at the first problem with a
message that is hard to act on; :func:`parse_bibtex` finds each entry's line by
a plain scan and turns pybtex's errors into a :class:`BibliographyError` at the
right line, saying what to write.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pybtex.errors
from pybtex.bibtex.utils import split_name_list
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import DuplicateField, Parser
from pybtex.scanner import PrematureEOF, PybtexError, PybtexSyntaxError
from pybtex.textutils import normalize_whitespace

__all__ = ["BibliographyError", "parse_bibtex", "scan_entries"]

_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z]+)[ \t\r\n]*[{(][ \t\r\n]*([^,\s{}()]*)")
_HINTS = {
    "'}' expected": " (end each field with a comma, and the entry with '}')",
    "')' expected": " (end each field with a comma, and the entry with ')')",
    "'=' expected": " (write each field as name = {value}, fields separated by commas)",
    "unbalanced braces": " (check this entry's braces and double quotes)",
}


class _Parser(Parser):
    """pybtex's parser, reading each distinct name once: authors recur across a file, and
    splitting a name into its parts is most of the parser's work. (The ``Person`` objects
    are shared; nothing changes them once read.)"""

    def __init__(self) -> None:
        super().__init__()
        self.people: dict[str, Person] = {}

    def process_entry(self, entry_type: str, key: str | None, fields: Any) -> None:
        """pybtex's ``process_entry`` (0.26), with :meth:`person` for ``Person(name)``."""
        entry = Entry(entry_type)
        if key is None:
            key = f"unnamed-{self.unnamed_entry_counter}"
            self.unnamed_entry_counter += 1
        seen_fields = set()
        for field_name, field_value_list in fields:
            if field_name.lower() in seen_fields:
                self.handle_error(DuplicateField(key, field_name))
                continue
            field_value = normalize_whitespace(self.flatten_value_list(field_value_list))
            if field_name in self.person_fields:
                for name in split_name_list(field_value):
                    entry.add_person(self.person(name), field_name)
            else:
                entry.fields[field_name] = field_value
            seen_fields.add(field_name.lower())
        self.data.add_entry(key, entry)

    def person(self, name: str) -> Person:
        found = self.people.get(name)
        if found is None:
            found = self.people[name] = Person(name)
        return found


class BibliographyError(ValueError):
    """A .bib file that cannot be read at all; ``line`` says where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"{line}: {message}")
        self.line = line
        self.message = message


def scan_entries(text: str) -> list[tuple[int, str, str, int]]:
    """``(line, type, key, offset)`` of each entry, by a plain scan (pybtex gives no lines)."""
    found = []
    line, pos = 1, 0
    for match in _ENTRY_START.finditer(text):
        line += text.count("\n", pos, match.start())
        pos = match.start()
        kind = match.group(1).lower()
        if kind not in {"comment", "string", "preamble"}:
            found.append((line, kind, match.group(2), match.start()))
    return found


def _line_offset(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset


def _unclosed_entry(text: str, entries: Sequence[tuple[int, str, str]]) -> int | None:
    """The line of the first entry whose braces never close, if any."""
    for i, (line, _kind, _key) in enumerate(entries):
        start = _line_offset(text, line)
        end = _line_offset(text, entries[i + 1][0]) if i + 1 < len(entries) else len(text)
        chunk = text[start:end]
        if chunk.count("{") > chunk.count("}"):
            return line
    return None


def _hint(message: str) -> str:
    return next((hint for key, hint in _HINTS.items() if key in message), "")


def _check_keys(entries: Sequence[tuple[int, str, str]]) -> None:
    seen: dict[str, int] = {}
    for line, _kind, key in entries:
        if not key:
            raise BibliographyError(line, "entry has no key; write @type{key, …}")
        first = seen.setdefault(key.casefold(), line)
        if first != line:
            raise BibliographyError(
                line,
                f"duplicate key {key!r}: the entry at line {first} has the same key; "
                "rename one of them",
            )


def parse_bibtex(text: str, entries: Sequence[tuple[int, str, str]]) -> BibliographyData:
    """Parse ``text`` (whose :func:`scan_entries` are ``entries``) or raise
    :class:`BibliographyError` at the line of the first problem."""
    _check_keys(entries)
    saved = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        return _Parser().parse_string(text)
    except PrematureEOF as err:
        last_at = text.count("\n", 0, text.rfind("@")) + 1 if "@" in text else None
        line = _unclosed_entry(text, entries) or last_at or err.lineno
        raise BibliographyError(
            line, "this entry is not closed: a '{' has no matching '}' before the end of the file"
        ) from None
    except PybtexSyntaxError as err:
        unclosed = _unclosed_entry(text, entries)
        if unclosed is not None and unclosed < err.lineno:
            raise BibliographyError(
                unclosed,
                "this entry is not closed: a '{' has no matching '}' before the next entry",
            ) from None
        message = str(err).split(": ", 1)[-1]
        raise BibliographyError(err.lineno, f"syntax error: {message}{_hint(message)}") from None
    except PybtexError as err:
        message = str(err)
        match = re.search(r"entry with key (\S+) has a duplicate (\S+) field", message)
        if match:
            line = next((ln for ln, _t, k in entries if k == match.group(1)), 1)
            raise BibliographyError(
                line, f"entry {match.group(1)!r} has two {match.group(2)!r} fields; keep one"
            ) from None
        raise BibliographyError(1, message) from None
    except Exception as err:  # a bug of pybtex's parser on odd input: still no traceback
        raise BibliographyError(
            entries[0][0] if entries else 1,
            f"pybtex cannot read this file ({type(err).__name__}: {err}); check the entries "
            "near this line for unusual characters in names",
        ) from None
    finally:
        pybtex.errors.set_strict_mode(saved)
