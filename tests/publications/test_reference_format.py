"""A reference's text, as every output shows it: each entry type, letter case, the words
of another language, shortened author lists, other pybtex styles and the ``cv`` plugin.

Expected texts are written out: ``<me>`` marks the owner, ``<t>`` the title, ``<em>`` and
``<strong>`` emphasis, ``<a url>`` a link, ``~`` a no-break space. They are pybtex's
``unsrt`` (BibTeX's ``unsrt.bst`` as pybtex writes it) with the ``cv`` style's changes:
titles as written, the owner marked, no web links.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from pybtex.database import parse_string
from pybtex.plugin import find_plugin, register_plugin
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from sphinx_cv.publications.bib import CVStyle, Rich, Span, load_bibliography, plain
from sphinx_cv.publications.bib.rich import OWNER, TITLE, from_pybtex, to_pybtex
from sphinx_cv.publications.bib.style import PybtexFormatter

OWNERS = ["Doe, Jane"]


def show(rich: Rich) -> str:
    """A reference with its marks as tags, no-break spaces as ``~``."""
    out = []
    for part in rich:
        if isinstance(part, str):
            out.append(part.replace("\u00a0", "~"))
        elif part.tag == "href":
            out.append(f"<a {part.url}>{show(part.parts)}</a>")
        else:
            name = {OWNER: "me", TITLE: "t"}.get(part.tag, part.tag)
            out.append(f"<{name}>{show(part.parts)}</{name}>")
    return "".join(out)


#: Each entry, and its reference in English with Jane Doe as the owner.
ENGLISH = [
    # @article: volume(number):pages; "pages" without a volume; no period after "?".
    (r"""@article{art, author = {Doe, Jane and Roe, Rick},
  title = {A {GPU} Study of Na{\"i}ve Things},
  journal = {Journal of Examples}, volume = {12}, number = {3}, pages = {1--10}, year = 2020,
  month = aug, note = {Oral}}""",
     "<me>Jane Doe</me> and Rick Roe. <t>A GPU Study of Naïve Things</t>. "
     "<em>Journal of Examples</em>, 12(3):1–10, August 2020. Oral."),
    # A month as a number (biblatex, JabRef): its name.
    (r"""@article{art_num, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2013,
  month = {12}}""",
     "<me>Jane Doe</me>. <t>T</t>. <em>J</em>, December 2013."),
    (r"""@article{art_num_year, author = {Doe, Jane}, title = {T}, journal = {J},
  year = {2013a}, month = 12}""",
     "<me>Jane Doe</me>. <t>T</t>. <em>J</em>, December 2013a."),
    (r"""@article{art_num13, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2013,
  month = {13}}""",
     "<me>Jane Doe</me>. <t>T</t>. <em>J</em>, 13 2013."),
    (r"""@article{art_pages, author = {Doe, Jane}, title = {Why?}, journal = {J}, pages = {e1-e9},
  year = 2020}""",
     "<me>Jane Doe</me>. <t>Why?</t> <em>J</em>, pages e1–e9, 2020."),
    (r"""@article{art_vol, author = {Doe, J. and Roe, Rick}, title = {T}, journal = {J},
  volume = 4, year = 2020}""",
     "<me>J.~Doe</me> and Rick Roe. <t>T</t>. <em>J</em>, 2020."),
    # Pages: every run of dashes is one en dash (latexcodec makes --- an em dash first).
    (r"""@article{p1, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020,
  pages = {1--10}}""",
     "<me>Jane Doe</me>. <t>T</t>. <em>J</em>, pages 1–10, 2020."),
    (r"@article{p2, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020, pages = {10-}}",
     "<me>Jane Doe</me>. <t>T</t>. <em>J</em>, pages 10–, 2020."),
    (r"""@article{p3, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020,
  pages = {1---2}}""",
     "<me>Jane Doe</me>. <t>T</t>. <em>J</em>, pages 1—2, 2020."),
    (r"""@article{p4, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020,
  pages = {{1--2}}}""",
     "<me>Jane Doe</me>. <t>T</t>. <em>J</em>, pages 1–2, 2020."),
    (r"""@article{p5, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020,
  pages = {e1 - e9, \emph{x}}, volume = {}, number = {3}}""",
     "<me>Jane Doe</me>. <t>T</t>. <em>J</em>, pages e1 – e9, <em>x</em>, 2020."),
    # @book: ISBN; a series alone starts its sentence capitalised; the edition lower-cased.
    (r"""@book{book, author = {Doe, Jane}, title = {The Book}, publisher = {Pub}, address = {Paris},
  year = 2017, isbn = {978-3-16-148410-0}, note = {N}}""",
     "<me>Jane Doe</me>. <em>The Book</em>. Pub, Paris, 2017. ISBN 978-3-16-148410-0. N."),
    (r"""@book{book_ed, editor = {Doe, Jane and Roe, Rick}, title = {T}, publisher = {P},
  year = 2017,
  series = {lower series}, edition = {Third}}""",
     "<me>Jane Doe</me> and Rick Roe, editors. <em>T</em>. Lower series. P, third edition, 2017."),
    (r"""@book{book_vol, author = {Doe, Jane}, title = {T}, publisher = {P}, year = 2017,
  volume = 3,
  series = {lower series}, edition = {{Second}}}""",
     "<me>Jane Doe</me>. <em>T</em>. Volume~3 of lower series. P, Second edition, 2017."),
    (r"""@book{book_num, author = {Doe, Jane}, title = {T}, publisher = {P}, year = 2017,
  number = 7,
  series = {{lower} series}}""",
     "<me>Jane Doe</me>. <em>T</em>. Number~7 in lower series. P, 2017."),
    (r"""@book{book_prot, author = {Doe, Jane}, title = {T}, publisher = {P}, year = 2017,
  series = {{lower} series}}""",
     "<me>Jane Doe</me>. <em>T</em>. lower series. P, 2017."),
    (r"""@book{book_vol_only, author = {Doe, Jane}, title = {T}, publisher = {P}, year = 2017,
  volume = 5}""",
     "<me>Jane Doe</me>. <em>T</em>. Volume~5. P, 2017."),
    # A command's {argument} keeps its case, as in BibTeX; {ACM} too.
    (r"""@book{book_em, author = {Doe, Jane}, title = {T}, publisher = {P}, year = 2017,
  series = {\emph{lower} series}, edition = {\textbf{NEW} {ACM} Edition}}""",
     "<me>Jane Doe</me>. <em>T</em>. <em>lower</em> series. P, <strong>NEW</strong> ACM edition "
     "edition, 2017."),
    (r"""@book{sorted2, author = {Doe, Jane}, title = {T}, publisher = {P}, series = {S},
  year = {{\noopsort{b}}2019}, month = {\relax May}}""",
     "<me>Jane Doe</me>. <em>T</em>. S. P, May 2019."),
    (r"""@booklet{booklet, author = {Doe, Jane}, title = {T}, howpublished = {Online},
  address = {A},
  year = 2012, month = may, note = {N}}""",
     "<me>Jane Doe</me>. <t>T</t>. Online, A, May 2012, N."),
    # @inbook: unsrt keeps the edition's case here.
    (r"""@inbook{inbook, editor = {Poe, Edgar}, title = {T}, chapter = {10}, pages = {3--4},
  publisher = {P}, year = 2018, edition = {Second}, note = {N}}""",
     "Edgar Poe, editor. <em>T</em>, chapter~10, pages 3–4. P, Second edition, 2018, N."),
    (r"""@inbook{inbook_series, author = {Doe, Jane}, title = {T}, chapter = {1}, publisher = {P},
  year = 2018, series = {lower series}, edition = {Second}}""",
     "<me>Jane Doe</me>. <em>T</em>, chapter~1. Lower series. P, Second edition, 2018."),
    (r"""@incollection{coll, author = {Doe, Jane}, title = {T}, booktitle = {B}, editor = {Poe, E.},
  chapter = {3}, pages = {1--2}, publisher = {P}, address = {A}, year = 2019}""",
     "<me>Jane Doe</me>. <t>T</t>. In E.~Poe, editor, <em>B</em>, chapter~3, pages 1–2. P, "
     "A, 2019."),
    (r"""@incollection{coll_ed, author = {Doe, Jane}, title = {T}, booktitle = {B},
  editor = {Poe, E. and Moe, M.}, volume = 2, series = {S}, publisher = {P}, edition = {Second},
  year = 2019}""",
     "<me>Jane Doe</me>. <t>T</t>. In E.~Poe and M.~Moe, editors, <em>B</em>, volume~2 of S. P, "
     "second edition, 2019."),
    # @inproceedings: with an address, the date follows it and the publisher a sentence of its own.
    (r"""@inproceedings{proc, author = {Doe, Jane and Roe, Rick}, title = {T!}, booktitle = {B},
  editor = {Poe, Edgar}, volume = {12}, series = {LNCS}, pages = {3--4}, address = {Paris},
  publisher = {P}, organization = {O}, year = 2021, month = jan, note = {Oral}}""",
     "<me>Jane Doe</me> and Rick Roe. <t>T!</t> In Edgar Poe, editor, <em>B</em>, "
     "volume~12 of LNCS, "
     "3–4. Paris, January 2021. O, P. Oral."),
    (r"""@inproceedings{proc_noaddr, author = {Doe, Jane}, title = {T}, booktitle = {B}, number = 7,
  series = {S}, organization = {O}, publisher = {P}, year = 2021}""",
     "<me>Jane Doe</me>. <t>T</t>. In <em>B</em>, number~7 in S. O, P, 2021."),
    (r"""@inproceedings{proc2, author = {Doe, Jane}, title = {T}, booktitle = {B}, number = 7,
  series = {S}, editor = {A, B and C, D}, organization = {O}, year = 2021}""",
     "<me>Jane Doe</me>. <t>T</t>. In B~A and D~C, editors, <em>B</em>, number~7 in S. O, 2021."),
    # @conference is @inproceedings (unsrt.bst: FUNCTION {conference} { inproceedings }).
    (r"""@conference{conf, author = {Doe, Jane}, title = {T}, booktitle = {B}, pages = {5--6},
  year = 2021}""",
     "<me>Jane Doe</me>. <t>T</t>. In <em>B</em>, 5–6. 2021."),
    (r"""@manual{manual, title = {T}, organization = {O}, address = {A}, edition = {Second},
  year = 2010}""",
     "<em>T</em>. O, A, second edition, 2010."),
    (r"@manual{manual_author, author = {Doe, Jane}, title = {T}, note = {N}}",
     "<me>Jane Doe</me>. <em>T</em>. N."),
    (r"""@mastersthesis{ms, author = {Doe, Jane}, title = {T}, school = {S}, address = {A},
  year = 2013}""",
     "<me>Jane Doe</me>. <t>T</t>. Master's thesis, S, A, 2013."),
    (r"@phdthesis{phd, author = {Doe, Jane}, title = {T}, school = {S}, year = 2014}",
     "<me>Jane Doe</me>. <em>T</em>. PhD thesis, S, 2014."),
    (r"""@phdthesis{phd_type, author = {Doe, Jane}, title = {T}, school = {S},
  type = {Habilitation}, year = 2014}""",
     "<me>Jane Doe</me>. <em>T</em>. Habilitation, S, 2014."),
    (r"""@misc{misc, author = {Doe, Jane}, title = {T}, howpublished = {Online}, year = 2011,
  note = {N}}""",
     "<me>Jane Doe</me>. <t>T</t>. Online, 2011. N."),
    (r"@misc{misc_title, title = {T}}", "<t>T</t>."),
    (r"""@misc{misc2, author = {Doe, J. and Doe, Jane and Roe, R. and Poe, E. and Moe, M.},
  year = 2011}""",
     "<me>J.~Doe</me>, <me>Jane Doe</me>, R.~Roe, E.~Poe, and M.~Moe. 2011."),
    # biblatex's types that BibTeX formats as @misc; the link is not in the text.
    (r"""@online{online, author = {Doe, Jane}, title = {T}, year = 2020,
  url = {https://example.org}}""",
     "<me>Jane Doe</me>. <t>T</t>. 2020."),
    (r"@software{software, author = {Doe, Jane}, title = {T}, year = 2020}",
     "<me>Jane Doe</me>. <t>T</t>. 2020."),
    (r"@dataset{dataset, author = {Doe, Jane}, title = {T}, year = 2020}",
     "<me>Jane Doe</me>. <t>T</t>. 2020."),
    (r"@patent{patent, author = {Doe, Jane}, title = {T}, year = 2020}",
     "<me>Jane Doe</me>. <t>T</t>. 2020."),
    (r"@proceedings{procs, title = {T}, organization = {O}, address = {A}, year = 2016}",
     "O. <em>T</em>, A, 2016."),
    (r"""@proceedings{procs_ed, editor = {Doe, Jane}, title = {T}, volume = 2, series = {S},
  publisher = {P}, year = 2016}""",
     "<me>Jane Doe</me>, editor. <em>T</em>, volume~2 of S, P, 2016."),
    (r"""@techreport{tr, author = {Doe, Jane}, title = {T}, institution = {I}, number = {42},
  address = {A}, year = 2015}""",
     "<me>Jane Doe</me>. <t>T</t>. Technical Report 42, I, A, 2015."),
    (r"""@techreport{tr_type, author = {Doe, Jane}, title = {T}, institution = {I}, type = {Memo},
  year = 2015}""",
     "<me>Jane Doe</me>. <t>T</t>. Memo, I, 2015."),
    (r"@unpublished{un, author = {Doe, Jane}, title = {T}, note = {Draft}, year = 2009}",
     "<me>Jane Doe</me>. <t>T</t>. Draft, 2009."),
    # Names: {ff~}{vv~}{ll}{, jj}, a tie after a short part and before the last word of
    # a part; an East Asian name family name first; the owner as "Doe, Jr., Jane" too.
    (r"""@article{names, author = {Charles Louis Xavier Joseph de la Vall{\'e}e Poussin and
  Doe, Jr., Jane and Li, Yi and {\relax Ch}ristopher Ng and 王, 星尧}, title = {T}, journal = {J},
  year = 2001}""",
     "Charles Louis Xavier~Joseph de~la Vallée~Poussin, <me>Jane Doe, Jr.</me>, Yi~Li, "
     "Christopher Ng, and 王星尧. <t>T</t>. <em>J</em>, 2001."),
    # More than ten authors: the first ten, the owner after "…", "et al.".
    (r"""@article{many, author = {A, A and B, B and C, C and D, D and E, E and F, F and G, G and
  H, H and I, I and J, J and K, K and Doe, Jane and M, M}, title = {T}, journal = {J},
  year = 2002}""",
     "A~A, B~B, C~C, D~D, E~E, F~F, G~G, H~H, I~I, J~J, …, <me>Jane Doe</me>, et al. <t>T</t>. "
     "<em>J</em>, 2002."),
    (r"""@article{many2, author = {A, A and B, B and C, C and D, D and E, E and F, F and G, G and
  H, H and I, I and J, J and K, K and L, L}, title = {T}, journal = {J}, year = 2002}""",
     "A~A, B~B, C~C, D~D, E~E, F~F, G~G, H~H, I~I, J~J, et al. <t>T</t>. <em>J</em>, 2002."),
    (r"""@article{math, author = {M{\"o}ller, J{\"o}rg},
  title = {Decays of $h^{++}$ at \"ot $\alpha$ and \emph{x}}, journal = {J}, year = 2005}""",
     "Jörg Möller. <t>Decays of h⁺⁺ at öt α and <em>x</em></t>. <em>J</em>, 2005."),
    (r"""@article{sorted, author = {Doe, Jane}, title = {T}, journal = {J},
  year = {{\noopsort{a}}2020}}""",
     "<me>Jane Doe</me>. <t>T</t>. <em>J</em>, 2020."),
    # Lacking a field its type needs, or of an unknown type: @misc with what it has.
    (r"@article{missing, author = {Doe, Jane}, title = {T}, booktitle = {Somewhere}, year = 2003}",
     "<me>Jane Doe</me>. <t>T</t>. Somewhere, 2003."),
    (r"@article{vol, author = {Doe, Jane}, title = {Why?}, journal = {}, year = 2020, volume = 4}",
     "<me>Jane Doe</me>. <t>Why?</t> 2020."),
    (r"@article{noyear, author = {Doe, Jane}, title = {T}, journal = {J}}",
     "<me>Jane Doe</me>. <t>T</t>. J."),
    (r"@weird{unknown, author = {Doe, Jane}, title = {T}, year = 2004}",
     "<me>Jane Doe</me>. <t>T</t>. 2004."),
]  # fmt: skip
ALL = "\n".join(entry for entry, _ in ENGLISH)
KEYS = [re.match(r"@\w+\{(\w+),", entry).group(1) for entry, _ in ENGLISH]  # type: ignore[union-attr]


@pytest.mark.parametrize(("entry", "expected"), ENGLISH, ids=KEYS)
def test_each_entry_in_english(entry: str, expected: str) -> None:
    bib = load_bibliography(entry, owners=OWNERS)
    [publication] = bib.publications.values()
    assert show(publication.formatted) == expected


def test_what_is_shown_as_misc_is_reported() -> None:
    bib = load_bibliography(ALL, owners=OWNERS)
    assert [p.message.split(":")[0] for p in bib.problems] == [
        "entry 'art_num13'", "entry 'missing'", "entry 'vol'", "entry 'noyear'",
        "entry 'unknown'"
    ]  # fmt: skip


def formatted(**options: Any) -> dict[str, str]:
    bib = load_bibliography(ALL, owners=OWNERS, **options)
    return {key: show(pub.formatted) for key, pub in bib.publications.items()}


def test_words_dates_and_names_in_another_language() -> None:
    """French: the catalogue's words (here «marked»), CLDR's months and "et"."""
    french = formatted(language="fr", gettext=lambda word: f"«{word}»")
    assert {key: french[key] for key in FRENCH} == FRENCH


FRENCH = {
    "art": "<me>Jane Doe</me> et Rick Roe. <t>A GPU Study of Naïve Things</t>. "
    "<em>Journal of Examples</em>, 12(3):1–10, août 2020. Oral.",
    "art_pages": "<me>Jane Doe</me>. <t>Why?</t> <em>J</em>, «pages» e1–e9, 2020.",
    "book": "<me>Jane Doe</me>. <em>The Book</em>. Pub, Paris, 2017. «ISBN» 978-3-16-148410-0. N.",
    "book_ed": "<me>Jane Doe</me> et Rick Roe, «editors». <em>T</em>. Lower series. P, third "
    "«edition», 2017.",
    "book_vol": "<me>Jane Doe</me>. <em>T</em>. «Volume»~3 «of» lower series. P, Second «edition», "
    "2017.",
    "booklet": "<me>Jane Doe</me>. <t>T</t>. Online, A, mai 2012, N.",
    "inbook": "Edgar Poe, «editor». <em>T</em>, «chapter»~10, «pages» 3–4. P, Second «edition», "
    "2018, N.",
    "coll": "<me>Jane Doe</me>. <t>T</t>. «In» E.~Poe, «editor», <em>B</em>, «chapter»~3, «pages» "
    "1–2. P, A, 2019.",
    "proc": "<me>Jane Doe</me> et Rick Roe. <t>T!</t> «In» Edgar Poe, «editor», <em>B</em>, "
    "«volume»~12 «of» LNCS, 3–4. Paris, janvier 2021. O, P. Oral.",
    "ms": "<me>Jane Doe</me>. <t>T</t>. «Master's thesis», S, A, 2013.",
    "phd": "<me>Jane Doe</me>. <em>T</em>. «PhD thesis», S, 2014.",
    "tr": "<me>Jane Doe</me>. <t>T</t>. «Technical Report» 42, I, A, 2015.",
    "names": "Charles Louis Xavier~Joseph de~la Vallée~Poussin, <me>Jane Doe, Jr.</me>, Yi~Li, "
    "Christopher Ng et 王星尧. <t>T</t>. <em>J</em>, 2001.",
    "many": "A~A, B~B, C~C, D~D, E~E, F~F, G~G, H~H, I~I, J~J, …, <me>Jane Doe</me>, «et al.». "
    "<t>T</t>. <em>J</em>, 2002.",
}


def test_a_translated_word_that_starts_a_sentence_is_capitalised() -> None:
    """A catalogue in lower case: "volume" starting the series' sentence is "Volume"."""
    german = formatted(language="de", gettext=str.lower)
    assert {key: german[key] for key in LOWER} == LOWER


LOWER = {
    "book_vol": "<me>Jane Doe</me>. <em>T</em>. Volume~3 of lower series. P, Second edition, 2017.",
    "book_num": "<me>Jane Doe</me>. <em>T</em>. Number~7 in lower series. P, 2017.",
    "book_ed": "<me>Jane Doe</me> und Rick Roe, editors. <em>T</em>. Lower series. P, third "
    "edition, 2017.",
    "tr": "<me>Jane Doe</me>. <t>T</t>. technical report 42, I, A, 2015.",
    "proc_noaddr": "<me>Jane Doe</me>. <t>T</t>. in <em>B</em>, number~7 in S. O, P, 2021.",
}


def test_shortened_author_lists() -> None:
    short = formatted(max_authors=3)
    assert {key: short[key] for key in SHORT} == SHORT


SHORT = {
    "names": "Charles Louis Xavier~Joseph de~la Vallée~Poussin, <me>Jane Doe, Jr.</me>, Yi~Li, "
    "et al. <t>T</t>. <em>J</em>, 2001.",
    "many": "A~A, B~B, C~C, …, <me>Jane Doe</me>, et al. <t>T</t>. <em>J</em>, 2002.",
    "many2": "A~A, B~B, C~C, et al. <t>T</t>. <em>J</em>, 2002.",
    "misc2": "<me>J.~Doe</me>, <me>Jane Doe</me>, R.~Roe, et al. 2011.",
}


def test_each_name_is_formatted_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Authors recur across entries: a name is formatted once per file."""
    from sphinx_cv.publications.bib import cvformat
    from sphinx_cv.publications.bib.names import full_name

    calls: list[str] = []

    def counted(person: Any) -> Any:
        calls.append(str(person))
        return full_name(person)

    monkeypatch.setattr(cvformat, "full_name", counted)
    bib = load_bibliography(
        "@article{a, author={Doe, Jane and Roe, Richard}, title={A}, journal={J}, year=2020}\n"
        "@article{b, author={Doe, Jane}, title={B}, journal={J}, year=2021}\n"
        "@article{c, author={Roe, Richard}, title={C}, journal={J}, year=2022}\n",
        owners=OWNERS,
    )
    assert sorted(calls) == ["Doe, Jane", "Roe, Richard"]
    assert [plain(p.formatted) for p in bib.publications.values()] == [
        "Jane Doe and Richard Roe. A. J, 2020.",
        "Jane Doe. B. J, 2021.",
        "Richard Roe. C. J, 2022.",
    ]


# Other pybtex styles: pybtex's templates, our LaTeX decoding ----------------------------

UNSRT = {
    # unsrt's sentence-case title; math and {GPU} keep their letters.
    "art": "Jane Doe and Rick Roe. A GPU study of naïve things. <em>Journal of Examples</em>, "
    "12(3):1–10, August 2020. Oral.",
    "math": "Jörg Möller. Decays of h⁺⁺ at öt α and <em>x</em>. <em>J</em>, 2005.",
    "book_em": "Jane Doe. <em>T</em>. <em>lower</em> series. P, <strong>NEW</strong> ACM edition "
    "edition, 2017.",
    "sorted": "Jane Doe. T. <em>J</em>, 2020.",
    "sorted2": "Jane Doe. <em>T</em>. S. P, May 2019.",
    "p5": "Jane Doe. T. <em>J</em>, pages e1 – e9, <em>x</em>, 2020.",
    # The name is pybtex's (the cv style's is family name first); \relax prints nothing.
    "names": "Charles Louis Xavier~Joseph de~la Vallée~Poussin, Jane Doe, Jr., Yi~Li, "
    "Christopher Ng, and 星尧~王. T. <em>J</em>, 2001.",
    # Its own web links.
    "online": "Jane Doe. T. 2020. URL: <a https://example.org>https://example.org</a>.",
    "conf": "Jane Doe. T. In <em>B</em>, 5–6. 2021.",
}


def test_unsrt_decodes_latex_as_the_cv_style_does() -> None:
    unsrt = formatted(style="unsrt")
    assert {key: unsrt[key] for key in UNSRT} == UNSRT


@pytest.mark.parametrize("style", ["cv", "unsrt", "plain", "alpha"])
def test_a_title_reads_the_same_in_every_style(style: str) -> None:
    bib = load_bibliography(
        r"@article{k, author = {M{\"o}ller, J{\"o}rg}, journal = {J}, year = 2005,"
        r" title = {{Decays of $h^{++}$ in M\"obius \emph{strips}, \TeX{} and \'{E}cole}}}",
        style=style,
    )
    assert bib.problems == []
    text = plain(bib.publications["k"].formatted)
    assert "Decays of h⁺⁺ in Möbius strips, TeX and École." in text
    assert "Jörg Möller" in text


def test_a_style_that_formats_entries_its_own_way_gets_decoded_names() -> None:
    class OwnWay(UnsrtStyle):  # type: ignore[misc]
        def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> Any:
            last = entry.persons["author"][0].rich_last_names
            return FormattedEntry(entry.key, Text("by ", *last), label)

    [entry] = parse_string(
        r"@misc{k, author = {M{\"o}ller, J{\"o}rg}, title = {T}}", "bibtex"
    ).entries.values()
    assert PybtexFormatter(OwnWay()).format(entry) == ("by Möller",)


class _Broken(UnsrtStyle):  # type: ignore[misc]
    def get_article_template(self, e: Any) -> Any:
        raise RuntimeError("no articles")


register_plugin("pybtex.style.formatting", "sphinx-cv-test-broken", _Broken)


def test_a_style_that_fails_shows_the_title_and_says_why() -> None:
    bib = load_bibliography(
        "@article{k, author = {Doe, Jane}, title = {A {GPU} Title}, journal = {J}, year = 2020}",
        style="sphinx-cv-test-broken",
    )
    assert bib.publications["k"].formatted == ("A GPU Title",)
    [problem] = bib.problems
    assert problem.message == (
        "entry 'k': the style failed on it (RuntimeError: no articles); only its title is shown"
    )


# The cv style as a pybtex plugin ---------------------------------------------------------


def test_the_cv_plugin_formats_as_the_site_does() -> None:
    """Another pybtex user picks ``cv`` by name and gets the site's references."""
    assert find_plugin("pybtex.style.formatting", "cv") is CVStyle
    keys = ["art", "book_ed", "book_em", "coll", "proc", "names", "many", "math"]
    source = "\n".join(entry for (entry, _), key in zip(ENGLISH, KEYS, strict=True) if key in keys)
    data = parse_string(source, "bibtex")
    style = find_plugin("pybtex.style.formatting", "cv")(owners=OWNERS)
    entries = list(style.format_bibliography(data).entries)
    site = load_bibliography(source, owners=OWNERS).publications
    assert [e.key for e in entries] == keys
    for entry in entries:
        assert from_pybtex(entry.text) == site[entry.key].formatted, entry.key
    assert entries[0].text.render_as("text") == (
        "Jane Doe and Rick Roe. A GPU Study of Naïve Things. Journal of Examples, 12(3):1–10, "
        "August 2020. Oral."
    )


def test_rich_text_goes_to_pybtex_and_back() -> None:
    rich: Rich = ("A ", Span("em", ("b", Span("href", ("c",), "https://x.org"))), " d")
    assert from_pybtex(to_pybtex(rich)) == rich
    assert to_pybtex(rich).render_as("html") == 'A <em>b<a href="https://x.org">c</a></em> d'
