"""Every user-facing string in the code is in both catalogues, translated (vi) and complete (en)."""
from babel.messages.extract import extract_from_dir

from marketplace.catalogues import load, missing
from marketplace.config import PROJECT_ROOT

METHODS = [("marketplace/**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def source_msgids():
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(PROJECT_ROOT), METHODS, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_string_in_the_code_is_in_the_catalogues():
    assert len(source_msgids()) > 1000  # the extraction really reads the code
    for locale in ("vi", "en"):
        known = {m.id if isinstance(m.id, str) else m.id[0] for m in load(locale) if m.id}
        absent = sorted(source_msgids() - known)
        assert absent == [], f"{locale}: run `make i18n` and translate: {absent[:10]}"


def test_catalogues_have_no_untranslated_or_fuzzy_entries():
    assert missing("vi") == []
    assert missing("en") == []
