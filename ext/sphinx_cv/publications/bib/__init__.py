"""Publications from BibTeX, in pure Python on pybtex: no Sphinx import.

- :mod:`.reading`: parsing a .bib file, each bad entry costing only itself;
- :mod:`.problems`: what is wrong, at a line, and the same cause said once;
- :mod:`.latex`: LaTeX in fields to Unicode text;
- :mod:`.fields`: entry types, required fields, dates and links;
- :mod:`.names`: people's names: the owner, how a name reads, how citations name authors;
- :mod:`.cvformat`: the ``cv`` style, the one formatter of the site's references;
- :mod:`.style`: styles by name (other pybtex styles through our LaTeX decoding, the ``cv``
  pybtex plugin) and how every entry is formatted whatever its style;
- :mod:`.bibtex`: the BibTeX block shown for copying;
- :mod:`.rich`: a formatted reference in a compact form, for every builder;
- :mod:`.publication`: :func:`load_bibliography`, the checked and formatted entries;
- :mod:`.select`: filters, order and groups of a listing.
"""

from __future__ import annotations

from .fields import REQUIRED_FIELDS, TYPE_NAMES, Link
from .names import is_owner
from .problems import Problem, summarize
from .publication import Bibliography, Publication, load_bibliography
from .rich import Rich, Span, plain
from .select import group_publications, newest_first, parse_year_range, select_publications
from .style import CVStyle, check_style

__all__ = [
    "REQUIRED_FIELDS",
    "TYPE_NAMES",
    "Bibliography",
    "CVStyle",
    "Link",
    "Problem",
    "Publication",
    "Rich",
    "Span",
    "check_style",
    "group_publications",
    "is_owner",
    "load_bibliography",
    "newest_first",
    "parse_year_range",
    "plain",
    "select_publications",
    "summarize",
]
