"""Search engines and shared links: JSON-LD (read with extruct, as crawlers do) equal to the
API, the OCOP certificate only while its badge is valid, canonical and hreflang links per
language, Open Graph and Twitter tags, sitemap.xml and robots.txt."""
import re
from html import unescape
import xml.etree.ElementTree as ET
from datetime import timedelta

import extruct
import pytest

from marketplace import clock
from marketplace.catalog.models import ProductStatus
from marketplace.extensions import db
from marketplace.orders import reviews
from marketplace.producers.models import ApprovalStatus
from marketplace.valuechain.models import RequestStatus
from tests.factories import make_certificate, make_cooperative, make_distributor, make_product, make_user
from tests.orders.conftest import place
from tests.valuechain.helpers import make_request

SITE = "https://ocop.example.vn"


@pytest.fixture
def site(app, monkeypatch):
    monkeypatch.setitem(app.config, "SITE_URL", SITE)
    return app.test_client()


@pytest.fixture
def coop(app):
    return make_cooperative(slug="htx-dua-thanh-phu", name="HTX Dừa Thạnh Phú", street="Ấp 3",
                            ward_name="Xã Thạnh Phú", province_name="Vĩnh Long", phone="0275 3861 234")


def structured(client, url, syntax="json-ld"):
    html = client.get(url).get_data(as_text=True)
    return extruct.extract(html, base_url=SITE, syntaxes=[syntax], uniform=True)[syntax], html


def of_type(items, kind):
    found = [item for item in items if item.get("@type") == kind]
    assert len(found) == 1, items
    return found[0]


def test_product_page_describes_the_product_its_offer_and_valid_certificate(app, site, coop):
    product = make_product(coop, slug="keo-dua-sap", name_vi="Kẹo dừa sáp", name_en="Wax coconut candy",
                           price_vnd=85000, stock=3)
    certificate = make_certificate(product, stars=4)
    db.session.commit()
    items, _ = structured(site, "/products/keo-dua-sap")
    api = site.get("/api/v1/products/keo-dua-sap").get_json()
    data = of_type(items, "Product")
    assert data["name"] == api["name"] and data["sku"] == api["slug"]
    assert data["offers"]["price"] == api["price_vnd"] == 85000
    assert data["offers"]["priceCurrency"] == "VND"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["url"] == f"{SITE}/products/keo-dua-sap"
    assert data["image"][0].startswith(f"{SITE}/media/products/")
    assert data["manufacturer"]["name"] == api["cooperative"]["name"]
    cert = data["hasCertification"]
    assert cert["@type"] == "Certification" and cert["name"] == "OCOP 4 sao"
    assert cert["certificationIdentification"] == api["ocop"]["certificate_number"] == certificate.certificate_number
    assert cert["issuedBy"]["name"] == certificate.issuing_body
    assert (cert["validFrom"], cert["expires"]) == (api["ocop"]["issued_on"], api["ocop"]["expires_on"])
    assert "aggregateRating" not in data  # no reviews yet
    trail = of_type(items, "BreadcrumbList")["itemListElement"]
    assert [step["position"] for step in trail] == [1, 2, 3, 4]
    assert trail[0]["item"] == f"{SITE}/products" and trail[-1]["item"] == data["url"]
    english = of_type(structured(site, "/products/keo-dua-sap?lang=en")[0], "Product")
    assert english["name"] == "Wax coconut candy" and english["url"] == f"{SITE}/products/keo-dua-sap?lang=en"


@pytest.mark.parametrize("state", ["expired", "potential", "pending", "none"])
def test_no_certification_unless_the_badge_is_valid(app, site, coop, state):
    product = make_product(coop, slug="mut-dua", stock=0)
    if state == "expired":
        make_certificate(product, stars=5, issued_on=clock.today() - timedelta(days=365 * 3 + 30))
    elif state == "potential":
        make_certificate(product, stars=2)
    elif state == "pending":
        make_certificate(product, stars=4, review_status="pending")
    db.session.commit()
    data = of_type(structured(site, "/products/mut-dua")[0], "Product")
    assert "hasCertification" not in data
    assert site.get("/api/v1/products/mut-dua").get_json()["ocop"] is None
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_aggregate_rating_equals_the_reviews(app, site, coop):
    product = make_product(coop, slug="dau-dua")
    with app.test_request_context("/?lang=en"):
        from marketplace.orders import fulfilment

        for rating in (5, 4):
            buyer = make_user()
            order = place((product, 1), user=buyer)
            for shipment in order.shipments:
                fulfilment.confirm_shipment(shipment, None)
                fulfilment.ship_shipment(shipment, None, "ghtk", "S22894753.MB2.A1.123456789")
                fulfilment.deliver_shipment(shipment, None)
            reviews.add_review(buyer, product.id, rating, "")
    db.session.commit()
    data = of_type(structured(site, "/products/dau-dua")[0], "Product")
    summary = reviews.product_reviews(product.id)
    assert data["aggregateRating"]["ratingValue"] == summary.average == 4.5
    assert data["aggregateRating"]["reviewCount"] == summary.count == 2


def test_json_ld_cannot_be_broken_out_of(app, site, coop):
    make_product(coop, slug="doc-hai", name_vi='</script><script>alert(1)</script> & "kẹo"')
    db.session.commit()
    items, html = structured(site, "/products/doc-hai")
    assert of_type(items, "Product")["name"] == '</script><script>alert(1)</script> & "kẹo"'
    assert "<script>alert(1)" not in html


def test_cooperative_page_is_an_organization_with_its_address(app, site, coop):
    db.session.commit()
    items, _ = structured(site, "/cooperatives/htx-dua-thanh-phu")
    data = of_type(items, "Organization")
    api = site.get("/api/v1/cooperatives/htx-dua-thanh-phu").get_json()
    assert data["name"] == api["name"] and data["url"] == api["url"].replace("http://localhost", SITE)
    address = data["address"]
    assert address["@type"] == "PostalAddress"
    assert (address["addressLocality"], address["addressRegion"]) == (api["ward"], api["province"])
    assert address["streetAddress"] == "Ấp 3" and address["addressCountry"] == "VN"
    assert data["telephone"] == "0275 3861 234"


def head_links(html):
    canonical = unescape(re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1))
    alternates = {lang: unescape(href) for lang, href in
                  re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)}
    return canonical, alternates


@pytest.mark.parametrize("path", ["/", "/products", "/cooperatives", "/program", "/products/keo", "/sourcing"])
def test_each_language_has_its_own_address(app, site, coop, path):
    make_product(coop, slug="keo")
    db.session.commit()
    vi = site.get(path + "?page=1").get_data(as_text=True)
    canonical, alternates = head_links(vi)
    assert '<html lang="vi">' in vi and canonical == f"{SITE}{path}?page=1"
    assert alternates == {"vi": f"{SITE}{path}?page=1", "en": f"{SITE}{path}?page=1&lang=en",
                          "x-default": f"{SITE}{path}?page=1"}
    en = site.get(path + "?lang=en&page=1").get_data(as_text=True)
    assert '<html lang="en">' in en and head_links(en)[0] == f"{SITE}{path}?page=1&lang=en"
    # A visitor whose session remembers English reads English: the canonical names that version.
    remembered = site.get(path).get_data(as_text=True)
    assert '<html lang="en">' in remembered and head_links(remembered)[0] == f"{SITE}{path}?lang=en"


def test_filters_are_not_part_of_the_canonical_address(app, site):
    canonical, _ = head_links(site.get("/products?group=1&sort=name").get_data(as_text=True))
    assert canonical == f"{SITE}/products"


def test_shared_product_link_shows_its_photo_and_title(app, site, coop):
    product = make_product(coop, slug="keo-la-dua", name_vi="Kẹo lá dứa")
    db.session.commit()
    tags, html = structured(site, "/products/keo-la-dua", "opengraph")
    properties = tags[0]  # extruct's uniform form: og:type becomes @type
    assert properties["og:title"] == "Kẹo lá dứa" and properties["@type"] == "product"
    assert properties["og:image"] == f"{SITE}/media/products/{product.images[0].stem}-page.webp"
    assert properties["og:url"] == f"{SITE}/products/keo-la-dua"
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    no_photo = site.get("/program").get_data(as_text=True)
    assert '<meta name="twitter:card" content="summary">' in no_photo and "og:image" not in no_photo


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = {}
    for url in root.findall("s:url", ns):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        lastmod = url.find("s:lastmod", ns)
        urls[url.find("s:loc", ns).text] = (alternates, lastmod.text if lastmod is not None else None)
    return urls


def test_sitemap_lists_every_public_page_in_both_languages(app, site, coop):
    make_product(coop, slug="ban")
    make_product(coop, slug="nhap", status=ProductStatus.DRAFT)
    make_product(make_cooperative(slug="cho-duyet", status=ApprovalStatus.PENDING), slug="cua-htx-cho-duyet")
    distributor = make_distributor(slug="mien-tay")
    make_distributor(slug="chua-duyet", status=ApprovalStatus.PENDING)
    open_request = make_request(distributor)
    closed = make_request(distributor, status=RequestStatus.CLOSED)
    draft = make_request(distributor, status=RequestStatus.DRAFT)
    db.session.commit()
    urls = sitemap_urls(site)
    for path in ("/products/ban", "/cooperatives/htx-dua-thanh-phu", "/distributors/mien-tay",
                 f"/sourcing/{open_request.id}", "/", "/products", "/program"):
        alternates, _ = urls[SITE + path]
        assert alternates == {"vi": SITE + path, "en": f"{SITE}{path}?lang=en", "x-default": SITE + path}
        assert f"{SITE}{path}?lang=en" in urls
    assert urls[f"{SITE}/products/ban"][1] == clock.today().isoformat()
    for path in ("/products/nhap", "/products/cua-htx-cho-duyet", "/cooperatives/cho-duyet",
                 "/distributors/chua-duyet", f"/sourcing/{closed.id}", f"/sourcing/{draft.id}"):
        assert SITE + path not in urls
    # Every product the sitemap lists is one the API lists.
    api = {item["slug"] for item in site.get("/api/v1/products?rating=all").get_json()["items"]}
    assert {loc.rsplit("/", 1)[1] for loc in urls if "/products/" in loc and "?" not in loc} == api


def test_robots_txt_points_to_the_sitemap_and_keeps_private_pages_out(app, site):
    response = site.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert f"Sitemap: {SITE}/sitemap.xml" in text
    for private in ("Disallow: /portal", "Disallow: /account", "Disallow: /checkout", "Disallow: /council"):
        assert private in text
    assert "Disallow: /products" not in text and "Disallow: /program" not in text
