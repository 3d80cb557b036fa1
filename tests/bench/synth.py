"""Synthetic BibTeX files for the benchmark: varied types, LaTeX accents, many authors."""

from __future__ import annotations

import random

FIRST = [
    "Anna",
    "Jos{\\'e}",
    'Bj{\\"o}rn',
    'Zo{\\"e}',
    "Fran{\\c{c}}ois",
    "Li",
    "Xingyao",
    "Ren{\\'e}e",
    "{\\O}ystein",
    "Mar{\\'i}a",
    "Jan",
    "Sof{\\'i}a",
    "Kunlin",
    "Ji{\\v{r}}{\\'i}",
]
LAST = [
    'M{\\"u}ller',
    "Garc{\\'i}a",
    "Wang",
    "Nov{\\'a}k",
    "Dvo{\\v{r}}{\\'a}k",
    "O'Brien",
    'Sch{\\"o}n',
    "Yan",
    "Chen",
    '{\\AA}str{\\"o}m',
    "Smith",
    "L{\\'o}pez",
    "Zhang",
]
WORDS = [
    "learning",
    "graphs",
    "scalable",
    "{GPU}",
    "robust",
    "transformers",
    "lane",
    "Hough",
    'na{\\"i}ve',
    "caf{\\'e}",
    "systems",
    "networks",
    "\\& beyond",
    "fast",
    "data",
]
VENUES = [
    "Proceedings of the {IEEE} Conference on Examples",
    "Journal of Synthetic Results",
    "Workshop on Generated Data",
    "Transactions on {B}enchmarks",
]


def entry(i: int, rng: random.Random) -> str:
    kind = rng.choice(["article", "inproceedings", "inproceedings", "book", "phdthesis", "misc"])
    authors = " and ".join(
        f"{rng.choice(LAST)}, {rng.choice(FIRST)}" for _ in range(rng.randint(1, 12))
    )
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 9))).capitalize()
    fields = {
        "author": authors,
        "title": title,
        "year": str(rng.randint(1990, 2025)),
        "month": rng.choice(["jan", "mar", "jun", "aug", "nov"]),
    }
    venue = rng.choice(VENUES)
    fields.update(
        {
            "article": {"journal": venue, "volume": str(rng.randint(1, 40)), "pages": "1--10"},
            "inproceedings": {"booktitle": venue, "pages": f"{i}--{i + 9}"},
            "book": {"publisher": "Example Press"},
            "phdthesis": {"school": "University of Examples"},
            "misc": {"howpublished": "Preprint"},
        }[kind]
    )
    if rng.random() < 0.7:
        fields["doi"] = f"10.{1000 + i % 9000}/bench.{i}"
    if rng.random() < 0.4:
        fields["url"] = f"https://example.org/paper/{i}"
    if rng.random() < 0.3:
        fields["code"] = f"https://example.org/code/{i}"
    if rng.random() < 0.5:
        fields["abstract"] = " ".join(rng.choice(WORDS) for _ in range(60))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@{kind}{{key{i},\n{body}\n}}\n"


def synthetic_bib(n: int, seed: int = 2020) -> str:
    rng = random.Random(seed)
    return "\n".join(entry(i, rng) for i in range(n))


#: Plain-text names for publications given to RenderCV and sphinx-cv alike.
PLAIN_FIRST = ["Anna", "José", "Björn", "Zoë", "François", "Li", "Renée", "María", "Jan", "Kunlin"]
PLAIN_LAST = ["Müller", "García", "Wang", "Novák", "Dvořák", "O'Brien", "Chen", "Smith", "Zhang"]
PLAIN_VENUES = [
    "Proceedings of the IEEE Conference on Examples",
    "Journal of Synthetic Results",
    "Workshop on Generated Data",
    "Transactions on Benchmarks",
]
PLAIN_WORDS = ["learning", "graphs", "scalable", "GPU", "robust", "transformers", "lane",
               "Hough", "systems", "networks", "fast", "data", "sparse", "training"]  # fmt: skip


def publications(n: int, seed: int = 2026) -> list[dict[str, str | list[str]]]:
    """``n`` publications as plain facts (title, authors with the CV's owner among them,
    venue, year, month, DOI), to be written as BibTeX for sphinx-cv and as RenderCV's
    ``publication`` entries: the same entries for both."""
    rng = random.Random(seed)
    found: list[dict[str, str | list[str]]] = []
    for i in range(n):
        authors = [
            f"{rng.choice(PLAIN_FIRST)} {rng.choice(PLAIN_LAST)}" for _ in range(rng.randint(1, 6))
        ]
        authors.insert(rng.randint(0, len(authors)), "Xingyao Wang")
        words = " ".join(rng.choice(PLAIN_WORDS) for _ in range(rng.randint(4, 10)))
        found.append(
            {
                "key": f"pub{i}",
                "title": words.capitalize(),
                "authors": authors,
                "venue": rng.choice(PLAIN_VENUES),
                "year": str(rng.randint(2000, 2025)),
                "month": f"{rng.randint(1, 12):02d}",
                "doi": f"10.{1000 + i}/bench.{i}",
            }
        )
    return found


def as_bibtex(pubs: list[dict[str, str | list[str]]]) -> str:
    """The publications as @inproceedings entries (``Last, First`` names)."""
    out = []
    for p in pubs:
        names = " and ".join(
            "{}, {}".format(*reversed(name.split(" ", 1))) for name in p["authors"]
        )
        out.append(
            f"@inproceedings{{{p['key']},\n  title = {{{p['title']}}},\n  author = {{{names}}},\n"
            f"  booktitle = {{{p['venue']}}},\n  year = {{{p['year']}}},\n"
            f"  month = {{{int(str(p['month']))}}},\n  doi = {{{p['doi']}}},\n}}\n"
        )
    return "\n".join(out)


def as_rendercv(pubs: list[dict[str, str | list[str]]]) -> list[dict[str, object]]:
    """The publications as RenderCV's ``publication`` entries (the owner in italics, as
    RenderCV's own example marks the CV's owner)."""
    return [
        {
            "title": p["title"],
            "authors": [f"*{a}*" if a == "Xingyao Wang" else a for a in p["authors"]],
            "doi": p["doi"],
            "journal": p["venue"],
            "date": f"{p['year']}-{p['month']}",
        }
        for p in pubs
    ]
