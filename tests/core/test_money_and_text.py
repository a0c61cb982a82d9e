import pytest

from marketplace.money import format_vnd, parse_vnd, to_stripe_amount
from marketplace.text import fold, nfc, slugify


def test_vnd_in_vietnamese_uses_dot_thousands_and_trailing_dong_sign():
    assert format_vnd(85000, "vi") == "85.000\xa0₫"


def test_vnd_in_english_follows_babel():
    assert format_vnd(85000, "en") == "₫85,000"
    assert format_vnd(1250000, "en") == "₫1,250,000"


@pytest.mark.parametrize("text,amount", [("85.000", 85000), ("85,000 ₫", 85000), ("85000", 85000), (" 1.200.000đ ", 1200000)])
def test_parse_vnd_accepts_what_people_type(text, amount):
    assert parse_vnd(text) == amount


@pytest.mark.parametrize("text", ["abc", "-5", "12.5x", "", None, "1e9"])
def test_parse_vnd_refuses_non_amounts(text):
    assert parse_vnd(text) is None


def test_stripe_amount_is_whole_dong_never_times_100():
    assert to_stripe_amount(85000) == 85000
    with pytest.raises(ValueError):
        to_stripe_amount(850.5)
    with pytest.raises(ValueError):
        to_stripe_amount(-1)


def test_fold_strips_tones_and_d_bar():
    assert fold("Kẹo Dừa ĐƯỜNG") == "keo dua duong"
    assert fold("dứa dưa dừa") == "dua dua dua"


def test_nfd_input_normalises_to_nfc():
    decomposed = "Ke\u0323o du\u031b\u0300a"
    assert nfc(decomposed) == "Kẹo dừa"
    assert fold(decomposed) == "keo dua"


def test_slugify_vietnamese():
    assert slugify("Kẹo dừa sầu riêng – Mỏ Cày") == "keo-dua-sau-rieng-mo-cay"
    assert slugify("!!!") == "item"
