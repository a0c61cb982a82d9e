"""What shoppers get back, on each backend: folding, exact-first ranking, field order, stars as
a tie-break, prefixes, one typo, "did you mean", filters and facets together with `q`."""
import unicodedata

import pytest

from marketplace.catalog.services import ProductFilters
from marketplace.extensions import db
from marketplace.search import service
from tests.factories import make_certificate, make_product
from tests.search.conftest import search


@pytest.mark.parametrize("q", ["kẹo dừa", "keo dua", "KẸO DỪA", "Keo Dua", "kẹo dua", "keo dừa"])
def test_with_or_without_diacritics_and_any_case_keo_dua_finds_coconut_candy(catalogue, q):
    assert search(q)[:2] == ["Kẹo dừa sầu riêng", "Kẹo dừa lá dứa"]


def test_decomposed_input_finds_the_same(catalogue):
    assert search(unicodedata.normalize("NFD", "kẹo dừa")) == search("kẹo dừa")


def test_tone_mark_on_either_vowel_finds_the_word(catalogue):
    # "hoà" (old style, mark on a) and "hòa" (mark on o) are different code points.
    assert search("hoà bình") == search("hòa bình") == ["Trà Hòa Bình"]


def test_d_with_stroke_folds_to_d(catalogue):
    assert "Đường thốt nốt" in search("duong thot not")
    assert "Đường thốt nốt" in search("ĐƯỜNG")


def test_coconut_ranks_above_melon_when_the_shopper_types_dua_with_its_marks(catalogue):
    assert search("dừa")[:3] == ["Kẹo dừa sầu riêng", "Kẹo dừa lá dứa", "Dưa hấu Long An"]
    assert search("dưa")[0] == "Dưa hấu Long An"


def test_without_marks_both_match_and_stars_order_them(catalogue):
    assert search("dua")[:3] == ["Kẹo dừa sầu riêng", "Dưa hấu Long An", "Kẹo dừa lá dứa"]


def test_duong_sugar_above_duong_place(catalogue):
    assert search("đường") == ["Đường thốt nốt", "Nước mắm Dương Đông"]
    assert search("dương") == ["Nước mắm Dương Đông", "Đường thốt nốt"]


def test_name_above_category_above_cooperative_above_description(catalogue):
    assert search("thảo dược") == ["Trà thảo dược", "Son môi", "Mứt gừng", "Mật ong rừng"]


def test_stars_break_ties_but_never_beat_text_relevance(catalogue):
    # Same text relevance: 5★ before 3★. The 3★ name match stays above the 4★ product whose
    # cooperative (and description) only mention dừa.
    assert search("kẹo dừa")[:2] == ["Kẹo dừa sầu riêng", "Kẹo dừa lá dứa"]
    found = search("dừa")
    assert found.index("Kẹo dừa lá dứa") < found.index("Bánh tráng Mỹ Lồng")


@pytest.mark.parametrize("q", ["keo du", "kẹo dừ", "keo d", "kẹo"])
def test_the_last_word_matches_as_a_prefix_while_typing(catalogue, q):
    assert search(q)[:2] == ["Kẹo dừa sầu riêng", "Kẹo dừa lá dứa"]


def test_prefix_in_a_longer_query(catalogue):
    assert search("banh tr") == ["Bánh tráng Mỹ Lồng"]


@pytest.mark.parametrize("q", ["sau rienng", "đường thoot", "banh trangg"])
def test_one_typo_in_a_longer_word_is_forgiven(catalogue, q):
    assert len(search(q)) == 1


def test_short_words_need_no_typo_tolerance_and_unknown_words_find_nothing(catalogue):
    assert search("xyzq") == []
    assert search("keo xyzq") == []


@pytest.mark.parametrize("q,expected", [("bahn trang", "bánh tráng"), ("keo duaa sau rieng", "kẹo dừa sầu riêng")])
def test_did_you_mean_when_nothing_matches(catalogue, q, expected):
    found = service.search_products(ProductFilters(q=q, rating="all"))
    assert found.results.total == 0
    assert found.did_you_mean == expected


def test_no_suggestion_when_something_matches_or_nothing_is_near(catalogue):
    assert service.search_products(ProductFilters(q="kẹo", rating="all")).did_you_mean == ""
    assert service.search_products(ProductFilters(q="qqqqqq", rating="all")).did_you_mean == ""


def test_cooperatives_match_by_name_and_place(catalogue):
    assert [c.slug for c in service.matching_cooperatives(service.parse_query("thảo dược"))] == ["thao-duoc-xanh"]
    assert "thanh-long" in [c.slug for c in service.matching_cooperatives(service.parse_query("mỏ cày"))]


def test_products_match_their_cooperatives_place(catalogue):
    assert set(search("mo cay")) == {"Kẹo dừa sầu riêng", "Kẹo dừa lá dứa", "Bánh tráng Mỹ Lồng"}


# Filters, facets and sorting with q


def results(q, **filters):
    return service.search_products(ProductFilters(q=q, **filters)).results


def test_default_rating_keeps_certified_products_and_counts_the_others(catalogue):
    found = results("trà hòa bình")
    assert found.items == [] and found.total == 0
    assert found.facets.rating("certified") == 0 and found.facets.rating("potential") == 1
    assert [c.product.name_vi for c in results("trà hòa bình", rating="potential").items] == ["Trà Hòa Bình"]


@pytest.mark.parametrize(
    "filters,expected",
    [
        ({"district": "mo-cay-nam"}, {"Kẹo dừa sầu riêng", "Kẹo dừa lá dứa", "Bánh tráng Mỹ Lồng"}),
        ({"stars_min": 5}, {"Kẹo dừa sầu riêng"}),
        ({"group": "1", "in_stock": True}, {"Kẹo dừa sầu riêng", "Kẹo dừa lá dứa", "Bánh tráng Mỹ Lồng"}),
        ({"price_min": 50000, "price_max": 59999}, {"Kẹo dừa lá dứa"}),
        ({"subgroup": "1.1"}, {"Dưa hấu Long An"}),
        ({"cooperative": "phu-hung"}, {"Dưa hấu Long An"}),
        ({"subgroup": "9.9"}, set()),
    ],
)
def test_filters_apply_on_top_of_q(catalogue, filters, expected):
    found = results("dua", rating="all", **filters)
    assert {c.product.name_vi for c in found.items} == expected
    assert found.total == len(expected)


def test_facet_counts_leave_their_own_filter_out(catalogue):
    facets = results("dua", rating="all", district="mo-cay-nam").facets
    assert facets.total == 3
    assert facets.districts == {"mo-cay-nam": 3, "cho-lach": 1}  # other districts stay reachable
    assert facets.in_stock == 3
    facets = results("dua", rating="all", in_stock=True).facets
    assert facets.districts == {"mo-cay-nam": 3}  # the melon is out of stock
    assert facets.in_stock == 3 and facets.total == 3
    facets = results("dua", rating="all").facets
    assert facets.districts == {"mo-cay-nam": 3, "cho-lach": 1}
    assert facets.groups == {"1": 4}
    assert facets.stars == {5: 1, 4: 2, 3: 1}
    assert sum(facets.prices) == 4 and facets.prices[0] == 2  # under 50.000 ₫: melon, rice paper


@pytest.mark.parametrize(
    "sort,expected",
    [
        ("price_asc", ["Dưa hấu Long An", "Bánh tráng Mỹ Lồng", "Kẹo dừa lá dứa", "Kẹo dừa sầu riêng"]),
        ("price_desc", ["Kẹo dừa sầu riêng", "Kẹo dừa lá dứa", "Bánh tráng Mỹ Lồng", "Dưa hấu Long An"]),
        ("name", ["Bánh tráng Mỹ Lồng", "Dưa hấu Long An", "Kẹo dừa lá dứa", "Kẹo dừa sầu riêng"]),
        ("stars", ["Kẹo dừa sầu riêng", "Dưa hấu Long An", "Bánh tráng Mỹ Lồng", "Kẹo dừa lá dứa"]),
    ],
)
def test_other_sorts_order_the_matches(catalogue, sort, expected):
    found = results("dua", rating="all", sort=sort)
    assert [c.product.name_vi for c in found.items][:4] == expected


def test_pages_follow_the_ranking(catalogue):
    whole = results("dua", rating="all").items
    pages = [service.search_products(ProductFilters(q="dua", rating="all"), page=n, per_page=1).results for n in range(1, 6)]
    assert [page.items[0].product.id for page in pages[:4]] == [card.product.id for card in whole]
    assert pages[4].items == [] and pages[0].total == 4 and pages[0].pages == 4


def test_highlights_mark_matches_and_escape_the_rest(backend):
    product = make_product(name_vi="Kẹo dừa <script>alert(1)</script>", description_vi="Dừa & đường <b>ngon</b>.")
    make_certificate(product, stars=4)
    db.session.commit()
    light = service.search_products(ProductFilters(q="dừa")).highlights[product.id]
    assert str(light.name) == "Kẹo <mark>dừa</mark> &lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<mark>Dừa</mark> &amp; đường &lt;b&gt;ngon&lt;/b&gt;" in str(light.snippet)
