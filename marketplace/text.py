"""Vietnamese text helpers: normalisation, diacritic folding and slugs."""
import re
import unicodedata

_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text):
    """Text arrives in NFC or NFD (macOS, some phones); everything is stored as NFC."""
    return unicodedata.normalize("NFC", text) if text else text


def fold(text):
    """Lower-case and strip diacritics: "Kẹo Dừa Đường" -> "keo dua duong"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).lower()


def slugify(text, max_length=80):
    """An ASCII slug from Vietnamese text: "Kẹo dừa sầu riêng" -> "keo-dua-sau-rieng"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:max_length].rstrip("-") or "item"
