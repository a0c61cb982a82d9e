"""Vietnam's current administrative units (34 provinces, then communes/wards, since 1 July 2025),
read once from the `vietnam-provinces` package."""
import json
import re
from dataclasses import dataclass
from functools import lru_cache

import icu
import vietnam_provinces

from marketplace.text import nfc


@dataclass(frozen=True)
class Place:
    code: int
    name: str


def normal_name(name):
    """NFC with single spaces: the source data has "Phường  An Nhơn" (two spaces)."""
    return re.sub(r"\s+", " ", nfc(name or "")).strip()


@lru_cache(maxsize=1)
def _collator():
    # ICU's Vietnamese tailoring (CLDR): ă, â, đ, ê, ô, ơ, ư are letters of their own
    # ("Lào Cai" before "Lâm Đồng", "Đồng Tháp" after every D), tones weigh after letters
    # ("Cà Mau" before "Cao Bằng"). getSortKey is safe to share between threads.
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def sort_key(text):
    """The key that sorts Vietnamese names as Vietnamese readers expect."""
    return _collator().getSortKey(normal_name(text))


@lru_cache(maxsize=1)
def _divisions():
    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as handle:
        data = json.load(handle)

    def place(item):
        return Place(item["code"], normal_name(item["name"]))

    provinces = {p["code"]: place(p) for p in data}
    wards = {p["code"]: {w["code"]: place(w) for w in p["wards"]} for p in data}
    return provinces, wards


def _by_name(places):
    return sorted(places, key=lambda p: sort_key(p.name))


def provinces():
    """All provinces, in Vietnamese alphabetical order."""
    return _by_name(_divisions()[0].values())


def province(code):
    return _divisions()[0].get(code)


def wards(province_code):
    """The communes/wards of one province, in Vietnamese alphabetical order (empty for an
    unknown province)."""
    return _by_name(_divisions()[1].get(province_code, {}).values())


def ward(province_code, ward_code):
    """The ward, or None when it is unknown or not in that province."""
    return _divisions()[1].get(province_code, {}).get(ward_code)


VINH_LONG = 86  # Bến Tre's province since 2025

# Bến Tre's communes kept the statistical codes of the pre-2025 province (83): a ward of Vĩnh
# Long whose code lies in that range is one of Bến Tre's 48 (Trà Vinh's begin at 29242).
BEN_TRE_WARD_CODES = range(28756, 29242)


def ben_tre_wards():
    """The communes/wards that were Bến Tre province, the OCOP scheme's area, by name."""
    return [w for w in wards(VINH_LONG) if w.code in BEN_TRE_WARD_CODES]
