"""Text of a value that is the same in every process: what keys of "has this changed?"
are made of (a PDF's sources, a variant, a setting).

``repr`` orders a set by its members' hashes, and Python salts the hashes of text anew in
each process: two builds would see two keys for one variant. Pure Python.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

__all__ = ["stable_text"]


def stable_text(value: Any) -> str:
    """``repr(value)`` with each set and dictionary sorted, through dataclasses, tuples and
    lists (a tuple is written as a list)."""
    if is_dataclass(value) and not isinstance(value, type):
        inner = ", ".join(f"{f.name}={stable_text(getattr(value, f.name))}" for f in fields(value))
        return f"{type(value).__name__}({inner})"
    if isinstance(value, dict):
        items = sorted(f"{stable_text(key)}: {stable_text(item)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable_text(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable_text(item) for item in value) + "]"
    return repr(value)
