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
