"""The few words sphinx-cv writes itself, in the site's language (English otherwise).

Pure Python. Dates are Babel's (see :mod:`sphinx_cv.dates`); these are the rest.
"""

from __future__ import annotations

__all__ = ["label"]

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "abstract": "Abstract",
        "page": "Page",
        "of": "of",
        "Journal articles": "Journal articles",
        "Books": "Books",
        "Book chapters": "Book chapters",
        "Conference papers": "Conference papers",
        "Manuals": "Manuals",
        "Theses": "Theses",
        "Proceedings": "Proceedings",
        "Technical reports": "Technical reports",
        "Unpublished work": "Unpublished work",
        "Other": "Other",
        "Undated": "Undated",
        "none": "No publications match.",
    },
    "de": {
        "abstract": "Zusammenfassung",
        "page": "Seite",
        "of": "von",
        "Journal articles": "Zeitschriftenartikel",
        "Books": "Bücher",
        "Book chapters": "Buchkapitel",
        "Conference papers": "Konferenzbeiträge",
        "Manuals": "Handbücher",
        "Theses": "Abschlussarbeiten",
        "Proceedings": "Tagungsbände",
        "Technical reports": "Technische Berichte",
        "Unpublished work": "Unveröffentlicht",
        "Other": "Sonstiges",
        "Undated": "Ohne Jahr",
        "none": "Keine Veröffentlichung passt.",
    },
    "fr": {
        "abstract": "Résumé",
        "page": "Page",
        "of": "sur",
        "Journal articles": "Articles de revue",
        "Books": "Livres",
        "Book chapters": "Chapitres d’ouvrage",
        "Conference papers": "Communications",
        "Manuals": "Manuels",
        "Theses": "Thèses",
        "Proceedings": "Actes",
        "Technical reports": "Rapports techniques",
        "Unpublished work": "Travaux inédits",
        "Other": "Autres",
        "Undated": "Sans date",
        "none": "Aucune publication ne correspond.",
    },
    "es": {
        "abstract": "Resumen",
        "page": "Página",
        "of": "de",
        "Journal articles": "Artículos de revista",
        "Books": "Libros",
        "Book chapters": "Capítulos de libro",
        "Conference papers": "Ponencias",
        "Manuals": "Manuales",
        "Theses": "Tesis",
        "Proceedings": "Actas",
        "Technical reports": "Informes técnicos",
        "Unpublished work": "Trabajos inéditos",
        "Other": "Otros",
        "Undated": "Sin fecha",
        "none": "Ninguna publicación coincide.",
    },
    "zh": {
        "abstract": "摘要",
        "page": "第",
        "of": "页，共",
        "Journal articles": "期刊论文",
        "Books": "专著",
        "Book chapters": "书籍章节",
        "Conference papers": "会议论文",
        "Manuals": "手册",
        "Theses": "学位论文",
        "Proceedings": "会议论文集",
        "Technical reports": "技术报告",
        "Unpublished work": "未发表作品",
        "Other": "其他",
        "Undated": "无日期",
        "none": "没有匹配的出版物。",
    },
}


def label(language: str | None, key: str) -> str:
    """``key`` in ``language`` (``de``, ``de_AT`` and ``de-AT`` alike), else in English."""
    base = (language or "en").replace("-", "_").split("_")[0].lower()
    return _LABELS.get(base, _LABELS["en"]).get(key, _LABELS["en"].get(key, key))
