"""Vietnam's current administrative units (34 provinces, then communes/wards, since 1 July 2025),
read once from the `vietnam-provinces` package."""
import json
from dataclasses import dataclass
from functools import lru_cache

import vietnam_provinces


@dataclass(frozen=True)
class Place:
    code: int
    name: str


@lru_cache(maxsize=1)
def _divisions():
    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as handle:
        data = json.load(handle)
    provinces = {p["code"]: Place(p["code"], p["name"]) for p in data}
    wards = {p["code"]: {w["code"]: Place(w["code"], w["name"]) for w in p["wards"]} for p in data}
    return provinces, wards


def provinces():
    """All provinces, by name."""
    return sorted(_divisions()[0].values(), key=lambda p: p.name)


def province(code):
    return _divisions()[0].get(code)


def wards(province_code):
    """The communes/wards of one province, by name (empty for an unknown province)."""
    return sorted(_divisions()[1].get(province_code, {}).values(), key=lambda w: w.name)


def ward(province_code, ward_code):
    """The ward, or None when it is unknown or not in that province."""
    return _divisions()[1].get(province_code, {}).get(ward_code)


VINH_LONG = 86  # Bến Tre's province since 2025
