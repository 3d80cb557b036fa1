"""``nox -s bench``: sphinx-cv against sphinxcontrib-bibtex and RenderCV, side by side.

Four parts, each alone with ``--site-only``, ``--publications-only``, ``--rendercv-only`` or
``--edit-only`` (flags combine; none: all four). Every target is a ratio of numbers measured
in this same run, alternating the order of what is compared, each build in a fresh process,
so that a noisy, shared machine still gives comparable results.

- site: the flagship CV of docs/ built clean as a website, as a PDF and both in one run (how
  much of it is WeasyPrint's layout); each page's first-visit weight in Chromium, and
  Lighthouse 12 scores (``lighthouse.py``).
- publications: for 1 000 and 10 000 synthetic entries (LaTeX accents, varied types) and for
  the real files of ``data/`` (``realbib.py``: Beebe's tugboat.bib, 4 839 entries with @String
  macros, and texbook3.bib, with crossrefs; as written and in a copy pybtex can read), one page
  listing all of them two ways: ``sphinx-cv`` (``.. publications::``, default options) and
  ``sphinxcontrib-bibtex`` (``.. bibliography:: :all:``); beside them ``empty`` (one empty
  page, no extension: the floor) and ``empty, with sphinx_cv`` (the same with the extension:
  the no-change target's yardstick, "an empty project with the same extensions"). Each built
  clean, then again with nothing changed (median of ``--repeat`` runs at the smallest size,
  one run otherwise): time, peak memory, the page's bytes and apart from them the on-demand
  files' (``_cv/``), the entries each listed, and which project cannot build a file, and why.
- rendercv: the whole CV against RenderCV (``wholecv.py``), as is and with 500
  publications, and the PDF's layout time as its publications grow (``--growth``).
- edit: one bullet of experience.md changed after a clean build, against a no-change rebuild.

The tables, then every target of issue 26 with its ratio and "met"/"NOT met", are printed
and written to ``build/bench/results.md``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

from lighthouse import lighthouse_table
from realbib import REAL_BIBS, entry_count, pybtex_readable, read_real
from sphinxrun import BuildError, build
from synth import synthetic_bib
from wholecv import Target, edit_one_bullet, versus_rendercv

HERE = Path(__file__).parent
#: Issue 14's target for the whole CV (site and PDF) against the website alone.
WHOLE_CV_TARGET = 1.5
OUT = HERE.parent.parent / "build" / "bench"

#: name → (conf.py, publications.rst); each project's index.rst links to the page.
#: Every project keeps its output out of its sources, as sphinx-quickstart's conf.py does.
EXCLUDE = 'exclude_patterns = ["_build"]\n'
PROJECTS = {
    "sphinx-cv": (
        'extensions = ["sphinx_cv"]\ncv_bibfiles = ["refs.bib"]\ncv_owner = ["Wang, Xingyao"]\n'
        + EXCLUDE,
        "Publications\n============\n\n.. publications::\n",
    ),
    "sphinxcontrib-bibtex": (
        'extensions = ["sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["refs.bib"]\n' + EXCLUDE,
        "Publications\n============\n\n.. bibliography::\n   :all:\n",
    ),
    "empty": (EXCLUDE, ""),
    # The no-change target's yardstick: an empty project with the same extension.
    "empty, with sphinx_cv": ('extensions = ["sphinx_cv"]\n' + EXCLUDE, ""),
}
INDEX = "CV\n==\n\n.. toctree::\n\n   publications\n"


def make_project(root: Path, name: str, bib: str) -> Path:
    src = root / "".join(c if c.isalnum() else "-" for c in name)
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    conf, page = PROJECTS[name]
    (src / "conf.py").write_text(conf)
    if name.startswith("empty"):
        (src / "index.rst").write_text("Empty\n=====\n")
        return src
    (src / "index.rst").write_text(INDEX)
    (src / "publications.rst").write_text(page)
    (src / "refs.bib").write_text(bib)
    return src


def page_weights(site: Path) -> str:
    """Bytes each page of the site makes a first-time visitor fetch (HTML, CSS, JS, fonts)."""
    sys.path.insert(0, str(HERE.parent / "browser"))
    from support import PAGES, browser, compressed_size, find_chromium, first_visit, serve

    executable = find_chromium()
    if executable is None:
        return "(page weights need Chromium: apt-get install chromium)"
    rows = [
        "| page | requests | bytes | gzip | of which fonts | of which JS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    with serve(site) as base, browser(executable) as chromium:
        for name in PAGES:
            bodies = first_visit(chromium, f"{base}{name}.html")
            total = sum(len(b) for b in bodies.values())
            packed = compressed_size(bodies)
            fonts = sum(len(b) for u, b in bodies.items() if ".woff" in u)
            js = sum(len(b) for u, b in bodies.items() if ".js" in u)
            rows.append(
                f"| {name} | {len(bodies)} | {total / 1024:.0f} KB | {packed / 1024:.0f} KB | "
                f"{fonts / 1024:.0f} KB | {js / 1024:.0f} KB |"
            )
    return "\n".join(rows)


def site_timings(root: Path, repeat: int) -> str:
    """The CV of docs/ built clean as a website alone, as a PDF alone, and both in one run
    (``sphinx-cv build``, as ``nox -s build``; and with sphinx-build), interleaved, same run."""
    repo = HERE.parent.parent
    times: dict[str, list[float]] = {"html": [], "pdf": [], "both": [], "plain": []}
    weasy: dict[str, list[float]] = {"pdf": [], "both": [], "plain": []}
    for i in range(repeat):
        work = root / "site" / str(i)
        shutil.rmtree(work, ignore_errors=True)
        for folder in ("docs", "bib"):
            shutil.copytree(repo / folder, work / folder)
        src, out = work / "docs", work / "build"
        runs = {  # interleaved, fresh processes, clean builds
            "html": (["-D", "cv_pdf_with_site=0", "-d", str(out / "d-html")], out / "site"),
            "pdf": (["-b", "cvpdf", "-d", str(out / "d-pdf")], out / "pdf"),
            "both": (["-d", str(out / "d-both")], out / "html"),
            "plain": (["-d", str(out / "d-plain")], out / "plain"),
        }
        for name, (options, target) in runs.items():
            command = "sphinx-build" if name in ("html", "plain") else "sphinx-cv"
            result = build(src, *options, out=target, command=command)
            times[name].append(result["wall"])
            if name in weasy:
                weasy[name].append(result["weasyprint"])
    h_s, p_s, b_s, s_s = (statistics.median(times[k]) for k in ("html", "pdf", "both", "plain"))
    w_p, w_b, w_s = (statistics.median(weasy[k]) for k in ("pdf", "both", "plain"))
    weights = page_weights(out / "html")
    scores, _ = lighthouse_table(out / "html")
    verdict = "met" if b_s / h_s <= WHOLE_CV_TARGET else "NOT met"
    return "\n".join(
        [
            "| the CV of docs/, clean build | time | of which waiting for WeasyPrint | "
            "ratio to HTML |",
            "|---|---:|---:|---:|",
            f"| website alone (`sphinx-build -b html`, `cv_pdf_with_site = False`) | "
            f"{h_s:.2f} s | – | 1.00 |",
            f"| PDF alone (`sphinx-cv build -b cvpdf`) | {p_s:.2f} s | {w_p:.2f} s | "
            f"{p_s / h_s:.2f} |",
            f"| both, one run (`sphinx-cv build -b html`, `cv_pdf_with_site = True`) | "
            f"{b_s:.2f} s | {w_b:.2f} s | {b_s / h_s:.2f} |",
            f"| both, one run, with `sphinx-build` (no head start) | {s_s:.2f} s | "
            f"{w_s:.2f} s | {s_s / h_s:.2f} |",
            f"| both, two runs (PDF, then site) | {h_s + p_s:.2f} s | – | "
            f"{(h_s + p_s) / h_s:.2f} |",
            "",
            f"Target: the whole CV, site and PDF, ≤ {WHOLE_CV_TARGET}× the website alone: "
            f"{b_s / h_s:.2f}, {verdict}.",
            "",
            weights,
            "",
            scores,
        ]
    )


#: Issue 26's targets, as same-run ratios of sphinx-cv to sphinxcontrib-bibtex (or to an
#: empty project for the no-change rebuild).
TARGETS = {"clean_synthetic": 0.33, "clean_real": 0.5, "memory": 1.0, "page": 1.5, "nochange": 1.3}


def cases(sizes: list[int]) -> list[tuple[str, str, int]]:
    """(label, .bib text, entries): the synthetic sizes, then each real file as written and
    the copy that pybtex can read in full (see ``realbib.py``)."""
    found = [(f"synthetic, {n:,}", synthetic_bib(n), n) for n in sizes]
    for name, what in REAL_BIBS.items():
        text = read_real(name)
        repaired, repairs = pybtex_readable(text)
        label = f"real: {name} ({entry_count(text):,} entries, {what})"
        found.append((label, text, entry_count(text)))
        if repairs:
            NOTES.append(f"{label}, pybtex-readable copy: {'; '.join(repairs)}")
            found.append((f"{label}, pybtex-readable copy", repaired, entry_count(repaired)))
    return found


def page_bytes(out: Path) -> tuple[int, int, int]:
    """The listing page's bytes, the on-demand files' bytes (abstracts and BibTeX fetched
    when asked, ``_cv/``), and the entries the page lists (either extension's markup)."""
    page = out / "publications.html"
    if not page.is_file():
        return 0, 0, 0
    html = page.read_text(encoding="utf-8")
    listed = html.count('class="cv-pub-text') + html.count('<div class="citation"')
    extra = sum(f.stat().st_size for f in (out / "_cv").rglob("*") if f.is_file())
    return page.stat().st_size, extra, listed


#: What the measurement had to leave out, printed under the table.
NOTES: list[str] = []


def measure_case(
    root: Path, label: str, bib: str, runs_of: int, runs: dict[str, dict[str, list[float]]]
) -> dict[str, str]:
    """Each project built clean and again, ``runs_of`` times, alternating the projects'
    order; the projects that cannot build the file, with why."""
    failed: dict[str, str] = {}
    real = label.startswith("real")
    for i in range(runs_of):
        order = list(PROJECTS) if i % 2 == 0 else list(reversed(PROJECTS))
        for name in order:
            if name in failed:
                continue
            src = make_project(root / "".join(c for c in label if c.isalnum()), name, bib)
            try:
                clean = build(src, problems_ok=real)
                again = build(src, problems_ok=real)
            except BuildError as failure:
                if not real:
                    raise
                lines = str(failure).splitlines()
                failed[name] = next((x.strip() for x in reversed(lines) if "Error" in x), lines[0])
                continue
            page, extra, listed = page_bytes(src / "_build")
            for key, value in (
                ("clean", clean["wall"]),
                ("nochange", again["wall"]),
                ("rss", max(clean["rss_mb"], again["rss_mb"])),
                ("page", page),
                ("extra", extra),
                ("listed", listed),
                ("problems", clean["problems"]),
            ):
                runs[name][key].append(value)
    return failed


def measure(root: Path, sizes: list[int], repeat: int) -> dict[tuple[str, str], dict[str, float]]:
    results: dict[tuple[str, str], dict[str, float]] = {}
    for label, bib, n in cases(sizes):
        runs: dict[str, dict[str, list[float]]] = {
            name: {
                k: [] for k in ("clean", "nochange", "rss", "page", "extra", "listed", "problems")
            }
            for name in PROJECTS
        }
        runs_of = repeat if label.startswith("synthetic") and n <= min(sizes) else 1
        failed = measure_case(root, label, bib, runs_of, runs)
        for name, why in failed.items():
            print(f"  {name} cannot build {label}: {why}", file=sys.stderr)
            NOTES.append(f"{name} cannot build {label}: {why[:300]}")
        for name, r in runs.items():
            if name in failed:
                continue
            results[(name, label)] = {
                "clean": statistics.median(r["clean"]),
                "nochange": statistics.median(r["nochange"]),
                "rss": max(r["rss"]),
                "page": max(r["page"]),
                "extra": max(r["extra"]),
                "listed": max(r["listed"]),
                "problems": max(r["problems"]),
                "entries": n,
            }
            print(
                f"  {name:22} {label}: clean {results[(name, label)]['clean']:.2f} s",
                file=sys.stderr,
            )
    return results


def table(results: dict[tuple[str, str], dict[str, float]]) -> tuple[str, list[Target]]:
    labels = list(dict.fromkeys(label for _, label in results))
    targets: list[Target] = []
    rows = [
        "| project | .bib | entries listed | clean build | no-change rebuild | peak memory | "
        "page | on demand (`_cv/`) | problems reported |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label in labels:
        for name in PROJECTS:
            r = results.get((name, label))
            if r is None:
                rows.append(f"| {name} | {label} | cannot build it (see the notes) | | | | | | |")
                continue
            listed = (
                "–" if name.startswith("empty") else f"{r['listed']:,.0f} of {r['entries']:,.0f}"
            )
            rows.append(
                f"| {name} | {label} | {listed} | {r['clean']:.2f} s | {r['nochange']:.2f} s | "
                f"{r['rss']:.0f} MB | {r['page'] / 1024:,.0f} KB | {r['extra'] / 1024:,.0f} KB | "
                f"{r['problems']:.0f} |"
            )
    rows += ["", "| ratio (same run) | .bib | measured | target | |", "|---|---|---:|---|---|"]

    def row(what: str, label: str, value: float, target: float, why_not: str = "") -> str:
        met = why_not or ("met" if value <= target else "NOT met")
        targets.append((f"{what} ({label})", value, f"≤ {target}", met))
        return f"| {what} | {label} | {value:.2f} | ≤ {target} | {met} |"

    for label in labels:
        ours, theirs, empty, same = (results.get((p, label)) for p in PROJECTS)
        if ours is None or empty is None or same is None:
            continue
        if theirs is not None:
            # A ratio against a listing of fewer entries compares unlike work.
            why_not = ""
            if theirs["listed"] < ours["listed"]:
                why_not = (
                    f"not comparable: sphinxcontrib-bibtex listed {theirs['listed']:,.0f} "
                    f"of {theirs['entries']:,.0f}"
                )
            real = label.startswith("real")
            clean = TARGETS["clean_real" if real else "clean_synthetic"]
            rows.append(
                row(
                    "clean: sphinx-cv / sphinxcontrib-bibtex",
                    label,
                    ours["clean"] / theirs["clean"],
                    clean,
                    why_not,
                )
            )
            # What Sphinx costs without either extension bounds the ratio from below; the
            # work above it is what the extensions themselves do.
            floor = empty["clean"] / theirs["clean"]
            rows.append(
                f"| clean, the floor: empty project / sphinxcontrib-bibtex | {label} | "
                f"{floor:.2f} | (no extension goes below) | |"
            )
            if theirs["clean"] > empty["clean"]:
                above = (ours["clean"] - empty["clean"]) / (theirs["clean"] - empty["clean"])
                rows.append(
                    f"| clean, above an empty project: sphinx-cv / sphinxcontrib-bibtex "
                    f"| {label} | {above:.2f} | | |"
                )
            rows.append(
                row(
                    "peak memory: sphinx-cv / sphinxcontrib-bibtex",
                    label,
                    ours["rss"] / theirs["rss"],
                    TARGETS["memory"],
                    why_not,
                )
            )
            if theirs["page"]:
                rows.append(
                    row(
                        "page size: sphinx-cv / sphinxcontrib-bibtex",
                        label,
                        ours["page"] / theirs["page"],
                        TARGETS["page"],
                        why_not,
                    )
                )
        rows.append(
            row(
                "no-change: sphinx-cv / empty project with sphinx_cv",
                label,
                ours["nochange"] / same["nochange"],
                TARGETS["nochange"],
            )
        )
        rows.append(
            f"| no-change: sphinx-cv / empty project without extensions | {label} | "
            f"{ours['nochange'] / empty['nochange']:.2f} | (stricter than the target) | |"
        )
    synthetic = [label for label in labels if label.startswith("synthetic")]
    if len(synthetic) >= 2:
        small, large = synthetic[0], synthetic[-1]

        # Work that scales: the clean build above the cost of an empty project.
        def work(label: str) -> float:
            return results[("sphinx-cv", label)]["clean"] - results[("empty", label)]["clean"]

        times = results[("sphinx-cv", large)]["entries"] / results[("sphinx-cv", small)]["entries"]
        grew = work(large) / work(small)
        linear = "met" if grew <= times * 1.15 else "NOT met"
        rows.append(
            f"| scaling: sphinx-cv work, {large} / {small} | | {grew:.1f}× "
            f"| ≈ {times:.0f}× (linear) | {linear} |"
        )
    rows += [f"\nNote: {note}" for note in NOTES]
    return "\n".join(rows), targets


ONLY_ITS_PAGES = "editing one .bib entry rebuilds only the pages that list or cite it"


def target_table(targets: list[Target]) -> str:
    """Every target of issue 26 this run measured, with its ratio and whether it is met."""
    rows = ["| target (issue 26) | measured | target | |", "|---|---:|---|---|"]
    for what, value, target, verdict in targets:
        shown = "–" if value is None else f"{value:.2f}"
        rows.append(f"| {what} | {shown} | {target} | {verdict} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of the smallest synthetic size, of the CV against RenderCV and of the edit "
        "(larger sizes and the real files run once)",
    )
    parser.add_argument("--workdir", type=Path, default=OUT / "projects")
    parser.add_argument("--rendercv", default="", help="the `rendercv` command (its own venv)")
    parser.add_argument(
        "--rendercv-missing",
        default="RenderCV's command was not given",
        help="why there is no RenderCV to measure",
    )
    parser.add_argument(
        "--growth",
        type=int,
        nargs="+",
        default=[1, 10, 100, 500],
        help="publications of the CVs whose PDF layout time is reported",
    )
    parts = ("site", "publications", "rendercv", "edit")
    for part in parts:
        parser.add_argument(f"--{part}-only", action="store_true", help=f"only the {part} part")
    args = parser.parse_args()
    chosen = [p for p in parts if getattr(args, f"{p}_only")] or list(parts)
    # sphinx-cv is installed editable here: give it the bytecode that pip gives the wheels of
    # the other projects, so that no build compiles its sources (PYTHONDONTWRITEBYTECODE).
    import sphinx_cv

    compileall.compile_dir(Path(sphinx_cv.__file__).parent, quiet=1)
    sections: list[str] = []
    targets: list[Target] = []
    if "site" in chosen:
        sections.append(site_timings(args.workdir, args.repeat))
        print(sections[-1] + "\n")
    if "publications" in chosen:
        print(f"Building {args.sizes} entries and the real files…", file=sys.stderr)
        text, found = table(measure(args.workdir, args.sizes, args.repeat))
        sections.append(text)
        targets += found
        targets.append(
            (
                ONLY_ITS_PAGES,
                None,
                "–",
                "not timed here: tests/publications/test_publications.py checks it",
            )
        )
        print(text + "\n")
    if "rendercv" in chosen:
        text, found = versus_rendercv(
            args.workdir / "rendercv",
            args.rendercv,
            args.rendercv_missing,
            args.repeat,
            args.growth,
        )
        sections.append(text)
        targets += found
        print(text + "\n")
    if "edit" in chosen:
        text, found = edit_one_bullet(args.workdir / "edit", args.repeat)
        sections.append(text)
        targets += found
        print(text + "\n")
    if targets:
        sections.append(target_table(targets))
        print(sections[-1])
    when = time.strftime("%Y-%m-%d")
    text = f"Measured {when} on {os.cpu_count()} cores, in one run.\n\n" + "\n\n".join(sections)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
