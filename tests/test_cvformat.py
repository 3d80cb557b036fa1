"""The ``cv`` style formatted without pybtex's templates gives pybtex's text, part for part.

Every entry of the real .bib files, of the test roots, of this CV and of synthetic
files is formatted both ways (the direct formatter, and the pybtex style it stands in
for), in English and in a translated language, with long author lists shortened.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sphinx_cv.publications.bib import load_bibliography
from sphinx_cv.publications.bib.cvformat import DirectFormatter
from test_real_bibs import BIBS, FILES

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from synth import synthetic_bib

HERE = Path(__file__).parent
OWN = sorted(str(p.relative_to(HERE)) for p in (HERE / "roots").rglob("*.bib"))
EDGES = r"""
@article{pages1, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020, pages = {1--10}}
@article{pages2, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020, pages = {10-}}
@article{pages3, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020, pages = {-}}
@article{pages4, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020, pages = {1---2}}
@article{pages5, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020, pages = {{1--2}}}
@article{pages6, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2020,
  pages = {e1 - e9, \emph{x}}, volume = {}, number = {3}}
@article{vol, author = {Doe, Jane}, title = {Why?}, journal = {}, year = 2020, volume = 4}
@inproceedings{proc, author = {Doe, Jane and Roe, Rick}, title = {T!}, booktitle = {B},
  editor = {Poe, Edgar}, volume = {12}, series = {LNCS}, pages = {3--4}, address = {Paris},
  publisher = {P}, organization = {O}, year = 2021, month = jan, note = {Oral}}
@inproceedings{proc2, author = {Doe, Jane}, title = {T}, booktitle = {B}, number = 7,
  series = {S}, editor = {A, B and C, D}, organization = {O}, year = 2021}
@incollection{coll, author = {Doe, Jane}, title = {T}, booktitle = {B}, editor = {Poe, E.},
  chapter = {3}, pages = {1--2}, publisher = {P}, address = {A}, year = 2019}
@inbook{inb, editor = {Poe, Edgar}, title = {T}, chapter = {10}, publisher = {P}, year = 2018,
  edition = {Second}, note = {N}}
@book{book, author = {Doe, Jane}, title = {T}, publisher = {P}, address = {A}, year = 2017,
  isbn = {978-3-16-148410-0}, note = {N}}
@book{book2, editor = {Doe, Jane and Roe, Rick}, title = {T}, publisher = {P}, year = 2017,
  series = {lower series}, edition = {Third}}
@proceedings{procs, title = {T}, organization = {O}, address = {A}, year = 2016}
@proceedings{procs2, editor = {Doe, Jane}, title = {T}, volume = 2, publisher = {P}, year = 2016}
@techreport{tr, author = {Doe, Jane}, title = {T}, institution = {I}, number = {42}, year = 2015}
@techreport{tr2, author = {Doe, Jane}, title = {T}, institution = {I}, type = {Memo}, year = 2015}
@phdthesis{phd, author = {Doe, Jane}, title = {T}, school = {S}, type = {Habilitation}, year = 2014}
@mastersthesis{ms, author = {Doe, Jane}, title = {T}, school = {S}, address = {A}, year = 2013}
@manual{man, title = {T}, organization = {O}, edition = {2nd}}
@manual{man2, author = {Doe, Jane}, title = {T}, address = {A}}
@booklet{bk, author = {Doe, Jane}, title = {T}, howpublished = {Online}, year = 2012, month = may}
@unpublished{un, author = {Doe, Jane}, title = {T}, note = {Draft}}
@misc{misc, title = {T}}
@misc{misc2, author = {Doe, J. and Doe, Jane and Roe, R. and Poe, E. and Moe, M.}, year = 2011}
@article{noyear, author = {Doe, Jane}, title = {T}, journal = {J}}
@online{web, author = {Doe, Jane}, title = {T}, year = 2020, url = {https://example.org}}
@article{sorted, author = {Doe, Jane}, title = {T}, journal = {J}, year = {{\noopsort{a}}2020}}
@book{sorted2, author = {Doe, Jane}, title = {T}, publisher = {P}, series = {S},
  year = {{\noopsort{b}}2019}, month = {\relax May}}
"""


def sources() -> Iterator[tuple[str, str]]:
    for name in FILES:
        yield name, (BIBS / name).read_text(encoding="utf-8")
    for name in OWN:
        yield name, (HERE / name).read_text(encoding="utf-8")
    yield "this CV", (HERE.parent / "bib" / "publications.bib").read_text(encoding="utf-8")
    yield "edge cases", EDGES
    for seed in (1, 2):
        yield f"synthetic {seed}", synthetic_bib(1500, seed=seed)


SOURCES = dict(sources())
#: Settings that change the text: the owner, shortening, another language's words.
SETTINGS = {
    "english": {"owners": ["Doe, Jane", "Wang, Xingyao"], "max_authors": 10},
    "shortened": {"owners": ["Doe, Jane", "Chen, Anna"], "max_authors": 3},
    "translated": {
        "owners": ["Doe, Jane"],
        "language": "fr",
        "gettext": lambda word: f"«{word}»",
    },
}


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("name", SOURCES)
def test_direct_formatting_is_the_pybtex_style(
    name: str, setting: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, options = SOURCES[name], SETTINGS[setting]
    counted = {"direct": 0}
    original = DirectFormatter.format

    def counting(self: DirectFormatter, entry: object) -> object:
        result = original(self, entry)  # type: ignore[arg-type]
        counted["direct"] += result is not None
        return result

    monkeypatch.setattr(DirectFormatter, "format", counting)
    direct = load_bibliography(text, **options)  # type: ignore[arg-type]
    monkeypatch.setattr(DirectFormatter, "format", lambda self, entry: None)
    pybtex = load_bibliography(text, **options)  # type: ignore[arg-type]
    assert direct.publications.keys() == pybtex.publications.keys()
    for key, pub in direct.publications.items():
        assert pub.formatted == pybtex.publications[key].formatted, key
    assert direct.problems == pybtex.problems
    # Most entries are formatted directly (a few shapes are left to pybtex on purpose).
    assert counted["direct"] >= 0.7 * len(direct.publications)
