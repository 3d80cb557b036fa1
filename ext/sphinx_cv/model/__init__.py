"""The data model of a CV, in pure Python (no Sphinx, no docutils): what the site, the PDF,
JSON-LD, ``resume.json`` and the importers all read.

- :mod:`.dates`: partial dates (``2020``, ``2020-05``, ``present``) and their checks;
- :mod:`.datetext`: dates, ranges and durations as text in a language (Babel's CLDR data);
- :mod:`.kinds`: how a kind of entry is declared (its fields, date rule, JSON Resume and
  RenderCV mappings) and the registry of kinds, :data:`~.kinds.ENTRY_KINDS`;
- :mod:`.entries`: what every entry holds, its validation, experience and education;
- :mod:`.sections`: the other kinds of entry (award, project, talk, skill, …);
- :mod:`.tags`: tags on content, and which content a selection (a variant) admits;
- :mod:`.variants`: the variants of the CV (``cv_variants``) and their checks;
- :mod:`.person`: the person of ``cv_person``, its check and the name the CV goes by;
- :mod:`.words`: the gettext catalogue's name and the words marked for it;
- :mod:`.stable`: a value's text that is the same in every process (for change keys).

Importing any of them registers every kind sphinx-cv declares (this package loads
:mod:`.sections`), so :data:`~.kinds.ENTRY_KINDS` is whole wherever it is read.

May import: the standard library, Babel and anyascii; nothing else of sphinx-cv.
"""

from . import sections as sections
