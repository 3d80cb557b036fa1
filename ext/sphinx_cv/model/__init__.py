"""The data model of a CV, in pure Python (no Sphinx, no docutils): what the site, the PDF,
JSON-LD, ``resume.json`` and the importers all read.

- :mod:`.dates`: partial dates (``2020``, ``2020-05``, ``present``) and their checks;
- :mod:`.datetext`: dates, ranges and durations as text in a language (Babel's CLDR data);
- :mod:`.entries`: the entry kinds (experience, education), their fields and validation;
- :mod:`.sections`: the other entry kinds (award, project, talk, skill, …);
- :mod:`.person`: the person of ``cv_person``, its check and the name the CV goes by;
- :mod:`.words`: the gettext catalogue's name and the words marked for it.

May import: the standard library and Babel; nothing else of sphinx-cv.
"""
