"""Search shows what people typed (issue 13): every published product, certified first, the
badge only where valid, a filter narrowing to certified; "did you mean" when the matches are
weak and a much better correction exists. On each backend, plus a held-out set of queries."""
from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.catalog.services import ProductFilters, parse_filters
from marketplace.extensions import db
from marketplace.search import ranking, service
from tests.factories import make_certificate, make_cooperative, make_product
from tests.search.conftest import search


def text(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.fixture
def shop(backend):
    """A small shop in the demo's words: candies, oils, coir, fruit, seedlings, a tour, some
    certified, some not, one whose certificate has expired."""
    candy = make_cooperative(name="HTX Kẹo Thanh Long", slug="keo-thanh-long", legacy_district="mo-cay-nam")
    coir = make_cooperative(name="Cơ sở Thủ công Phước Lợi", slug="phuoc-loi", legacy_district="mo-cay-bac")
    fruit = make_cooperative(name="Tổ hợp tác Vườn Cái Mơn", slug="cai-mon", legacy_district="cho-lach")
    plain = dict(description_vi="Làm tại Bến Tre.", name_en="")
    rated = {
        "Kẹo dừa sầu riêng": 5, "Kẹo dừa lá dứa": 4, "Kẹo dừa ca cao": 4, "Kẹo dừa sữa": 3,
        "Kẹo dừa đậu phộng": 4, "Hộp quà kẹo dừa 5 vị": 5, "Bánh tráng Mỹ Lồng nước dừa": 4,
        "Dầu dừa tinh khiết ép lạnh": 5, "Dầu gội dừa bồ kết": 4, "Thảm xơ dừa chùi chân": 4,
        "Dây xơ dừa se tay": 3, "Chậu xơ dừa treo": 3, "Lưới xơ dừa": 4, "Mụn xơ dừa": 3, "Bưởi da xanh Chợ Lách": 5, "Cây giống sầu riêng Ri6": 4,
        "Tour vườn trái cây Chợ Lách": 4, "Chôm chôm Java": 2,
    }
    unrated = ["Bánh tráng ngọt Mỹ Lồng", "Kẹo chuối gừng", "Sữa rửa mặt nước dừa", "Đường thốt nốt",
               "Chợ nổi Cái Mơn", "Chợ quê trái cây", "Chợ phiên hoa kiểng", "Chợ đêm Chợ Lách",
               "Chợ sáng Cái Mơn"]
    makers = {"Kẹo": candy, "Hộp": candy, "Bánh": candy, "Dầu": candy, "Sữa": candy, "Đường": candy,
              "Thảm": coir, "Dây": coir, "Chậu": coir, "Lưới": coir, "Mụn": coir}
    products = {}
    for name in [*rated, *unrated]:
        products[name] = make_product(makers.get(name.split()[0], fruit), name_vi=name, **plain)
    for name, stars in rated.items():
        make_certificate(products[name], stars=stars)
    expired = make_product(fruit, name_vi="Mứt sầu riêng", **plain)
    make_certificate(expired, stars=5, issued_on=clock.today() - timedelta(days=3 * 365 + 30))
    products["Mứt sầu riêng"] = expired
    db.session.commit()
    return products


# Every published product, certified first, the badge only where valid


def test_search_page_shows_the_uncertified_product_whose_name_was_typed(client, shop):
    html = text(client.get("/search?q=bánh tráng ngọt&lang=en"))
    first = html.split('class="product-card"')[1]
    assert "<mark>Bánh</mark> <mark>tráng</mark> <mark>ngọt</mark> Mỹ Lồng" in first
    assert 'name="rating" value="all" checked' in html


@pytest.mark.parametrize("path", ["/search", "/products"])
def test_typed_words_search_every_product_and_the_plain_catalogue_stays_certified(client, shop, path):
    assert "Bánh tráng ngọt Mỹ Lồng" in text(client.get(path, query_string={"q": "bánh tráng ngọt"}))
    assert "Bánh tráng ngọt Mỹ Lồng" not in text(client.get("/products"))  # no words: certified by default


def test_the_api_searches_every_product_too(client, shop):
    data = client.get("/api/v1/products", query_string={"q": "bánh tráng ngọt"}).get_json()
    assert data["items"][0]["name"] == "Bánh tráng ngọt Mỹ Lồng"


def test_certified_comes_first_among_equally_good_matches(shop):
    # Both match "kẹo" in the name the same way: the certified candies before the unrated one.
    named = [name for name in search("kẹo") if name.startswith("Kẹo")]
    assert named[-1] == "Kẹo chuối gừng" and len(named) == 6
    # A 1–2★ rating (no badge) ranks after badges, before products without any rating.
    assert search("chôm chôm") == ["Chôm chôm Java"]


def test_text_relevance_still_beats_the_badge(shop):
    # An uncertified product whose name holds every word beats certified ones matching less.
    assert search("bánh tráng ngọt")[0] == "Bánh tráng ngọt Mỹ Lồng"
    assert search("đường thốt nốt")[0] == "Đường thốt nốt"


def test_the_badge_shows_only_while_valid(client, shop):
    html = text(client.get("/search?q=sầu riêng&lang=en"))
    expired_card = html.split("Mứt <mark>sầu</mark> <mark>riêng</mark>")[1].split("</article>")[0]
    assert "ocop-badge" not in expired_card
    candy_card = html.split("Kẹo dừa <mark>sầu</mark> <mark>riêng</mark>")[1].split("</article>")[0]
    assert "ocop-badge ocop-5" in candy_card


def test_the_certified_filter_narrows_and_links_keep_it(client, shop):
    found = service.search_products(ProductFilters(q="sầu riêng", rating="certified", sort="relevance"))
    assert {c.product.name_vi for c in found.results.items} == {"Kẹo dừa sầu riêng", "Cây giống sầu riêng Ri6"}
    html = text(client.get("/search?q=sầu riêng&rating=certified&per_page=1&lang=en"))
    assert "rating=certified" in html.split('rel="next"')[1].split(">")[0]


def test_defaults_depend_on_whether_words_were_typed():
    words, _ = parse_filters({"q": "kẹo"})
    none, _ = parse_filters({})
    assert (words.rating, words.sort) == ("all", "relevance")
    assert (none.rating, none.sort) == ("certified", "stars")
    assert words.to_args() == {"q": "kẹo"}
    assert words.to_args(rating="certified", sort="stars") == {"q": "kẹo", "rating": "certified", "sort": "stars"}
    assert none.to_args(rating="all") == {"rating": "all"}


# "Did you mean" over weak matches


def test_weak_and_much_better_rules():
    assert ranking.weak(0, loose=False)
    assert ranking.weak(3, loose=False) and ranking.weak(40, loose=True)
    assert not ranking.weak(ranking.FEW_MATCHES, loose=False)
    assert ranking.much_better(6, 1, loose=False) and not ranking.much_better(4, 1, loose=False)
    assert not ranking.much_better(8, 3, loose=False) and ranking.much_better(9, 3, loose=False)
    assert ranking.much_better(2, 2, loose=True) and not ranking.much_better(0, 0, loose=True)


def did_you_mean(q):
    return service.search_products(ProductFilters(q=q, rating="all", sort="relevance")).did_you_mean


def test_keo_dau_has_loose_matches_and_suggests_keo_dua(shop):
    found = service.search_products(ProductFilters(q="keo dau", rating="all", sort="relevance"))
    assert found.results.total > 0  # kẹo dừa đậu phộng matches, with few others
    assert found.did_you_mean == "kẹo dừa"


@pytest.mark.parametrize("q,expected", [("xo dau", "xơ dừa"), ("thamm xo dua", "thảm xơ dừa"),
                                        ("sau rienng", "sầu riêng"), ("bưởi da xnah", "bưởi da xanh")])
def test_a_typo_or_a_swap_gets_its_correction(shop, q, expected):
    assert did_you_mean(q) == expected


@pytest.mark.parametrize("q", ["kẹo dừa", "keo dua", "dau goi", "bánh tráng ngọt", "banh trang ngot", "chom chom",
                               "keo du", "cho lach"])
def test_no_suggestion_over_good_matches(shop, q):
    # "chom chom" is not corrected to "cho…", a word the shopper typed past; words typed with
    # their diacritics are taken as meant.
    assert did_you_mean(q) == ""


def test_the_suggestion_links_to_its_search(client, shop):
    html = text(client.get("/search?q=keo+dau&lang=en"))
    assert "Did you mean:" in html and "/search?q=k%E1%BA%B9o+d%E1%BB%ABa" in html
    assert "dừa <mark>đậu</mark> phộng" in html  # the loose matches still show


# A held-out set: queries a shopper types, and what must come first


HELD_OUT = [
    ("kẹo dừa", "Kẹo dừa sầu riêng"),
    ("keo dua la dua", "Kẹo dừa lá dứa"),
    ("dầu dừa", "Dầu dừa tinh khiết ép lạnh"),
    ("dau goi", "Dầu gội dừa bồ kết"),
    ("sữa rửa mặt", "Sữa rửa mặt nước dừa"),
    ("xo dua", "Thảm xơ dừa chùi chân"),
    ("day xo", "Dây xơ dừa se tay"),
    ("buoi", "Bưởi da xanh Chợ Lách"),
    ("cay giong", "Cây giống sầu riêng Ri6"),
    ("tour", "Tour vườn trái cây Chợ Lách"),
    ("duong thot not", "Đường thốt nốt"),
    ("banh trang ngot", "Bánh tráng ngọt Mỹ Lồng"),
    ("kẹo chuối", "Kẹo chuối gừng"),
    ("hop qua", "Hộp quà kẹo dừa 5 vị"),
    ("keo dua ca ca", "Kẹo dừa ca cao"),  # the last word still being typed
    ("sau rieeng", "Kẹo dừa sầu riêng"),  # one typo
]


@pytest.mark.parametrize("q,first", HELD_OUT)
def test_held_out_queries_put_the_expected_product_first(shop, q, first):
    assert search(q)[0] == first
