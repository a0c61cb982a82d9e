"""/program: each figure counted from the live data equals what the catalogue and the API say;
the page in vi and en, its charts and tables, a CSV per figure, bounded queries, the cache."""
import csv
import io
import re
from datetime import date, timedelta

import pytest

from marketplace.catalog import services as catalog
from marketplace.catalog.models import ProductStatus, ReviewStatus
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative, EntityKind
from marketplace.program import progress
from marketplace.valuechain import supply
from marketplace.valuechain.models import Certification, CooperativeCertification, PartnershipStatus
from tests.factories import make_certificate, make_cooperative, make_distributor, make_product
from tests.valuechain.helpers import make_partnership

TODAY = date(2026, 6, 1)


@pytest.fixture
def program(app, frozen_today):
    """Two producers in two communes with products of every state; a pending producer and a
    draft product that no figure may count."""
    frozen_today(TODAY)
    mo_cay = make_cooperative(slug="htx-mo-cay", kind=EntityKind.COOPERATIVE, legacy_district="mo-cay-nam",
                              ward_code=28903, ward_name="Xã Mỏ Cày")
    phu_khuong = make_cooperative(slug="ho-phu-khuong", kind=EntityKind.HOUSEHOLD, legacy_district="tp-ben-tre",
                                  ward_code=28756, ward_name="Phường Phú Khương")
    pending = make_cooperative(slug="dn-cho-duyet", kind=EntityKind.ENTERPRISE, status=ApprovalStatus.PENDING)
    db.session.add_all([
        CooperativeCertification(cooperative_id=mo_cay.id, kind=Certification.HACCP, valid_until=date(2027, 1, 1)),
        CooperativeCertification(cooperative_id=mo_cay.id, kind=Certification.VIETGAP, valid_until=date(2027, 1, 1)),
        CooperativeCertification(cooperative_id=phu_khuong.id, kind=Certification.ISO_22000,
                                 valid_until=date(2026, 1, 1)),  # expired: not counted
    ])
    five = make_product(mo_cay, category_code="1.3", slug="keo-dua-5")
    make_certificate(five, stars=5, issued_on=date(2025, 1, 1))
    four = make_product(phu_khuong, category_code="2.1", slug="ruou-dua-4")
    make_certificate(four, stars=4, issued_on=date(2023, 6, 20))  # ends 20/06/2026: within 30 days
    upgraded = make_product(mo_cay, category_code="1.3", slug="banh-trang-3")
    make_certificate(upgraded, stars=2, issued_on=date(2022, 3, 1), review_status=ReviewStatus.SUPERSEDED)
    make_certificate(upgraded, stars=3, issued_on=date(2024, 5, 1))
    potential = make_product(phu_khuong, category_code="3.1", slug="dau-dua-2")
    make_certificate(potential, stars=2, issued_on=date(2025, 2, 1))
    expired = make_product(mo_cay, category_code="1.3", slug="mut-dua-het-han")
    make_certificate(expired, stars=4, issued_on=date(2022, 1, 1))
    make_product(phu_khuong, category_code="1.3", slug="chua-xep-hang")
    make_certificate(make_product(mo_cay, slug="nhap", status=ProductStatus.DRAFT), stars=5)
    make_certificate(make_product(pending, slug="cua-dn-cho-duyet"), stars=4)
    distributor = make_distributor()
    make_partnership(distributor, five)
    make_partnership(distributor, potential, status=PartnershipStatus.ENDED)
    make_partnership(distributor, four, status=PartnershipStatus.PROPOSED)  # not formed
    db.session.commit()
    return {"five": five, "four": four, "upgraded": upgraded, "potential": potential}


def rows(figure):
    return dict(figure)


def api_items(client, **args):
    body = client.get("/api/v1/products", query_string={"rating": "all", "per_page": 100, **args}).get_json()
    assert body["total"] == len(body["items"])
    return body["items"]


def test_figures_count_the_live_data(program):
    data = progress.compute()
    assert data.total == 6
    assert rows(data.stars) == {5: 1, 4: 1, 3: 1, 2: 1, 1: 0, 0: 2}
    assert rows(data.groups) == {"1": 4, "2": 1, "3": 1, "4": 0, "5": 0, "6": 0}
    assert rows(data.districts)["mo-cay-nam"] == 3 and rows(data.districts)["tp-ben-tre"] == 3
    assert rows(data.kinds) == {"cooperative": 3, "cooperative_group": 0, "enterprise": 0, "household": 3, "individual": 0}
    communes = rows(data.communes)
    assert len(communes) == 48 and communes[28903] == 2 and communes[28756] == 1
    assert data.communes_covered == 2
    assert data.potential == [[2024, 1]] and data.potential_now == 1
    assert rows(data.international) == {"haccp": 1, "iso22000": 0, "organic": 0, "fda": 0}
    assert data.international_products == 1
    assert data.expiring == [[0, 1], [1, 0], [2, 0]]
    assert [row[0] for row in data.expiring_list] == ["ruou-dua-4"]
    assert rows(data.partnerships) == {"1": 1, "2": 0, "3": 1, "4": 0, "5": 0, "6": 0}


def test_every_figure_equals_the_catalogue_and_the_api(app, program):
    client = app.test_client()
    data = progress.compute()
    items = api_items(client)
    assert data.total == len(items) == catalog.list_products(catalog.ProductFilters(rating="all")).total
    # Stars: the API shows the badge (3–5★) and lists potential products under rating=potential.
    for stars in (3, 4, 5):
        assert rows(data.stars)[stars] == sum(1 for item in items if (item["ocop"] or {}).get("stars") == stars)
    assert data.potential_now == len(api_items(client, rating="potential"))
    for code, count in data.groups:
        assert count == len(api_items(client, group=code)) == catalog.list_products(
            catalog.ProductFilters(rating="all", group=code)).total
    for code, count in data.districts:
        assert count == len(api_items(client, district=code))
    cooperatives = client.get("/api/v1/cooperatives").get_json()["items"]
    for kind, count in data.kinds:
        assert count == sum(c["product_count"] for c in cooperatives if c["kind"] == kind)
    certified_wards = {item["cooperative"]["slug"] for item in items if item["ocop"]}
    wards = {c["ward"] for c in cooperatives if c["slug"] in certified_wards}
    assert data.communes_covered == len(wards)
    soon = [item["slug"] for item in items
            if item["ocop"] and date.fromisoformat(item["ocop"]["expires_on"]) <= TODAY + timedelta(days=90)]
    assert [row[0] for row in data.expiring_list] == soon
    # 4★+ in the API, whose producer holds a valid international certification (its supply profile).
    holders = {c.slug for c in Cooperative.query if any(
        cert.kind in progress.INTERNATIONAL and cert.valid_until >= TODAY for cert in supply.cooperative_certifications(c))}
    assert data.international_products == sum(
        1 for item in items if (item["ocop"] or {}).get("stars", 0) >= 4 and item["cooperative"]["slug"] in holders)


@pytest.mark.parametrize("language, title, star_heading", [
    ("vi", "Chương trình OCOP qua các con số", "Số sao"),
    ("en", "The OCOP program in figures", "Stars"),
])
def test_page_shows_each_figure_as_a_chart_with_its_table(app, program, language, title, star_heading):
    html = app.test_client().get(f"/program?lang={language}").get_data(as_text=True)
    assert f'<html lang="{language}">' in html and f"<h1>{title}</h1>" in html
    assert html.count('<svg class="chart"') == len(progress.FIGURES)
    for key in progress.FIGURES:
        assert f'href="/program/{key}.csv"' in html
    # Each chart is an image named by its title and description, its numbers in a table too.
    assert re.search(r'role="img"\s+aria-labelledby="chart-stars-title chart-stars-desc"', html)
    assert re.search(r'<desc id="chart-stars-desc">[^<]*5★: 1; 4★: 1; 3★: 1; 2★: 1; 1★: 0', html)
    assert f'<th scope="col">{star_heading}</th>' in html
    assert "<strong>2/48</strong>" in html
    assert 'href="/products/ruou-dua-4"' in html  # the certificate that ends within 30 days
    assert "<script" not in html.split("<main")[1]  # readable without JavaScript


@pytest.mark.parametrize("key", progress.FIGURES)
def test_each_figure_downloads_as_csv_with_the_numbers_of_its_table(app, program, key):
    response = app.test_client().get(f"/program/{key}.csv?lang=en")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert f"ocop-program-{key}-2026-06-01.csv" in response.headers["Content-Disposition"]
    table = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert table[0][0] == "code"
    expected = getattr(progress.compute(), key)
    assert [int(row[2]) for row in table[1:]] == [count for _code, count in expected]
    if key != "expiring":  # its rows are windows of days ("0-30"), the others' codes are the data's own
        assert [row[0] for row in table[1:]] == [str(code) for code, _count in expected]


def test_csv_of_an_unknown_figure_is_404(app):
    assert app.test_client().get("/program/nothing.csv").status_code == 404


def test_figures_are_cached_until_the_data_changes(app, program, count_queries):
    client = app.test_client()
    client.get("/program")
    with count_queries() as queries:
        assert client.get("/program").status_code == 200
    assert len(queries) <= 2  # the shared cache answers; none per figure or per row
    make_partnership(make_distributor(), program["upgraded"])
    db.session.commit()
    assert rows(progress.progress().partnerships)["1"] == 2
    program["five"].status = ProductStatus.ARCHIVED
    db.session.commit()
    assert progress.progress().total == 5


def test_a_cold_page_costs_a_bounded_number_of_queries(app, program, count_queries):
    with count_queries() as queries:
        assert app.test_client().get("/program").status_code == 200
    assert len(queries) <= 10
