"""Distances for matching: between communes/wards where their centre is known, else between
provinces.

`data/communes.csv` holds the centres of the demo area's communes (the former Bến Tre
province, now part of Vĩnh Long) and of the wards buyers deliver to, by their codes in
`vietnam-provinces` (which ships no coordinates). Each is the commune's centre (its market or
people's committee) estimated by hand from the commune seats' known places, to roughly ±3 km; not
surveyed nor checked against a map source here (no network) — replace the file with surveyed
centres (e.g. OpenStreetMap's) when deploying; see the README. The province
centroids below are rough (±20 km): the middle of the merged province's populated area, read
off a map, used only when a place's commune is not in the file. Distances rank suppliers by
closeness; they are not for routing or freight prices.
"""
import csv
from functools import lru_cache
from math import asin, cos, radians, sin, sqrt
from pathlib import Path

COMMUNES_CSV = Path(__file__).parent / "data" / "communes.csv"

# Province code -> (latitude, longitude).
PROVINCE_CENTROIDS = {
    1: (21.03, 105.83),    # Thành phố Hà Nội
    4: (22.67, 106.25),    # Cao Bằng
    8: (22.30, 105.10),    # Tuyên Quang (with Hà Giang)
    11: (21.60, 103.10),   # Điện Biên
    12: (22.30, 103.30),   # Lai Châu
    14: (21.20, 104.00),   # Sơn La
    15: (22.00, 104.40),   # Lào Cai (with Yên Bái)
    19: (21.85, 105.85),   # Thái Nguyên (with Bắc Kạn)
    20: (21.85, 106.60),   # Lạng Sơn
    22: (21.10, 107.30),   # Quảng Ninh
    24: (21.25, 106.25),   # Bắc Ninh (with Bắc Giang)
    25: (21.10, 105.30),   # Phú Thọ (with Vĩnh Phúc, Hòa Bình)
    31: (20.90, 106.50),   # Thành phố Hải Phòng (with Hải Dương)
    33: (20.60, 106.20),   # Hưng Yên (with Thái Bình)
    37: (20.35, 106.00),   # Ninh Bình (with Hà Nam, Nam Định)
    38: (20.00, 105.50),   # Thanh Hóa
    40: (19.20, 104.90),   # Nghệ An
    42: (18.30, 105.90),   # Hà Tĩnh
    44: (17.20, 106.60),   # Quảng Trị (with Quảng Bình)
    46: (16.40, 107.50),   # Thành phố Huế
    48: (15.70, 108.10),   # Thành phố Đà Nẵng (with Quảng Nam)
    51: (14.70, 108.30),   # Quảng Ngãi (with Kon Tum)
    52: (14.00, 108.40),   # Gia Lai (with Bình Định)
    56: (12.00, 109.00),   # Khánh Hòa (with Ninh Thuận)
    66: (12.90, 108.50),   # Đắk Lắk (with Phú Yên)
    68: (11.80, 107.90),   # Lâm Đồng (with Đắk Nông, Bình Thuận)
    75: (11.40, 107.00),   # Đồng Nai (with Bình Phước)
    79: (10.80, 106.70),   # Thành phố Hồ Chí Minh (with Bình Dương, Bà Rịa–Vũng Tàu)
    80: (10.95, 106.20),   # Tây Ninh (with Long An)
    82: (10.45, 105.95),   # Đồng Tháp (with Tiền Giang)
    86: (10.10, 106.25),   # Vĩnh Long (with Bến Tre, Trà Vinh)
    91: (10.20, 105.10),   # An Giang (with Kiên Giang)
    92: (9.70, 105.80),    # Thành phố Cần Thơ (with Sóc Trăng, Hậu Giang)
    96: (9.10, 105.20),    # Cà Mau (with Bạc Liêu)
}

EARTH_RADIUS_KM = 6371.0


def haversine_km(a, b):
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(radians, (*a, *b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(h))


def province_distance_km(from_code, to_code):
    """Approximate km between two provinces' centroids (0 within one), None if either is unknown."""
    a, b = PROVINCE_CENTROIDS.get(from_code), PROVINCE_CENTROIDS.get(to_code)
    if a is None or b is None:
        return None
    return haversine_km(a, b)


@lru_cache(maxsize=1)
def commune_centres():
    """Ward code -> (latitude, longitude), read once from the shipped CSV."""
    with open(COMMUNES_CSV, encoding="utf-8", newline="") as handle:
        return {int(row["ward_code"]): (float(row["latitude"]), float(row["longitude"]))
                for row in csv.DictReader(handle)}


def place_point(province_code, ward_code=None):
    """The best known point of a place: its commune's centre, else its province's centroid."""
    return commune_centres().get(ward_code) or PROVINCE_CENTROIDS.get(province_code)


def place_distance_km(origin, destination):
    """Km between two (province code, ward code) places, None if either is unknown."""
    a, b = place_point(*origin), place_point(*destination)
    if a is None or b is None:
        return None
    return haversine_km(a, b)
