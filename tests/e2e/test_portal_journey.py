"""Staff of a cooperative sign in, list a product with a photo, publish it and send its OCOP
certificate; a council reviewer approves it; the badge shows on the store."""
import re
from datetime import timedelta

from playwright.sync_api import expect

from marketplace import clock
from marketplace.accounts.models import Role
from marketplace.extensions import db
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.e2e.helpers import sign_in, sign_out
from tests.factories import make_cooperative, make_cooperative_staff, make_user
from tests.portal.uploads import image_bytes, pdf_bytes


def test_staff_list_and_certify_a_product_and_the_council_approves_it(app, live_server, page):
    cooperative = make_cooperative(name="HTX Dừa Sáp Cầu Kè", slug="htx-dua-sap")
    make_cooperative_staff(cooperative, email="staff@dua-sap.example")
    make_user(role=Role.COUNCIL_REVIEWER, email="reviewer@council.example")
    db.session.commit()  # the live server reads with its own sessions

    sign_in(page, live_server, "staff@dua-sap.example")
    page.locator("#account-menu summary").click()
    page.locator("#nav-portal").click()
    expect(page).to_have_url(live_server + "/portal")
    assert_accessible_in_vi_and_en(page)
    for tab in ("/portal/products", "/portal/orders", "/portal/profile", "/portal/shipping", "/portal/stock",
                "/portal/sales", "/portal/ledger"):
        page.goto(live_server + tab)
        assert_accessible_in_vi_and_en(page)
    page.goto(live_server + "/portal")
    assert_accessible(page)
    page.locator("a[href='/portal/products/new']").first.click()
    expect(page).to_have_url(re.compile(r"/portal/products/new$"))
    assert_accessible_in_vi_and_en(page)
    page.fill("#name_vi", "Kẹo dừa sáp")
    page.fill("#name_en", "Macapuno coconut candy")
    page.select_option("#category", "1.3")
    page.fill("#price", "95.000")
    page.fill("#unit", "hộp 300 g")
    page.fill("#stock", "40")
    page.fill("#description_vi", "Kẹo làm từ **dừa sáp** Cầu Kè.")
    page.locator("#product-save").click()
    expect(page).to_have_url(re.compile(r"/portal/products/\d+$"))
    expect(page.locator("#missing li")).to_have_count(1)  # only the photo is missing
    assert_accessible_in_vi_and_en(page)

    page.set_input_files("#photo-files", files=[{"name": "keo.jpg", "mimeType": "image/jpeg",
                                                 "buffer": image_bytes(size=(900, 700))}])
    page.locator("#photo-submit").click()
    expect(page.locator(".photo-tile img")).to_have_count(1)
    expect(page.locator("#ready")).to_be_visible()
    assert_accessible(page)
    page.locator("#publish").click()
    expect(page.locator("#public-link")).to_be_visible()
    assert_accessible(page)

    page.locator("#send-certificate").click()
    expect(page).to_have_url(re.compile(r"/portal/certificates/new\?product=\d+$"))
    assert_accessible_in_vi_and_en(page)
    issued = clock.today() - timedelta(days=30)
    page.select_option("#stars", "4")
    page.fill("#score", "82")
    page.fill("#certificate_number", "VL-OCOP-2026-0107")
    page.select_option("#assessing_level", "province")
    page.fill("#issuing_body", "UBND tỉnh Vĩnh Long")
    page.fill("#decision_number", "107/QĐ-UBND")
    page.fill("#issued_on", issued.isoformat())
    page.set_input_files("#scan", files=[{"name": "giay-chung-nhan.pdf", "mimeType": "application/pdf",
                                          "buffer": pdf_bytes()}])
    page.locator("#certificate-submit").click()
    expect(page).to_have_url(live_server + "/portal/certificates")
    expect(page.locator("#certificates .status-pending")).to_have_count(1)
    assert_accessible_in_vi_and_en(page)
    page.goto(live_server + "/products/keo-dua-sap")
    expect(page.locator(".summary .ocop-badge")).to_have_count(0)  # pending: no badge yet
    assert_accessible(page)
    sign_out(page)

    sign_in(page, live_server, "reviewer@council.example")
    page.locator("#account-menu summary").click()
    page.locator("#nav-certificate-reviews").click()
    expect(page).to_have_url(live_server + "/council/reviews")
    review = page.locator("article.review-item")
    expect(review).to_have_count(1)
    expect(review).to_contain_text("VL-OCOP-2026-0107")
    assert_accessible_in_vi_and_en(page)
    review.locator("select[name$='-decision']").select_option("approve")
    review.locator("button[type=submit]").click()
    expect(page.locator("#queue-empty")).to_be_visible()
    assert_accessible(page)
    for council_page in ("/council/reviews/history", "/council/organisations"):
        page.goto(live_server + council_page)
        assert_accessible_in_vi_and_en(page)

    page.goto(live_server + "/products/keo-dua-sap")
    expect(page.locator("h1")).to_have_text("Kẹo dừa sáp")
    expect(page.locator(".summary .ocop-badge.ocop-4")).to_be_visible()
    assert_accessible_in_vi_and_en(page)
