"""Provinces and wards in Vietnamese alphabetical order (ICU's Vietnamese collator), names
normalised, and the ward list searchable by typing."""
import re

from marketplace import places
from marketplace.extensions import db
from tests.factories import make_product


def names(items):
    return [item.name for item in items]


def test_names_sort_as_vietnamese_readers_expect():
    shuffled = ["Đồng Tháp", "Cao Bằng", "Eakar", "Dak Nong", "Cà Mau", "Lâm Đồng", "Duy Xuyên", "Lào Cai", "Cần Thơ"]
    assert sorted(shuffled, key=places.sort_key) == [
        "Cà Mau", "Cao Bằng", "Cần Thơ", "Dak Nong", "Duy Xuyên", "Đồng Tháp", "Eakar", "Lào Cai", "Lâm Đồng"]


def test_provinces_are_in_vietnamese_order():
    provinces = names(places.provinces())
    assert provinces.index("Cà Mau") < provinces.index("Cao Bằng") < provinces.index("Đắk Lắk")
    d_letters = [name for name in provinces if name.startswith(("D", "Đ"))]
    assert d_letters == ["Đắk Lắk", "Điện Biên", "Đồng Nai", "Đồng Tháp"]
    assert provinces.index("Đồng Tháp") + 1 == provinces.index("Gia Lai")  # right after the D's
    assert provinces.index("Lào Cai") < provinces.index("Lâm Đồng")  # â is a letter after a
    assert provinces == sorted(provinces, key=places.sort_key)


def test_ward_names_are_normalised_and_sorted():
    every_ward = [ward for code in places._divisions()[1] for ward in places.wards(code)]
    assert all("  " not in w.name and w.name == w.name.strip() for w in every_ward)
    gia_lai_wards = names(places.wards(next(p.code for p in places.provinces() if p.name == "Gia Lai")))
    assert "Phường An Nhơn" in gia_lai_wards and gia_lai_wards[0] != "Phường An Nhơn"
    assert gia_lai_wards == sorted(gia_lai_wards, key=places.sort_key)


def test_normal_name_is_nfc_with_single_spaces():
    decomposed = "Phu\u031bo\u031b\u0300ng  An  Nho\u031bn "
    assert places.normal_name(decomposed) == "Phường An Nhơn"
    assert places.normal_name(None) == ""


def test_the_checkout_renders_a_ward_filter_box(client, app):
    product = make_product(stock=5)
    db.session.commit()
    client.post("/cart/add", data={"product_id": product.id, "quantity": 1})
    html = client.get("/checkout?lang=en").get_data(as_text=True)
    assert 'data-ward-filter="ward_code"' in html and "Find your commune or ward" in html
    assert re.search(r"/static/js/ward-filter\.[0-9a-f]{12}\.js", html)  # content-hashed name
