"""A shopper opens the home page, filters by 5★, opens a product and then its cooperative."""
import re

from playwright.sync_api import expect

from marketplace.extensions import db
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.factories import make_certificate, make_cooperative, make_product


def test_shopper_filters_five_stars_and_reaches_the_cooperative(app, live_server, page):
    coop = make_cooperative(name="HTX Kẹo dừa Thanh Long", slug="thanh-long")
    make_certificate(make_product(coop, slug="keo-dua-sau-rieng", name_vi="Kẹo dừa sầu riêng"), stars=5)
    make_certificate(make_product(coop, slug="keo-dua-la-dua", name_vi="Kẹo dừa lá dứa"), stars=4)
    db.session.commit()

    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert_accessible_in_vi_and_en(page)
    page.locator("nav.main-nav a[href='/products']").click()
    expect(page).to_have_url(re.compile(r"/products$"))
    assert_accessible_in_vi_and_en(page)
    page.select_option("#f-stars", "5")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"stars_min=5"))
    cards = page.locator("article.product-card")
    expect(cards).to_have_count(1)
    assert_accessible(page)
    cards.first.locator("h3").click()
    expect(page).to_have_url(re.compile(r"/products/keo-dua-sau-rieng$"))
    expect(page.locator("h1")).to_have_text("Kẹo dừa sầu riêng")
    expect(page.locator(".summary .ocop-badge")).to_be_visible()
    assert_accessible_in_vi_and_en(page)
    page.locator(".coop-card a").click()
    expect(page).to_have_url(re.compile(r"/cooperatives/thanh-long$"))
    expect(page.locator("h1")).to_have_text("HTX Kẹo dừa Thanh Long")
    expect(page.locator("article.product-card")).to_have_count(2)
    assert_accessible_in_vi_and_en(page)
