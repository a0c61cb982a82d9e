"""Storefront pages: list, filters, sort, pagination, detail, languages, query counts."""
from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.catalog.models import ProductStatus, ReviewStatus
from marketplace.producers.models import ApprovalStatus
from tests.factories import make_certificate, make_cooperative, make_product


def page_text(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


@pytest.fixture
def shelf(app):
    coop_a = make_cooperative(name="HTX Kẹo dừa Thanh Long", slug="thanh-long", legacy_district="mo-cay-nam")
    coop_b = make_cooperative(name="Cơ sở Dầu dừa Lương Quới", slug="luong-quoi", legacy_district="giong-trom")
    five = make_product(coop_a, slug="keo-dua-sau-rieng", name_vi="Kẹo dừa sầu riêng", price_vnd=60000)
    make_certificate(five, stars=5)
    four = make_product(coop_b, slug="dau-dua", name_vi="Dầu dừa tinh khiết", category_code="3.2", price_vnd=120000, stock=0)
    make_certificate(four, stars=4)
    three = make_product(coop_a, slug="banh-trang", name_vi="Bánh tráng Mỹ Lồng", category_code="1.4", price_vnd=35000)
    make_certificate(three, stars=3)
    potential = make_product(coop_b, slug="nuoc-mam", name_vi="Nước mắm nhỉ", category_code="1.6")
    make_certificate(potential, stars=2)
    expired = make_product(coop_a, slug="mut-dua", name_vi="Mứt dừa non")
    make_certificate(expired, stars=4, issued_on=clock.today() - timedelta(days=4 * 365))
    pending = make_product(coop_a, slug="thach-dua", name_vi="Thạch dừa")
    make_certificate(pending, stars=5, review_status=ReviewStatus.PENDING)
    make_product(coop_a, slug="ban-nhap", name_vi="Bản nháp", status=ProductStatus.DRAFT)
    hidden = make_cooperative(slug="cho-duyet", status=ApprovalStatus.PENDING)
    make_certificate(make_product(hidden, slug="an", name_vi="Sản phẩm ẩn"), stars=5)
    from marketplace.extensions import db

    db.session.commit()


def test_products_lists_only_badged_products_by_default(client, shelf):
    html = page_text(client.get("/products"))
    for name in ("Kẹo dừa sầu riêng", "Dầu dừa tinh khiết", "Bánh tráng Mỹ Lồng"):
        assert name in html
    for name in ("Nước mắm nhỉ", "Mứt dừa non", "Thạch dừa", "Bản nháp", "Sản phẩm ẩn"):
        assert name not in html
    assert "3 sản phẩm" in html


def test_all_products_shows_expired_and_pending_without_badge(client, shelf):
    html = page_text(client.get("/products?rating=all"))
    assert "Mứt dừa non" in html and "Thạch dừa" in html and "Nước mắm nhỉ" in html
    assert "Bản nháp" not in html and "Sản phẩm ẩn" not in html
    assert html.count('class="ocop-badge') == 3


def test_potential_products_only_when_asked_and_never_with_the_mark(client, shelf):
    html = page_text(client.get("/products?rating=potential"))
    assert "Nước mắm nhỉ" in html
    assert "Kẹo dừa sầu riêng" not in html
    assert "ocop-badge" not in html
    assert "Sản phẩm tiềm năng" in html


@pytest.mark.parametrize(
    "query,expected",
    [
        ("stars_min=5", ["Kẹo dừa sầu riêng"]),
        ("group=3", ["Dầu dừa tinh khiết"]),
        ("subgroup=1.4", ["Bánh tráng Mỹ Lồng"]),
        ("district=giong-trom", ["Dầu dừa tinh khiết"]),
        ("price_min=50000&price_max=100000", ["Kẹo dừa sầu riêng"]),
        ("in_stock=1&group=3", []),
    ],
)
def test_filters(client, shelf, query, expected):
    html = page_text(client.get(f"/products?{query}"))
    names = {"Kẹo dừa sầu riêng", "Dầu dừa tinh khiết", "Bánh tráng Mỹ Lồng"}
    for name in names:
        assert (name in html) == (name in expected), name


@pytest.mark.parametrize(
    "sort,order",
    [
        ("stars", ["Kẹo dừa sầu riêng", "Dầu dừa tinh khiết", "Bánh tráng Mỹ Lồng"]),
        ("price_asc", ["Bánh tráng Mỹ Lồng", "Kẹo dừa sầu riêng", "Dầu dừa tinh khiết"]),
        ("price_desc", ["Dầu dừa tinh khiết", "Kẹo dừa sầu riêng", "Bánh tráng Mỹ Lồng"]),
        ("name", ["Bánh tráng Mỹ Lồng", "Dầu dừa tinh khiết", "Kẹo dừa sầu riêng"]),
    ],
)
def test_sorts(client, shelf, sort, order):
    html = page_text(client.get(f"/products?sort={sort}"))
    positions = [html.index(f"<h3>{name}</h3>") for name in order]
    assert positions == sorted(positions)


def test_filters_survive_in_pagination_links(client, shelf):
    html = page_text(client.get("/products?per_page=1&group=1&sort=price_asc"))
    assert "Trang 1 / 2" in html
    assert 'href="/products?group=1&amp;sort=price_asc&amp;page=2"' in html or "page=2" in html
    second = page_text(client.get("/products?per_page=1&group=1&sort=price_asc&page=2"))
    assert "Kẹo dừa sầu riêng" in second


@pytest.mark.parametrize("query", ["page=0", "page=abc", "stars_min=9", "price_min=abc", "group=99", "per_page=100000", "sort=evil", "page=999"])
def test_bad_query_strings_never_fail(client, shelf, query):
    assert client.get(f"/products?{query}").status_code == 200


def test_product_page_shows_price_badge_certificate_and_cooperative(client, shelf):
    html = page_text(client.get("/products/keo-dua-sau-rieng"))
    assert "60.000\xa0₫" in html
    assert "Giấy chứng nhận OCOP" in html
    assert "VL-OCOP-" in html
    assert 'href="/cooperatives/thanh-long"' in html
    assert "<strong>thơm ngon</strong>" in html


def test_expired_product_page_says_the_badge_is_gone(client, shelf):
    html = page_text(client.get("/products/mut-dua"))
    assert "ocop-badge" not in html.split('id="desc-title"')[0]
    assert "không còn hiệu lực" in html


def test_unknown_and_hidden_products_are_404(client, shelf):
    for slug in ("khong-co", "ban-nhap", "an"):
        response = client.get(f"/products/{slug}")
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.get_data(as_text=True)


def test_english_version(client, shelf):
    html = page_text(client.get("/products/keo-dua-sau-rieng?lang=en"))
    assert '<html lang="en">' in html
    assert "₫60,000" in html
    # remembered for the next page
    assert '<html lang="en">' in page_text(client.get("/products"))


def test_products_runs_a_constant_number_of_queries(client, app, count_queries):
    coop = make_cooperative()
    for n in range(30):
        make_certificate(make_product(coop, images=2), stars=3 + n % 3)
    from marketplace.extensions import db

    db.session.commit()
    cold, warm = [], []
    for per_page in (1, 10, 30):
        app.extensions["cache"].clear()  # nothing shared rendered yet: every card loaded
        with count_queries() as queries:
            page_text(client.get(f"/products?per_page={per_page}"))
        cold.append(len(queries))
        with count_queries() as queries:  # every card and count now shared
            page_text(client.get(f"/products?per_page={per_page}"))
        warm.append(len(queries))
    assert cold[0] == cold[1] == cold[2], cold
    assert cold[0] <= 7
    # The page's rows, by what their cached cards are keyed on; nothing else.
    assert warm == [1, 1, 1]
