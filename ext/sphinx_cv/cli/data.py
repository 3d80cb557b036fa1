"""Reading an imported file: parsed within bounds, then read value by value with its place in
the file (``work[2].highlights``) in every message.

Pure Python. :func:`parse` reads JSON or YAML and walks what it holds once, counting every
value as often as YAML's aliases repeat it, so a file of nested aliases ("billion laughs") or
of deep nesting is an error naming the place, not a full memory. :class:`Node` is a value
with its place: asking it for text, a date, a list or an object either gives that or is an
error that says what was found there and what to write. Also here: what a web address is,
and which language a CV is written in (:func:`language_named`, :func:`language_of`).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .text import clean

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_VALUES",
    "CVImportError",
    "Node",
    "language_named",
    "language_of",
    "parse",
    "web_address",
]

#: A résumé file is a few kilobytes; past these it is not one.
MAX_BYTES = 4_000_000
MAX_VALUES = 100_000
MAX_DEPTH = 40
#: The languages sphinx-cv's own words are translated to (``locale/``), besides English.
SPOKEN = ("de", "es", "fr", "it", "ja", "ko", "nl", "pt", "ru", "zh")


class CVImportError(ValueError):
    """The file cannot be imported: the message names the place and what to write."""


def parse(path: Path) -> Any:
    """``path`` as JSON (``.json``) or YAML, within :data:`MAX_BYTES`, :data:`MAX_VALUES`
    values (aliases counted each time) and :data:`MAX_DEPTH` levels."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CVImportError(
                f"{path}: {size:,} bytes; a résumé file holds far fewer (at most "
                f"{MAX_BYTES:,}): is it the right file?"
            )
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CVImportError(f"{path}: cannot be read ({err})") from None
    try:
        data = _json(path, text) if path.suffix.lower() == ".json" else _yaml(path, text)
    except RecursionError:
        raise CVImportError(
            f"{path}: nested too deeply to read; a résumé is a few levels deep"
        ) from None
    except ValueError as err:  # Python reads no number of thousands of digits
        why = "a number of thousands of digits" if "digits" in str(err) else str(err)
        raise CVImportError(f"{path}: cannot be read ({why}); write it as text in quotes") from None
    _bounded(data, path)
    return data


def _json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise CVImportError(f"{path}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}") from None


def _yaml(path: Path, text: str) -> Any:
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise CVImportError(f"{where}: not valid YAML: {problem}") from None


def _bounded(data: Any, path: Path) -> None:
    """Walk ``data`` once (without recursion), as every later reading of it would."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    count = 0
    while stack:
        value, place, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise CVImportError(
                f"{path}: {place or 'the file'}: more than {MAX_VALUES:,} values, counting each "
                "repetition of a YAML alias (*name); a résumé holds far fewer: write the "
                "values out instead of repeating aliases"
            )
        if depth > MAX_DEPTH:
            raise CVImportError(
                f"{path}: {place}: nested more than {MAX_DEPTH} levels deep; a résumé is a "
                "few levels deep (sections, entries, their lists)"
            )
        if isinstance(value, dict):
            stack += [(v, _join(place, k), depth + 1) for k, v in value.items()]
        elif isinstance(value, (list, tuple, set)):
            stack += [(v, f"{place}[{i}]", depth + 1) for i, v in enumerate(value)]


def _join(place: str, key: Any) -> str:
    return f"{place}.{key}" if place else str(key)


def describe(value: Any) -> str:
    """What a value is, for a message: ``a number (5)``, ``text ('abc')``, ``a list``."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value[:40]!r})"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, _dt.date):
        return f"a date ({value.isoformat()})"
    return f"a value of type {type(value).__name__}"


@dataclass(frozen=True)
class Node:
    """A value of the file and its place in it (``work[2]``, ``cv.sections.Skills[0]``)."""

    value: Any
    place: str
    #: Keys the file spells otherwise (JSON Resume 0.x's): the name read → the file's.
    spelled: Mapping[str, str] = field(default_factory=dict)

    def at(self, key: str) -> Node:
        value = self.value.get(key) if isinstance(self.value, dict) else None
        return Node(value, _join(self.place, self.spelled.get(key, key)))

    def keys(self) -> list[str]:
        return [str(k) for k in self.value] if isinstance(self.value, dict) else []

    def fail(self, expected: str, example: str) -> CVImportError:
        return CVImportError(
            f"{self.place}: {describe(self.value)} where {expected} belongs; write e.g. {example}"
        )

    def text(self, key: str, example: str = '"…"') -> str:
        """The text at ``key`` ("" when absent or empty)."""
        node = self.at(key)
        if node.value is None or node.value == "":
            return ""
        if not isinstance(node.value, str):
            raise node.fail("text", f"{key}: {example}")
        return clean(node.value)

    def scalar(self, key: str, example: str = '"…"') -> str:
        """Text, or a number written as it is (a phone number, a grade)."""
        value = self.at(key).value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        return self.text(key, example)

    def date(self, key: str) -> str:
        """A date as written: text, a year (a number) or a YAML date; "" when absent."""
        node = self.at(key)
        value = node.value
        if isinstance(value, _dt.date):
            return value.isoformat()[:10]
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if value is None or isinstance(value, str):
            return clean(value or "").strip()
        raise node.fail("a date", f"{key}: 2021-03")

    def items(self, key: str) -> list[Node]:
        """The list at ``key`` (empty when absent), each item with its place."""
        node = self.at(key)
        if node.value is None:
            return []
        if not isinstance(node.value, list):
            raise node.fail("a list", f"{key}: [...], one item each")
        return [Node(v, f"{node.place}[{i}]") for i, v in enumerate(node.value)]

    def texts(self, key: str, example: str = '["…", "…"]') -> list[str]:
        """The list of texts at ``key``; a text where a list belongs is an error (its letters
        are not items)."""
        node = self.at(key)
        if isinstance(node.value, str):
            raise node.fail("a list", f"{key}: {example}")
        out = []
        for item in self.items(key):
            if not isinstance(item.value, (str, int, float)) or isinstance(item.value, bool):
                raise item.fail("text", f"{key}: {example}")
            out.append(clean(str(item.value)))
        return [text for text in out if text.strip()]

    def obj(self, key: str, example: str = "{...}") -> Node | None:
        """The object at ``key``, or None when absent."""
        node = self.at(key)
        if node.value is None or node.value == {}:
            return None
        if not isinstance(node.value, dict):
            raise node.fail("an object", f"{key}: {example}")
        return node

    def unknown(self, known: Collection[str], *, what: str) -> list[str]:
        """The keys that ``known`` has no place for; a key that is a misspelling of a known
        key the item lacks (``start_data``) is an error that names both."""
        missing = [k for k in known if k not in self.keys()]
        out = []
        for key in self.keys():
            if key in known:
                continue
            close = difflib.get_close_matches(key, missing, n=1, cutoff=0.8)
            if close:
                raise CVImportError(
                    f"{_join(self.place, key)}: unknown key {key!r}; did you mean {close[0]!r}? "
                    f"({what}: {', '.join(known)})"
                )
            out.append(key)
        return out


_HOST = re.compile(r"(?:www\.)?(?:[a-z0-9-]+\.)+([a-z]{2,})(?:[/?#]\S*)?", re.IGNORECASE)
_FILE_ENDINGS = {"pdf", "jpg", "jpeg", "png", "gif", "svg", "doc", "docx", "html", "htm", "txt"}


def web_address(text: str) -> tuple[str, bool] | None:
    """``text`` as an http(s) address, and whether ``https://`` was put before it (a host
    written without one: ``linkedin.com/in/jane``); None when it is not an address."""
    text = text.strip()
    if re.fullmatch(r"https?://[^\s<>\"]+", text, re.IGNORECASE):
        return text, False
    if text.startswith("//") and _HOST.fullmatch(text[2:]):
        return f"https:{text}", True
    match = _HOST.fullmatch(text)
    if match and match[1].lower() not in _FILE_ENDINGS:
        return f"https://{text}", True
    return None


def language_named(name: str) -> str | None:
    """A language given by its English name (RenderCV's ``locale.language``: ``french``,
    ``mandarin_chinese``) or code (``fr``), as the code Sphinx takes; None if unknown."""
    from babel import Locale

    words = name.strip().lower().replace("-", "_").split("_")
    names = {v.lower(): k for k, v in Locale("en").languages.items()}
    for candidate in (" ".join(words), words[-1]):
        if candidate in names:
            return str(names[candidate])
    code = "_".join(words)
    return code if code in Locale("en").languages else None


def _script(text: str) -> str | None:
    """Korean, Japanese or Chinese, from the letters' scripts, when most letters are CJK."""
    counts = {"ko": 0, "ja": 0, "zh": 0, "other": 0}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("HANGUL"):
            counts["ko"] += 1
        elif name.startswith(("HIRAGANA", "KATAKANA")):
            counts["ja"] += 1
        elif name.startswith("CJK UNIFIED"):
            counts["zh"] += 1
        else:
            counts["other"] += 1
    cjk = counts["ko"] + counts["ja"] + counts["zh"]
    if cjk <= counts["other"]:
        return None
    if counts["ko"] or counts["ja"]:
        return "ko" if counts["ko"] >= counts["ja"] else "ja"
    return "zh"


def language_of(texts: Iterable[str]) -> str | None:
    """The language a CV's text is written in, when it is clear (langdetect, 90 % sure, on
    enough text; the scripts for Korean, Japanese and Chinese); None otherwise."""
    text = " ".join(texts)
    if len(text) < 40:
        return None
    by_script = _script(text)
    if by_script:
        return by_script
    try:  # the extra sphinx-cv[import]
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:
        return None
    DetectorFactory.seed = 0  # the same answer every time
    try:
        best = detect_langs(text[:20_000])[0]
    except LangDetectException:
        return None
    return str(best.lang).split("-")[0] if best.prob >= 0.9 else None
