"""A full build of docs/, the flagship CV: every résumé fact reaches the site."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from support import PAGES

#: Facts of resume.txt, page by page, as the site spells them (typos fixed).
FACTS: dict[str, list[str]] = {
    "index": [
        "Xingyao Wang",
        "xingyaow@umich.edu",
        "linkedin.com/in/xingyao-wang",
    ],
    "education": [
        "University of Michigan",
        "Ann Arbor, MI",
        "Bachelor of Science in Computer Science and Data Science",
        "GPA: 4.00 / 4.00",
        "University Honors",
        "Sep 2019 – May 2022",
        "EECS 492 Intro to Artificial Intelligence (2020 Fall)",
        "EECS 482 Intro to Operating System (2020 Fall)",
        "EECS 376 Foundations of Computer Science (2020 Fall)",
        "MATH 425 Intro to Probability (2020 Fall)",
        "EECS 281 Data Structure and Algorithms (Grade A+)",
        "EECS 370 Introduction to Computer Organization (Grade A+)",
        "EECS 280 Programming and Intro Data Structures (Grade A+, Top 1.36%)",
        "EECS 203 Discrete Mathematics (Grade A)",
        "LING 111 Intro to Language",
        "Tianjin University",
        "Tianjin, China",
        "Bachelor of Science in Pharmacy and Computer Science",
        "GPA: 3.89 / 4.00",
        "Top 4%",
        "Sep 2017 – Jun 2019",
    ],
    "experience": [
        "Tencent",
        "Shenzhen, China",
        "Software Engineer Intern (Deep Learning)",
        "Jizhi HPC Team, Technology Engineering Group (TEG)",
        "May 2020 – Sep 2020",
        "Star Employee of June in Exploration",
        "(1 out of 20)",
        "ResNet50",
        "32k/64k batch size",
        "from 87% to 92%",
        "AutoML",
        "512 Nvidia V100",
        "record-breaking 2 minutes",
        "2 minutes 31 seconds on a public cloud server",
        "2 minutes 2 seconds using RDMA",
        "paper in progress",
        "Layer-wise Adaptive Rate Scaling (LARS)",
        "dynamic trust ratio clipping",
        "approx. 8%",
        "91% (16 machines, 128 GPUs)",
        "2D-Torus allreduce",
        "multiple NCCL streams",
        "Top-k gradient sparsification",
        "Deep Gradient Compression with momentum correction",
        "AdaScale SGD from ICML'20",
        "Bayesian Optimization",
        "Population Based Training (PBT)",
        "auto-augmentation, ghost batch normalization, lookahead optimizer, final polishing, "
        "loss flooding",
        "rectangle validation in TensorFlow",
        "ImageNet TFRecord dataset",
        "Mixed Precision Training and TensorFlow AMP Algorithm Optimization",
        "37% more nodes cast to FP16 in the Transformer-Base model",
        "ProprageWhiteFwdThroughClearAndGray",
        "University of Michigan, School of Information",
        "Undergraduate Researcher",
        "Blablablab NLP Group",
        "Sep 2019 – Present",
        "Multi-modal Tweet-GIF Interaction Understanding",
        "Professor David Jurgens",
        "BERT/EfficientNet",
        "Reddit Crosspost Automation Experiment",
        "same subreddit",
        "Data Crawling, Processing, and Annotation",
        "Selenium, Scrapy, and the Twitter/Reddit API",
        "two million entries of GIF data",
        "SQL database",
        "Krippendorff alpha, Fleiss Kappa",
    ],
    "publications": [
        "Lane Extraction and Quality Evaluation: A Hough Transform Based Approach",
        "Xingyao Wang, Da Yan, Ke Chen, Yancong Deng, Cheng Long, Kunlin Zhang, and Sibo Yan",
        "2020 IEEE Conference on Multimedia Information Processing and Retrieval (MIPR)",
        "7–12",
        "Shenzhen, China",
        "August 2020",
        "IEEE",
        "Hough-transform-based approach",
        "10.1109/MIPR49039.2020.00010",
    ],
    "skills": [
        "Python",
        "Proficient",
        "C++",
        "TensorFlow",
        "C",
        "Horovod",
        "Git",
        "Intermediate",
        "RPC",
        "built a file transfer tool with RPC",
        "Docker",
        "SQL",
        "Basic",
    ],
    "certifications": [
        "Coursera",
        "Deep Learning Specialization",
        "Python for Everybody Specialization",
    ],
}


@pytest.fixture(scope="module")
def site(cv_build: dict[str, Path]) -> Path:
    return cv_build["html"]


def page_text(site: Path, page: str, part: str = "main") -> str:
    soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.find(part) or soup
    text = main.get_text().replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).replace(" ,", ",").replace(" .", ".")


def page_links(site: Path, page: str) -> list[str]:
    soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return [str(a["href"]) for a in soup.find_all("a", href=True)]


def test_a_page_per_section(site: Path) -> None:
    for page in PAGES:
        assert (site / f"{page}.html").is_file(), page


@pytest.mark.parametrize("page", PAGES)
def test_every_resume_fact_is_on_its_page(site: Path, page: str) -> None:
    """In the page's text (the header's included: the home page's contact links are
    there); an address may be a link's target instead (LinkedIn's is labelled so)."""
    text = page_text(site, page, "body")
    links = page_links(site, page)
    missing = [
        fact for fact in FACTS[page] if fact not in text and not any(fact in link for link in links)
    ]
    assert not missing


def test_entries_are_cards(site: Path) -> None:
    soup = BeautifulSoup((site / "experience.html").read_text(encoding="utf-8"), "html.parser")
    cards = soup.select("article.cv-entry.sd-card")
    assert len(cards) == 2
    tencent = cards[0]
    assert "Software Engineer Intern (Deep Learning)" in tencent.select_one(".cv-entry-title").text
    # All seven numbered techniques of the ImageNet record.
    assert len(tencent.select(".cv-entry-body ol > li")) == 7


def test_no_source_links_or_sidebars(site: Path) -> None:
    html = (site / "experience.html").read_text(encoding="utf-8")
    assert "_sources/" not in html
    assert 'class="bd-sidebar-primary' not in html or "hide-on-wide" in html


def test_publication_entry(site: Path) -> None:
    soup = BeautifulSoup((site / "publications.html").read_text(encoding="utf-8"), "html.parser")
    (entry,) = soup.select(".cv-publication-list > li")
    assert entry["id"] == "wang2020lane"
    assert [s.get_text() for s in entry.select("strong.cv-owner")] == ["Xingyao Wang"]
    links = {a.get_text(): a["href"] for a in entry.select(".cv-pub-links a")}
    assert links == {
        "DOI": "https://doi.org/10.1109/MIPR49039.2020.00010",
        "IEEE Xplore": "https://ieeexplore.ieee.org/document/9175569",
        "Code": "https://github.com/xingyaoww/HT-Based-Evaluation-Metric",
    }
    assert "lane parameters" in entry.select_one("details.cv-abstract").get_text()
    block = entry.select_one("details.cv-bibtex-details pre").get_text()
    assert "  doi       = {10.1109/MIPR49039.2020.00010}," in block  # as written in the .bib
    assert "abstract" not in block
    assert "selected" not in block


def test_home_page_cites_the_paper(site: Path) -> None:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("span.cv-cite a")
    assert link.get_text() == "Wang et al., 2020"
    assert link["href"] == "publications.html#wang2020lane"


PHONES = ["1734-272-2163", "176-9577-6683", "17695776683", "7342722163"]


def test_phone_numbers_are_in_no_file_of_the_site(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.name == "searchindex.js" for p in files)
    for path in files:
        if path.suffix in (".pdf", ".txt", ".md", ".docx") and path.with_suffix(".pdf").is_file():
            continue  # the PDF résumé (and its twins, tests/pdf/test_twins.py) is where they belong
        data = path.read_bytes()
        for phone in PHONES:
            assert phone.encode() not in data, f"{phone} in {path.relative_to(site)}"


def test_site_offers_the_pdf(site: Path, cv_build: dict[str, Path]) -> None:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("a.cv-pdf-link")
    assert link.get_text(strip=True) == "Download the full CV as a PDF"
    assert (site / link["href"]).read_bytes() == cv_build["pdf"].read_bytes()
    for page in ["index", "experience", "skills"]:
        soup = BeautifulSoup((site / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        # Two PDFs (the whole CV and the industry résumé): the button opens a menu of them.
        assert soup.select_one("details.cv-pdf-menu > summary.cv-pdf-button") is not None
        menu = [(a.get_text(strip=True), a["href"]) for a in soup.select(".cv-pdf-menu li > a")]
        assert menu == [
            ("Full CV", "Xingyao-Wang-CV.pdf"),
            ("One-page résumé", "Xingyao-Wang-Resume.pdf"),
        ]
        assert all((site / href).is_file() for _label, href in menu)
    assert (site / menu[0][1]).read_bytes() == cv_build["pdf"].read_bytes()
    assert (site / menu[1][1]).read_bytes() == cv_build["resume"].read_bytes()


def test_robots_txt_points_to_the_sitemap(site: Path) -> None:
    robots = (site / "robots.txt").read_text()
    assert robots.startswith("User-agent: *\nAllow: /\n")
    assert "Sitemap: https://" in robots
    assert robots.strip().endswith("/sitemap.xml")
    loc = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    pages = [node.text for node in ElementTree.parse(site / "sitemap.xml").iter(loc)]
    base = robots.split("Sitemap: ", 1)[1].removesuffix("sitemap.xml\n")
    assert pages == sorted(
        base + ("" if p.stem == "index" else p.name)
        for p in site.glob("*.html")
        if p.stem not in ("genindex", "search")
    )


def test_the_skills_page_is_described_in_words(site: Path) -> None:
    """Entries with no title or organization of their own (skills) are described by what
    they say, never by the separators around empty fields."""
    soup = BeautifulSoup((site / "skills.html").read_text(encoding="utf-8"), "html.parser")
    description = soup.select_one("meta[name=description]")["content"]
    assert description.startswith("Proficient: Python; Intermediate: C++, TensorFlow")
    assert ",;" not in description
