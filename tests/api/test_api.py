"""The read-only JSON API: shape, filters, errors."""
from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.extensions import db
from tests.factories import make_certificate, make_cooperative, make_product


@pytest.fixture
def data(app):
    coop = make_cooperative(slug="thanh-long", name="HTX Thanh Long", legacy_district="mo-cay-nam")
    badged = make_product(coop, slug="keo-dua", name_vi="Kẹo dừa", name_en="Coconut candy", price_vnd=85000)
    make_certificate(badged, stars=5, certificate_number="BT-OCOP-1")
    expired = make_product(coop, slug="mut-dua", name_vi="Mứt dừa")
    make_certificate(expired, stars=4, issued_on=clock.today() - timedelta(days=1200))
    make_product(coop, slug="chua-xep-hang", name_vi="Bánh phồng")
    db.session.commit()


def test_products_lists_every_published_product_with_ocop_null_without_badge(client, data):
    body = client.get("/api/v1/products").get_json()
    assert body["page"] == 1 and body["per_page"] == 24 and body["total"] == 3
    by_slug = {item["slug"]: item for item in body["items"]}
    item = by_slug["keo-dua"]
    assert item["name"] == "Kẹo dừa" and item["name_en"] == "Coconut candy"
    assert (item["unit"], item["unit_en"]) == ("hộp 400 g", "box 400 g")
    assert item["price_vnd"] == 85000 and item["unit"] == "hộp 400 g" and item["group"] == "1"
    assert item["url"].endswith("/products/keo-dua")
    assert item["ocop"]["stars"] == 5 and item["ocop"]["certificate_number"] == "BT-OCOP-1"
    assert item["ocop"]["level"] == "province"
    assert set(item["ocop"]) == {"stars", "certificate_number", "level", "issued_on", "expires_on"}
    assert item["cooperative"] == {"slug": "thanh-long", "name": "HTX Thanh Long", "district": "mo-cay-nam"}
    assert by_slug["mut-dua"]["ocop"] is None
    assert by_slug["chua-xep-hang"]["ocop"] is None


def test_certified_true_keeps_only_badged(client, data):
    body = client.get("/api/v1/products?certified=true").get_json()
    assert [i["slug"] for i in body["items"]] == ["keo-dua"]


def test_filters_and_paging(client, data):
    body = client.get("/api/v1/products?stars_min=5&district=mo-cay-nam&group=1").get_json()
    assert body["total"] == 1
    body = client.get("/api/v1/products?per_page=2&page=2").get_json()
    assert body["page"] == 2 and body["per_page"] == 2 and len(body["items"]) == 1


@pytest.mark.parametrize(
    "query,parameter",
    [("page=0", "page"), ("page=abc", "page"), ("stars_min=9", "stars_min"), ("per_page=1000", "per_page"),
     ("group=x", "group"), ("district=hanoi", "district"), ("certified=maybe", "certified"), ("price_min=-3", "price_min")],
)
def test_bad_parameters_answer_400_naming_them(client, data, query, parameter):
    response = client.get(f"/api/v1/products?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"]["code"] == "bad_request" and parameter in body["error"]["fields"]


def test_product_detail_and_404(client, data):
    body = client.get("/api/v1/products/keo-dua").get_json()
    assert body["slug"] == "keo-dua" and body["description"] and len(body["images"]) == 1
    response = client.get("/api/v1/products/khong-co")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


def test_cooperatives(client, data):
    body = client.get("/api/v1/cooperatives").get_json()
    assert body["items"][0]["slug"] == "thanh-long" and body["items"][0]["product_count"] == 3
    detail = client.get("/api/v1/cooperatives/thanh-long").get_json()
    assert len(detail["products"]) == 3
    assert client.get("/api/v1/cooperatives/khong-co").status_code == 404
