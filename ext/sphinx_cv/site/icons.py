"""Contact icons as inline SVG, and which service a profile's URL belongs to.

Pure Python. The brand marks are the path data of Simple Icons (simpleicons.org, CC0 1.0),
copied as published; LinkedIn's (not in Simple Icons) and the plain pictograms (e-mail,
website, link, PDF, light/dark) are drawn here on the same 24-unit grid. Each icon is
drawn in ``currentColor``, so it takes the colour of the text around it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = ["ContactLink", "contact_links", "icon_svg", "service_of"]

#: Filled marks: name -> SVG path data on a 24x24 grid.
MARKS: dict[str, str] = {
    "github": (
        "M12 .297c-6.63 0-12 5.373-12 12 0 5.303 3.438 9.8 8.205 11.385.6.113.82-.258.82-.577 0-."
        "285-.01-1.04-.015-2.04-3.338.724-4.042-1.61-4.042-1.61C4.422 18.07 3.633 17.7 3.633 17.7"
        "c-1.087-.744.084-.729.084-.729 1.205.084 1.838 1.236 1.838 1.236 1.07 1.835 2.809 1.305 "
        "3.495.998.108-.776.417-1.305.76-1.605-2.665-.3-5.466-1.332-5.466-5.93 0-1.31.465-2.38 1."
        "235-3.22-.135-.303-.54-1.523.105-3.176 0 0 1.005-.322 3.3 1.23.96-.267 1.98-.399 3-.405 "
        "1.02.006 2.04.138 3 .405 2.28-1.552 3.285-1.23 3.285-1.23.645 1.653.24 2.873.12 3.176.76"
        "5.84 1.23 1.91 1.23 3.22 0 4.61-2.805 5.625-5.475 5.92.42.36.81 1.096.81 2.22 0 1.606-.0"
        "15 2.896-.015 3.286 0 .315.21.69.825.57C20.565 22.092 24 17.592 24 12.297c0-6.627-5.373-"
        "12-12-12"
    ),
    "gitlab": (
        "m23.6004 9.5927-.0337-.0862L20.3.9814a.851.851 0 0 0-.3362-.405.8748.8748 0 0 0-.9997.05"
        "39.8748.8748 0 0 0-.29.4399l-2.2055 6.748H7.5375l-2.2057-6.748a.8573.8573 0 0 0-.29-.441"
        "2.8748.8748 0 0 0-.9997-.0537.8585.8585 0 0 0-.3362.4049L.4332 9.5015l-.0325.0862a6.0657"
        " 6.0657 0 0 0 2.0119 7.0105l.0113.0087.03.0213 4.976 3.7264 2.462 1.8633 1.4995 1.1321a1"
        ".0085 1.0085 0 0 0 1.2197 0l1.4995-1.1321 2.4619-1.8633 5.006-3.7489.0125-.01a6.0682 6.0"
        "682 0 0 0 2.0094-7.003z"
    ),
    "orcid": (
        "M12 0C5.372 0 0 5.372 0 12s5.372 12 12 12 12-5.372 12-12S18.628 0 12 0zM7.369 4.378c.525"
        " 0 .947.431.947.947s-.422.947-.947.947a.95.95 0 0 1-.947-.947c0-.525.422-.947.947-.947zm"
        "-.722 3.038h1.444v10.041H6.647V7.416zm3.562 0h3.9c3.712 0 5.344 2.653 5.344 5.025 0 2.57"
        "8-2.016 5.025-5.325 5.025h-3.919V7.416zm1.444 1.303v7.444h2.297c3.272 0 4.022-2.484 4.02"
        "2-3.722 0-2.016-1.284-3.722-4.097-3.722h-2.222z"
    ),
    "googlescholar": (
        "M5.242 13.769L0 9.5 12 0l12 9.5-5.242 4.269C17.548 11.249 14.978 9.5 12 9.5c-2.977 0-5.5"
        "48 1.748-6.758 4.269zM12 10a7 7 0 1 0 0 14 7 7 0 0 0 0-14z"
    ),
    "semanticscholar": (
        "M24 8.609c-.848.536-1.436.83-2.146 1.245-4.152 2.509-8.15 5.295-11.247 8.981l-1.488 1.81"
        "7-4.568-7.268c1.021.814 3.564 3.098 4.603 3.599l3.356-2.526c2.336-1.644 8.946-5.226 11.4"
        "9-5.848ZM8.046 15.201c.346.277.692.537.969.744.761-3.668.121-7.613-1.886-11.039 3.374-.0"
        "52 6.731-.087 10.105-.139a14.794 14.794 0 0 1 1.298 5.295c.294-.156.588-.294.883-.433-.1"
        "04-1.868-.641-3.91-1.662-6.263-4.602-.018-9.188-.018-13.79-.018 2.993 3.547 4.36 7.839 4"
        ".083 11.853Zm-.623-.484c.087.086.191.155.277.225-.138-3.409-1.419-6.887-3.824-9.881H1.73"
        "c3.098 2.855 4.984 6.299 5.693 9.656Zm-.744-.658c.104.087.208.173.329.277-.9-2.526-2.492"
        "-5.018-4.741-7.198H0c2.89 2.076 5.122 4.481 6.679 6.921Z"
    ),
    "dblp": (
        "M3.075.002c-.096.013-.154.092-.094.31L4.97 7.73 3.1 8.6s-.56.26-.4.85l2.45 9.159s.16.59."
        "72.33l6.169-2.869 1.3-.61s.52-.24.42-.79l-.01-.06-1.13-4.22-.658-2.45-.672-2.49v-.04s-.1"
        "6-.59-.84-1L3.5.141s-.265-.16-.425-.139zM18.324 5.03a.724.724 0 0 0-.193.06l-5.602 2.6.8"
        "62 3.2 1.09 4.08.01.06c.05.47-.411.79-.411.79l-1.88.87.5 1.89.04.1c.07.17.28.6.81.91l6.9"
        "5 4.269s.68.41.52-.17l-1.981-7.4 1.861-.86s.56-.26.4-.85L18.85 5.42s-.116-.452-.526-.39z"
    ),
    "x": (
        "M14.234 10.162 22.977 0h-2.072l-7.591 8.824L7.251 0H.258l9.168 13.343L.258 24H2.33l8.016"
        "-9.318L16.749 24h6.993zm-2.837 3.299-.929-1.329L3.076 1.56h3.182l5.965 8.532.929 1.329 7"
        ".754 11.09h-3.182z"
    ),
    "mastodon": (
        "M23.268 5.313c-.35-2.578-2.617-4.61-5.304-5.004C17.51.242 15.792 0 11.813 0h-.03c-3.98 0"
        "-4.835.242-5.288.309C3.882.692 1.496 2.518.917 5.127.64 6.412.61 7.837.661 9.143c.074 1."
        "874.088 3.745.26 5.611.118 1.24.325 2.47.62 3.68.55 2.237 2.777 4.098 4.96 4.857 2.336.7"
        "92 4.849.923 7.256.38.265-.061.527-.132.786-.213.585-.184 1.27-.39 1.774-.753a.057.057 0"
        " 0 0 .023-.043v-1.809a.052.052 0 0 0-.02-.041.053.053 0 0 0-.046-.01 20.282 20.282 0 0 1"
        "-4.709.545c-2.73 0-3.463-1.284-3.674-1.818a5.593 5.593 0 0 1-.319-1.433.053.053 0 0 1 .0"
        "66-.054c1.517.363 3.072.546 4.632.546.376 0 .75 0 1.125-.01 1.57-.044 3.224-.124 4.768-."
        "422.038-.008.077-.015.11-.024 2.435-.464 4.753-1.92 4.989-5.604.008-.145.03-1.52.03-1.67"
        ".002-.512.167-3.63-.024-5.545zm-3.748 9.195h-2.561V8.29c0-1.309-.55-1.976-1.67-1.976-1.2"
        "3 0-1.846.79-1.846 2.35v3.403h-2.546V8.663c0-1.56-.617-2.35-1.848-2.35-1.112 0-1.668.668"
        "-1.67 1.977v6.218H4.822V8.102c0-1.31.337-2.35 1.011-3.12.696-.77 1.608-1.164 2.74-1.164 "
        "1.311 0 2.302.5 2.962 1.498l.638 1.06.638-1.06c.66-.999 1.65-1.498 2.96-1.498 1.13 0 2.0"
        "43.395 2.74 1.164.675.77 1.012 1.81 1.012 3.12z"
    ),
    "bluesky": (
        "M5.202 2.857C7.954 4.922 10.913 9.11 12 11.358c1.087-2.247 4.046-6.436 6.798-8.501C20.78"
        "3 1.366 24 .213 24 3.883c0 .732-.42 6.156-.667 7.037-.856 3.061-3.978 3.842-6.755 3.37 4"
        ".854.826 6.089 3.562 3.422 6.299-5.065 5.196-7.28-1.304-7.847-2.97-.104-.305-.152-.448-."
        "153-.327 0-.121-.05.022-.153.327-.568 1.666-2.782 8.166-7.847 2.97-2.667-2.737-1.432-5.4"
        "73 3.422-6.3-2.777.473-5.899-.308-6.755-3.369C.42 10.04 0 4.615 0 3.883c0-3.67 3.217-2.5"
        "17 5.202-1.026"
    ),
    # Drawn here: a rounded square with "in" cut out of it (even-odd fill).
    "linkedin": (
        "M20.4 2H3.6A1.6 1.6 0 0 0 2 3.6v16.8A1.6 1.6 0 0 0 3.6 22h16.8a1.6 1.6 0 0 0 1.6-1.6V3.6"
        "A1.6 1.6 0 0 0 20.4 2zM5.5 9.5h3v9h-3zM7 5.3a1.7 1.7 0 1 1 0 3.4 1.7 1.7 0 1 1 0-3.4zm3.5"
        " 4.2h2.9v1.3c.5-.9 1.6-1.6 3.1-1.6 2.8 0 3.5 1.8 3.5 4.3v4.8h-3v-4.3c0-1.1-.2-2.2-1.6-2.2"
        "s-1.9 1-1.9 2.2v4.3h-3z"
    ),
}

#: Line pictograms (stroked): name -> SVG elements on a 24x24 grid.
LINES: dict[str, str] = {
    "email": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3.5 7 8.5 6 8.5-6"/>',
    "website": (
        '<circle cx="12" cy="12" r="9"/>'
        '<path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9'
        's1.3-6.4 3.8-9z"/>'
    ),
    "link": (
        '<path d="M10 14a4 4 0 0 0 5.7 0l3.1-3.1a4 4 0 0 0-5.7-5.7L11.6 6.7"/>'
        '<path d="M14 10a4 4 0 0 0-5.7 0l-3.1 3.1a4 4 0 0 0 5.7 5.7l1.5-1.5"/>'
    ),
    "pdf": '<path d="M12 4v11m-4.5-4.5L12 15l4.5-4.5M5 20h14"/>',
    "sun": (
        '<circle cx="12" cy="12" r="4"/><path d="M12 2v2m0 16v2M4.9 4.9l1.4 1.4m11.4 11.4 1.4 1.4'
        'M2 12h2m16 0h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"/>'
    ),
    "moon": '<path d="M20 14.5A8 8 0 0 1 9.5 4 8 8 0 1 0 20 14.5z"/>',
}

#: Service name -> (label, host names whose profiles it recognises).
SERVICES: dict[str, tuple[str, tuple[str, ...]]] = {
    "github": ("GitHub", ("github.com",)),
    "gitlab": ("GitLab", ("gitlab.com",)),
    "linkedin": ("LinkedIn", ("linkedin.com",)),
    "orcid": ("ORCID", ("orcid.org",)),
    "googlescholar": ("Google Scholar", ("scholar.google.com",)),
    "semanticscholar": ("Semantic Scholar", ("semanticscholar.org",)),
    "dblp": ("DBLP", ("dblp.org", "dblp.uni-trier.de")),
    "x": ("X", ("x.com", "twitter.com")),
    "bluesky": ("Bluesky", ("bsky.app",)),
    "mastodon": ("Mastodon", ()),  # any server: recognised by its /@name paths
}


def icon_svg(name: str) -> str:
    """The icon ``name`` as an inline ``<svg>``, hidden from screen readers (the link's
    text names it)."""
    head = '<svg class="cv-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"'
    if name in MARKS:
        return f'{head} fill="currentColor"><path fill-rule="evenodd" d="{MARKS[name]}"/></svg>'
    return (
        f'{head} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"'
        f' stroke-linejoin="round">{LINES[name]}</svg>'
    )


def service_of(url: str) -> str:
    """The service a profile URL belongs to (a key of :data:`SERVICES`), else ``website``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    for name, (_, hosts) in SERVICES.items():
        if any(host == h or host.endswith("." + h) for h in hosts):
            return name
    if host.startswith("scholar.google."):
        return "googlescholar"
    if parts.path.startswith("/@") and len(parts.path) > 2 and "/" not in parts.path[2:]:
        return "mastodon"
    return "website"


@dataclass(frozen=True)
class ContactLink:
    """One link of the site's header: where it goes, its words, its icon."""

    href: str
    text: str
    icon: str
    rel: str = ""

    def svg(self) -> str:
        return icon_svg(self.icon)


def _shown_address(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    return host + parts.path.rstrip("/")


def contact_links(person: Mapping[str, object]) -> list[ContactLink]:
    """The links ``cv_person`` gives (e-mail, website, then each ``sameAs`` profile), in
    that order. Addresses are taken as checked by the settings (http(s) and mailto only)."""
    links: list[ContactLink] = []
    email = person.get("email")
    if isinstance(email, str) and email:
        links.append(ContactLink(f"mailto:{email}", email, "email"))
    url = person.get("url")
    if isinstance(url, str) and url:
        links.append(ContactLink(url, _shown_address(url), "website", "me"))
    profiles = person.get("sameAs") or []
    for profile in profiles if isinstance(profiles, list) else []:
        service = service_of(str(profile))
        text = SERVICES[service][0] if service in SERVICES else _shown_address(str(profile))
        links.append(ContactLink(str(profile), text, service, "me"))
    return links
