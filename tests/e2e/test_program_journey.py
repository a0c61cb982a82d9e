"""A member of the public follows the footer to the program's figures, reads a chart's table
and finds each figure's CSV, in Vietnamese and in English."""
import re

from playwright.sync_api import expect

from marketplace.extensions import db
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.factories import make_certificate, make_cooperative, make_product


def test_the_public_reads_the_program_in_figures(app, live_server, page):
    coop = make_cooperative(name="HTX Dừa Mỏ Cày", slug="htx-mo-cay")
    make_certificate(make_product(coop, slug="keo-dua-5"), stars=5)
    make_certificate(make_product(coop, slug="keo-dua-2"), stars=2)
    db.session.commit()

    page.goto(live_server + "/")
    assert_accessible(page)
    page.locator("footer a[href='/program']").click()
    expect(page).to_have_url(re.compile(r"/program$"))
    expect(page.locator("h1")).to_have_text("Chương trình OCOP qua các con số")
    expect(page.locator("svg.chart")).to_have_count(9)
    stars = page.locator("#stars")
    expect(stars.locator("svg title")).to_have_text("Sản phẩm theo số sao OCOP")
    expect(stars.locator("tbody tr").first).to_contain_text("5★")
    expect(stars.locator("a[href='/program/stars.csv']")).to_be_visible()
    page.locator("#communes summary").click()
    expect(page.locator("#communes tbody tr")).to_have_count(48)
    assert_accessible_in_vi_and_en(page)
    page.goto(live_server + "/program?lang=en")
    expect(page.locator("h1")).to_have_text("The OCOP program in figures")
    expect(page.locator("link[rel=canonical]")).to_have_attribute("href", re.compile(r"/program\?lang=en$"))
    assert_accessible(page)
