"""Vietnamese units and issuing bodies read in English: the data stays as typed."""
import pytest

from marketplace.extensions import db
from marketplace.terms import issuing_body_in, unit_in
from tests.factories import make_certificate, make_product


@pytest.mark.parametrize("unit, english", [
    ("hộp 400 g", "box 400 g"),
    ("Gói 500 g", "pack 500 g"),
    ("vé/người", "ticket/person"),
    ("phòng/đêm", "room/night"),
    ("thùng 24 lon 250 ml", "carton 24 can 250 ml"),
    ("hộp 20 túi lọc", "box 20 tea bags"),
    ("trái (khoảng 700 ml)", "fruit (about 700 ml)"),
    ("kg", "kg"),
])
def test_units_read_in_english_word_by_word(unit, english):
    assert unit_in(unit, "en") == english
    assert unit_in(unit, "vi") == unit


@pytest.mark.parametrize("body, english", [
    ("Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment"),
    ("Bộ Nông nghiệp và Phát triển nông thôn", "Ministry of Agriculture and Rural Development"),
    ("UBND tỉnh Vĩnh Long", "People's Committee of Vĩnh Long Province"),
    ("UBND huyện Mỏ Cày Nam", "People's Committee of Mỏ Cày Nam District"),
    ("UBND thành phố Bến Tre", "People's Committee of Bến Tre City"),
    ("Sở Công Thương", "Sở Công Thương"),  # unknown: shown as typed
])
def test_issuing_bodies_read_in_english(body, english):
    assert issuing_body_in(body, "en") == english
    assert issuing_body_in(body, "vi") == body


def test_the_product_page_shows_unit_and_ministry_in_the_readers_language(client, app):
    product = make_product(slug="keo-dua", unit="hộp 400 g")
    make_certificate(product, stars=5, issuing_body="Bộ Nông nghiệp và Môi trường")
    db.session.commit()
    english = client.get("/products/keo-dua?lang=en").get_data(as_text=True)
    assert "/ box 400 g" in english and "/ hộp 400 g" not in english
    assert "Ministry of Agriculture and Environment" in english
    vietnamese = client.get("/products/keo-dua?lang=vi").get_data(as_text=True)
    assert "/ hộp 400 g" in vietnamese and "Bộ Nông nghiệp và Môi trường" in vietnamese
