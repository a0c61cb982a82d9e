"""Vietnamese terms that cooperatives type as free text, read in English: the units products
are sold by ("hộp 400 g" → "box 400 g") and the bodies that issue OCOP certificates ("Bộ Nông
nghiệp và Môi trường" → "Ministry of Agriculture and Environment").

The data stays as typed (Vietnamese, the language of the label and of the certificate);
English readers see it through these tables. A word or a body missing here is shown as typed,
so a new one is added here, not in the data."""
import re

# Package words and the few qualifiers the units in use carry, longest first where one
# contains another ("túi lọc" before "túi"). Numbers and measures ("400 g", "1 kg") pass as
# they are.
UNIT_WORDS = {
    "túi lọc": "tea bags",
    "đường kính": "diameter",
    "cấp đông": "frozen",
    "khoảng": "about",
    "người": "person",
    "phòng": "room",
    "thùng": "carton",
    "chục": "dozen",
    "chậu": "pot",
    "chai": "bottle",
    "cuộn": "roll",
    "miếng": "pieces",
    "thỏi": "bar",
    "tuýp": "tube",
    "viên": "tablets",
    "trái": "fruit",
    "đêm": "night",
    "hộp": "box",
    "gói": "pack",
    "túi": "bag",
    "lốc": "pack",
    "lon": "can",
    "lọ": "jar",
    "hũ": "jar",
    "xấp": "stack",
    "cặp": "pair",
    "cây": "plant",
    "cái": "piece",
    "chiếc": "piece",
    "con": "piece",
    "cao": "tall",
    "bộ": "set",
    "vé": "ticket",
    "lít": "litre",
    "bó": "bunch",
}
_UNIT_WORD = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, UNIT_WORDS), key=len, reverse=True)) + r")(?!\w)",
                        re.IGNORECASE)


def unit_in(unit, language):
    """The unit as read in `language`: Vietnamese as typed, English word by word."""
    if not unit or language == "vi":
        return unit or ""
    return _UNIT_WORD.sub(lambda match: UNIT_WORDS[match.group(1).lower()], unit)


ISSUING_BODIES = {
    "Bộ Nông nghiệp và Môi trường": "Ministry of Agriculture and Environment",
    "Bộ Nông nghiệp và Phát triển nông thôn": "Ministry of Agriculture and Rural Development",
}
# Local bodies: the People's Committee (UBND) of a province, a city or a district.
_COMMITTEE = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố|huyện|thị xã)\s+(.+)", re.IGNORECASE)
_LEVELS = {"tỉnh": "{} Province", "thành phố": "{} City", "huyện": "{} District", "thị xã": "{} Town"}


def issuing_body_in(body, language):
    """The certificate's issuing body as read in `language`."""
    if not body or language == "vi":
        return body or ""
    if body in ISSUING_BODIES:
        return ISSUING_BODIES[body]
    committee = _COMMITTEE.fullmatch(body.strip())
    if committee:
        return "People's Committee of " + _LEVELS[committee.group(1).lower()].format(committee.group(2))
    return body
