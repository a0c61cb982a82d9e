"""Translation catalogue upkeep: `python -m marketplace.catalogues check|fill-en`.

Source strings (msgids) are English, so the English catalogue is the identity; it is kept
complete anyway so that every string is known to both languages.
"""
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

TRANSLATIONS = Path(__file__).parent / "translations"


def catalogue_path(locale):
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def load(locale):
    with open(catalogue_path(locale), "rb") as handle:
        return read_po(handle, locale=locale)


def missing(locale):
    """msgids with no translation, or a fuzzy one, in `locale`'s catalogue."""
    problems = []
    for message in load(locale):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy or not all(strings):
            problems.append(message.id if isinstance(message.id, str) else message.id[0])
    return problems


def fill_english():
    catalogue = load("en")
    for message in catalogue:
        if message.id and (message.fuzzy or not message.string or not all(message.string)):
            message.string = message.id if isinstance(message.id, str) else tuple(message.id)
            message.flags.discard("fuzzy")
    with open(catalogue_path("en"), "wb") as handle:
        write_po(handle, catalogue, width=0)  # one line per message: merges stay clean


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "fill-en":
        fill_english()
    else:
        report = {locale: missing(locale) for locale in ("vi", "en")}
        for locale, ids in report.items():
            for msgid in ids:
                print(f"{locale}: untranslated: {msgid!r}")
        sys.exit(1 if any(report.values()) else 0)
