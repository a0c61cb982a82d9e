"""The public profile editor (story, photos, address, contact) and the dashboard of what needs
doing."""
from datetime import date, timedelta

import pytest

from marketplace import clock, places
from marketplace.catalog.models import ProductStatus, ReviewStatus
from marketplace.extensions import db
from marketplace.producers.models import Cooperative
from tests.factories import make_certificate, make_product
from tests.portal.conftest import page_text
from tests.portal.uploads import HTML_PAGE, image_bytes, upload

WARD = places.wards(places.VINH_LONG)[0]
PROFILE = {
    "story_vi": "Chúng tôi làm **kẹo dừa** từ năm 1990.\n\n<script>alert(1)</script>",
    "story_en": "We make coconut candy.",
    "founded_year": "1990",
    "members": "42",
    "province_code": str(places.VINH_LONG),
    "ward_code": str(WARD.code),
    "street": "12 Đường Dừa",
    "phone": "+84 912 345 678",
    "email": "Contact@HTX.example",
}


def _cooperative(cooperative):
    db.session.expire_all()
    return db.session.get(Cooperative, cooperative.id)


def test_profile_is_saved_and_shown_on_the_public_page(portal, client, cooperative):
    assert portal.post("/portal/profile", data=PROFILE).status_code == 302
    saved = _cooperative(cooperative)
    assert (saved.founded_year, saved.members, saved.ward_code, saved.ward_name) == (1990, 42, WARD.code, WARD.name)
    assert (saved.phone, saved.email, saved.province_name) == ("0912345678", "contact@htx.example", "Vĩnh Long")
    public = page_text(client.get(f"/cooperatives/{cooperative.slug}?lang=vi"))
    assert "<strong>kẹo dừa</strong>" in public and "<script>alert(1)" not in public
    assert WARD.name in public and "12 Đường Dừa" in public


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"ward_code": "1"}, "ward_code"),  # not a ward of this province
        ({"province_code": "9999"}, "province_code"),
        ({"phone": "12345"}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"founded_year": "2999"}, "founded_year"),
        ({"founded_year": "nineteen"}, "founded_year"),
        ({"members": "-3"}, "members"),
        ({"story_vi": "x" * 5001}, "story_vi"),
    ],
)
def test_bad_profile_input_is_shown_next_to_the_field(portal, cooperative, changes, field):
    before = _cooperative(cooperative).street
    response = portal.post("/portal/profile", data={**PROFILE, **changes})
    assert response.status_code == 200 and f'id="{field}-error"' in page_text(response)
    assert _cooperative(cooperative).street == before


def test_choosing_another_province_lists_its_communes_without_saving(portal, cooperative):
    other = next(p for p in places.provinces() if p.code != places.VINH_LONG)
    response = portal.post("/portal/profile", data={**PROFILE, "province_code": str(other.code), "refresh_wards": "1"})
    assert response.status_code == 200 and places.wards(other.code)[0].name in page_text(response)
    assert _cooperative(cooperative).founded_year is None


def test_profile_photos_keep_the_cover_in_photo_stem(portal, client, cooperative):
    portal.post("/portal/profile/photos", data={"photos": [upload(image_bytes(), "a.jpg"), upload(image_bytes("PNG"), "b.png")]})
    first, second = _cooperative(cooperative).photos
    assert _cooperative(cooperative).photo_stem == first.stem
    public = page_text(client.get(f"/cooperatives/{cooperative.slug}"))
    assert f"/media/cooperatives/{first.stem}-page.webp" in public and f"/media/cooperatives/{second.stem}-card.webp" in public
    portal.post(f"/portal/profile/photos/{second.id}/move", data={"where": "first"})
    assert _cooperative(cooperative).photo_stem == second.stem
    portal.post(f"/portal/profile/photos/{second.id}/delete")
    assert _cooperative(cooperative).photo_stem == first.stem
    portal.post(f"/portal/profile/photos/{first.id}/delete")
    assert _cooperative(cooperative).photo_stem is None
    response = portal.post("/portal/profile/photos", data={"photos": upload(HTML_PAGE, "me.jpg")}, follow_redirects=True)
    assert "me.jpg: This file is not a JPEG, PNG or WebP photo" in page_text(response)


def test_dashboard_lists_what_needs_doing(portal, cooperative, monkeypatch):
    today = date(2026, 6, 1)
    monkeypatch.setattr(clock, "today", lambda: today)
    low = make_product(cooperative, name_vi="Sắp hết", stock=2)
    make_product(cooperative, name_vi="Còn nhiều", stock=50)
    make_product(cooperative, name_vi="Nháp", stock=0, status=ProductStatus.DRAFT)
    expiring = make_product(cooperative, name_vi="Sắp hết hạn")
    make_certificate(expiring, stars=4, issued_on=today - timedelta(days=365 * 3 - 30))
    expired = make_product(cooperative, name_vi="Đã hết hạn")
    make_certificate(expired, stars=5, issued_on=date(2022, 1, 1))
    rejected = make_product(cooperative, name_vi="Bị từ chối")
    make_certificate(rejected, review_status=ReviewStatus.REJECTED, review_reason="Ảnh mờ")
    fixed = make_product(cooperative, name_vi="Đã gửi lại")
    make_certificate(fixed, review_status=ReviewStatus.REJECTED, review_reason="Sai số", issued_on=date(2026, 1, 1))
    make_certificate(fixed, review_status=ReviewStatus.PENDING, issued_on=date(2026, 2, 1))
    db.session.commit()

    html = page_text(portal.get("/portal"))
    low_stock = html.split('id="task-low-stock"')[1].split("</section>")[0]
    assert "Sắp hết" in low_stock and "2 left" in low_stock and "Còn nhiều" not in low_stock and "Nháp" not in low_stock
    assert "Sắp hết hạn" in html.split('id="task-expiring"')[1].split("</section>")[0]
    assert "Đã hết hạn" in html.split('id="task-expired"')[1].split("</section>")[0]
    rejected_html = html.split('id="task-rejected"')[1].split("</section>")[0]
    assert "Ảnh mờ" in rejected_html and "Sai số" not in rejected_html  # already sent again
    assert "Đã gửi lại" in html.split('id="pending-certificates"')[1]
    assert "1 draft" in html
    assert low.id


def test_empty_dashboard_says_so(portal):
    assert "Nothing needs doing right now." in page_text(portal.get("/portal"))


def test_every_portal_page_renders_in_vietnamese(client, cooperative, app):
    from tests.factories import make_cooperative_staff, sign_in_as

    product = make_product(cooperative)
    make_certificate(product, stars=4)
    staff = make_cooperative_staff(cooperative, is_owner=False, language="vi")
    db.session.commit()
    sign_in_as(client, staff)
    for path in ("/portal", "/portal/profile", "/portal/products", "/portal/products/new", f"/portal/products/{product.id}",
                 f"/portal/products/{product.id}/stock", "/portal/stock", "/portal/certificates", "/portal/certificates/new", "/portal/tax-profile"):
        response = client.get(path)
        assert response.status_code == 200 and '<html lang="vi">' in page_text(response), path
