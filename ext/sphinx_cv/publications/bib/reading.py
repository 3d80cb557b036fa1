"""Reading a .bib file: pybtex's parser, with problems that name a line and a fix.

pybtex gives no line numbers for entries and, in strict mode, stops at the first
problem. :func:`parse_bibtex` reads every entry it can and reports each problem
as a :class:`~sphinx_cv.publications.bib.problems.Problem` at its line, saying what to write;
one bad entry costs only itself:

- a syntax error or an unclosed brace loses that entry alone: reading resumes at
  the next ``@`` that starts a line;
- a duplicate key keeps the first entry, a duplicate field its first value;
- an undefined ``@string`` macro keeps the entry, with the macro's name as text;
- a macro name with a letter outside ASCII is read (as biber does), and reported;
- a name that pybtex cannot split is kept as pybtex reads it best, and reported;
- biblatex's extended names (``family=Saint-Ours, given=Édouard, prefix=de,
  useprefix=true``) are read part by part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pybtex.errors
from pybtex.bibtex.utils import split_name_list, split_tex_string
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import NAME_CHARS, LowLevelParser, Parser, SkipEntry
from pybtex.scanner import Pattern, PrematureEOF, PybtexSyntaxError
from pybtex.textutils import normalize_whitespace

from .problems import Problem

__all__ = ["TRUE", "ParsedBib", "extended_name", "is_eastern", "parse_bibtex"]

_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z]+)[ \t\r\n]*[{(][ \t\r\n]*([^,\s{}()]*)")
#: Where reading resumes after an entry it cannot read: an ``@`` that starts a line.
_LINE_START_AT = re.compile(r"^[ \t]*@", re.MULTILINE)
_HINTS = {
    "'}' expected": " (end each field with a comma, and the entry with '}')",
    "')' expected": " (end each field with a comma, and the entry with ')')",
    "'=' expected": " (write each field as name = {value}, fields separated by commas)",
    "unbalanced braces": " (check this entry's braces and double quotes)",
}
_LOST = "; the entry is left out, the others are read"
#: A macro name may use BibTeX's name characters and, as biber allows, letters of any script.
_UNICODE_NAME_CHAR = r"[^\x00-\x7f\W]"
#: The parts of a biblatex extended name (``family=…, given=…``), as pybtex's name parts.
_NAME_PARTS = {"given": "first", "family": "last", "prefix": "prelast", "suffix": "lineage"}
_EXTENDED_PART = re.compile(r"\s*([A-Za-z][\w-]*)\s*=\s*(.*)", re.DOTALL)
#: How BibTeX fields say yes (al-folio's ``selected``, biblatex's ``useprefix``).
TRUE = {"true", "yes", "1"}
#: Scripts whose names read family name first, with no space: Han, kana, Hangul.
_EASTERN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def is_eastern(name: str) -> bool:
    """Whether ``name`` is written wholly in Chinese, Japanese or Korean characters."""
    letters = [char for char in name if not char.isspace()]
    return bool(letters) and all(_EASTERN.match(char) for char in letters)


@dataclass
class ParsedBib:
    """What :func:`parse_bibtex` read: the entries, each entry's line, and the problems."""

    data: BibliographyData
    #: Case-folded key → the line of the entry that was kept.
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Keys of entries that could not be read (case-folded) → their line.
    lost: dict[str, int] = field(default_factory=dict)
    #: Each kept entry's key, as written → where its ``@`` stands in the text.
    starts: dict[str, int] = field(default_factory=dict)


def _hint(message: str) -> str:
    return next((hint for key, hint in _HINTS.items() if key in message), "")


class _Scanner(LowLevelParser):
    """pybtex's low-level parser that reads on past a bad entry and keeps an undefined
    macro's name as its text; each problem goes to ``report``."""

    NAME = Pattern(  # not starting with "@": a lone "@" does not swallow the next entry
        rf"(?:[{re.escape(NAME_CHARS.replace('@', ''))}]|{_UNICODE_NAME_CHAR})"
        rf"(?:[{re.escape(NAME_CHARS)}0-9]|{_UNICODE_NAME_CHAR})*",
        "a valid name",
    )
    # The scanner's state (pybtex's Scanner), read and set here.
    text: str
    pos: int
    end_pos: int
    lineno: int
    command_start: int

    def __init__(
        self, text: str, macros: Any, report: Callable[[Problem], None], lost: dict[str, int]
    ) -> None:
        super().__init__(text, macros=macros)
        self.report = report
        self.lost = lost
        self.entry_line = 1
        self.non_ascii: set[str] = set()

    def entries(self) -> Iterator[tuple[int, int, tuple[str, Any]]]:
        """``(line, offset, (command, body))`` of each command that could be read."""
        while self.skip_to([self.AT]):
            self.command_start = self.pos - 1
            self.entry_line = self.lineno
            try:
                yield self.entry_line, self.command_start, tuple(self.parse_command())
            except SkipEntry:
                continue
            except PybtexSyntaxError as err:
                self.lose_entry(err)
            except Exception as err:  # a bug of pybtex's on odd input: that entry alone
                self.lose_entry(PybtexSyntaxError(f"pybtex cannot read it ({err})", self))

    def lose_entry(self, err: PybtexSyntaxError) -> None:
        """Report why the entry at ``command_start`` cannot be read and go on at the next
        ``@`` that starts a line."""
        resume = _LINE_START_AT.search(self.text, self.command_start + 1)
        next_start = resume.end() - 1 if resume else self.end_pos
        header = _ENTRY_START.match(self.text, self.command_start)
        if header and header.group(2):
            self.lost[header.group(2).casefold()] = self.entry_line
        if isinstance(err, PrematureEOF) or self.pos >= next_start or err.lineno is None:
            where = "the next entry" if resume else "the end of the file"
            self.report(
                Problem(
                    self.entry_line,
                    f"this entry is not closed: a '{{' has no matching '}}' before {where}{_LOST}",
                    error=True,
                )
            )
        elif "entry key" in str(err):
            self.report(
                Problem(self.entry_line, f"entry has no key; write @type{{key, …}}{_LOST}", True)
            )
        else:
            message = str(err).split(": ", 1)[-1]
            self.report(
                Problem(err.lineno, f"syntax error: {message}{_hint(message)}{_LOST}", True)
            )
        self.pos = next_start
        self.lineno = self.text.count("\n", 0, next_start) + 1

    def substitute_macro(self, name: str) -> str:
        value = self.macros.get(name)
        where = f"entry {self.current_entry_key!r}: " if self.current_entry_key else ""
        field_name = self.current_field_name or "a field"
        if value is None:
            self.report(
                Problem(
                    self.lineno,
                    f"{where}{field_name} = {name} names a @string macro that is not defined; "
                    f"it is shown as the text {name!r}. Define it before the entry "
                    f"(@string{{{name} = {{…}}}}) or write the text in braces: "
                    f"{field_name} = {{{name}}}",
                    error=True,
                )
            )
            return name
        if not name.isascii():
            self.report_non_ascii(name)
        return str(value)

    def parse_string_body(self, body_end: Any) -> None:
        super().parse_string_body(body_end)
        if not self.current_field_name.isascii():
            self.report_non_ascii(self.current_field_name)

    def report_non_ascii(self, name: str) -> None:
        if name.casefold() in self.non_ascii:
            return
        self.non_ascii.add(name.casefold())
        self.report(
            Problem(
                self.lineno,
                f"the @string macro name {name!r} has letters outside ASCII, which BibTeX "
                "cannot read; name it in ASCII letters (it is read as written here)",
                error=True,
            )
        )


def extended_name(name: str) -> Person | None:
    """A biblatex extended name (``family=Saint-Ours, given=Édouard, prefix=de,
    useprefix=true``) as a pybtex person, or None if ``name`` is not one."""
    if "=" not in name:
        return None
    parts = split_tex_string(name, ",")
    matches = [_EXTENDED_PART.fullmatch(part) for part in parts]
    if not all(matches) or not any(m and m.group(1).lower() in _NAME_PARTS for m in matches):
        return None
    given: dict[str, str] = {}
    useprefix = False
    for match in matches:
        assert match is not None
        key, value = match.group(1).lower(), match.group(2).strip()
        if value.startswith('"') and value.endswith('"') and len(value) > 1:
            value = value[1:-1]
        if key in _NAME_PARTS:
            given[_NAME_PARTS[key]] = value
        elif key == "useprefix":
            useprefix = value.strip("{}").lower() in TRUE
    person = Person(**given)
    # biblatex's default: the prefix is not part of the name that citations show.
    person.useprefix = useprefix
    return person


class _Parser(Parser):
    """pybtex's parser on :class:`_Scanner`, reading each distinct name once (authors recur
    across a file, and splitting a name into its parts is most of the parser's work; the
    ``Person`` objects are shared, and nothing changes them once read)."""

    def __init__(self) -> None:
        super().__init__()
        self.people: dict[str, Person] = {}
        self.result = ParsedBib(self.data)

    def report(self, problem: Problem) -> None:
        self.result.problems.append(problem)

    def parse_string(self, text: str) -> BibliographyData:
        self.unnamed_entry_counter = 1
        scanner = _Scanner(text, self.macros, self.report, self.result.lost)
        for line, start, (command, body) in scanner.entries():
            kind = command.lower()
            if kind == "preamble":
                self.process_preamble(*body)
            elif kind != "string":
                try:
                    self.process_entry_at(line, start, command, *body)
                except Exception as err:  # a bug of pybtex's on odd input: that entry alone
                    self.report(
                        Problem(line, f"pybtex cannot read this entry ({err}){_LOST}", True)
                    )
        return self.data

    def process_entry_at(
        self, line: int, start: int, entry_type: str, key: str | None, fields: Any
    ) -> None:
        """pybtex's ``process_entry`` (0.26), keeping the first of two entries or fields."""
        if not key:
            self.report(Problem(line, "entry has no key; write @type{key, …}" + _LOST, True))
            return
        first = self.result.lines.get(key.casefold())
        if first is not None:
            self.report(
                Problem(
                    line,
                    f"duplicate key {key!r}: the entry at line {first} has the same key; rename "
                    "one of them (this one is left out)",
                    error=True,
                )
            )
            return
        self.result.lost.pop(key.casefold(), None)
        entry = Entry(entry_type)
        seen_fields = set()
        for field_name, field_value_list in fields:
            if field_name.lower() in seen_fields:
                self.report(
                    Problem(
                        line,
                        f"entry {key!r} has two {field_name!r} fields; keep one (the first is "
                        "used)",
                        error=True,
                    )
                )
                continue
            field_value = normalize_whitespace(self.flatten_value_list(field_value_list))
            if field_name in self.person_fields:
                for name in split_name_list(field_value):
                    entry.add_person(self.person(name, key, field_name, line), field_name)
            else:
                entry.fields[field_name] = field_value
            seen_fields.add(field_name.lower())
        self.result.lines[key.casefold()] = line
        self.result.starts[key] = start
        self.data.add_entry(key, entry)

    def person(self, name: str, key: str, role: str, line: int) -> Person:
        found = self.people.get(name)
        if found is not None:
            return found
        found = extended_name(name)
        if found is None and "," not in name and " " in name and is_eastern(name):
            family, given = name.split(" ", 1)  # written family name first: 王 星尧
            found = Person(first=given, last=family)
        if found is None:
            with pybtex.errors.capture() as errors:
                found = Person(name)
            if errors:
                self.report(
                    Problem(
                        line,
                        f"entry {key!r}: {role} {name!r}: {errors[0]}; write each name as "
                        "'Last, First' or 'Last, Jr., First', names separated by 'and'",
                    )
                )
        self.people[name] = found
        return found


def parse_bibtex(text: str) -> ParsedBib:
    """Every entry of ``text`` that can be read, and a problem at its line for the rest."""
    parser = _Parser()
    parser.parse_string(text)
    return parser.result
