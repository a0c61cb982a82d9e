"""A cooperative records a lot and prints its sheet of QR stamps; the QR on the sheet decodes
to the lot's trace page; a shopper opens it and sees the OCOP certificate valid, and expired
once the certificate's expiry has passed."""
import re
from datetime import timedelta
from urllib.parse import urlsplit

import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from marketplace import clock
from marketplace.extensions import db
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.e2e.helpers import sign_in, sign_out
from tests.e2e.test_phone_layout import assert_fits_the_screen, small_tap_targets
from tests.factories import make_certificate, make_cooperative, make_cooperative_staff, make_product


def test_a_lot_from_record_to_scan_and_the_certificate_expiring(app, live_server, page, tmp_path):
    cooperative = make_cooperative(name="HTX Kẹo dừa Thành Thới", street="Ấp Thanh Sơn 2")
    product = make_product(cooperative, name_vi="Kẹo dừa sầu riêng", name_en="Durian coconut candy")
    certificate = make_certificate(product, stars=4, certificate_number="VL-OCOP-0426")
    make_cooperative_staff(cooperative, email="staff@thanh-thoi.example")
    db.session.commit()
    today = clock.today()

    sign_in(page, live_server, "staff@thanh-thoi.example")
    page.goto(live_server + "/portal/lots")
    assert_accessible_in_vi_and_en(page)
    page.locator("#new-lot").click()
    expect(page).to_have_url(re.compile(r"/portal/lots/new$"))
    assert_accessible_in_vi_and_en(page)
    page.set_viewport_size({"width": 360, "height": 740})  # recorded on a phone in the workshop
    assert_fits_the_screen(page)
    assert small_tap_targets(page) == []
    page.select_option("#product", str(product.id))
    page.fill("#lot_code", "TT-SR-2612")
    page.fill("#produced_on", (today - timedelta(days=2)).isoformat())
    page.fill("#best_before", (today + timedelta(days=300)).isoformat())
    page.fill("#quantity", "1.200")
    page.fill("#unit", "hộp 400 g")
    page.fill("#origin_text", "Vườn dừa của xã viên, ấp Thanh Sơn")
    page.fill("#steps-0-done_on", (today - timedelta(days=3)).isoformat())
    page.fill("#steps-0-step", "Vắt nước cốt dừa")
    page.fill("#steps-1-done_on", (today - timedelta(days=2)).isoformat())
    page.fill("#steps-1-step", "Nấu kẹo với sầu riêng")
    page.locator("#lot-submit").click()
    expect(page).to_have_url(re.compile(r"/portal/lots/\d+$"))
    code = page.locator("#trace-code").inner_text()
    page.set_viewport_size({"width": 1280, "height": 900})  # the sheet is printed from a computer
    assert_accessible_in_vi_and_en(page)

    page.locator("#print-stamps").click()
    expect(page).to_have_url(re.compile(r"/portal/lots/\d+/stamps$"))
    expect(page.locator(".stamp")).to_have_count(24)
    assert_accessible(page)
    shot = tmp_path / "stamp.png"
    page.locator(".stamp").first.screenshot(path=str(shot))
    decoded = [result.text for result in zxingcpp.read_barcodes(Image.open(shot))]
    assert decoded == [f"{app.config['SITE_URL']}/t/{code}"]
    sign_out(page)

    # The shopper's phone opens the address of the QR (on this test server).
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server + urlsplit(decoded[0]).path)
    expect(page.locator("#ocop-standing")).to_have_class(re.compile("trace-ocop-valid"))
    expect(page.locator("#ocop-standing")).to_contain_text("VL-OCOP-0426")
    assert_fits_the_screen(page)
    assert small_tap_targets(page) == []
    expect(page.locator("#steps li")).to_have_count(2)
    expect(page.locator("#producer-address")).to_contain_text("Ấp Thanh Sơn 2")
    assert_accessible_in_vi_and_en(page)

    certificate.expires_on = today - timedelta(days=1)
    db.session.commit()
    page.reload()
    expect(page.locator("#ocop-standing")).to_have_class(re.compile("trace-ocop-expired"))
    expect(page.locator(".ocop-badge")).to_have_count(0)
    assert_accessible_in_vi_and_en(page)
    page.goto(live_server + "/t/ZZZZ2222")
    expect(page.locator("h1")).to_have_text(re.compile("mã truy xuất|trace code", re.I))
    assert_accessible(page)
