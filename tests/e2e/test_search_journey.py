"""A shopper types in the header box, walks the suggestions with the keyboard and picks one;
then searches without diacritics and sees the matches highlighted."""
import re

from playwright.sync_api import expect

from marketplace.extensions import db
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.factories import make_certificate, make_cooperative, make_product


def test_shopper_picks_a_suggestion_from_the_header_box(app, live_server, page):
    coop = make_cooperative(name="HTX Kẹo dừa Thanh Long", slug="thanh-long")
    make_certificate(make_product(coop, slug="keo-dua-sau-rieng", name_vi="Kẹo dừa sầu riêng"), stars=5)
    make_certificate(make_product(coop, slug="keo-dua-la-dua", name_vi="Kẹo dừa lá dứa"), stars=4)
    make_certificate(make_product(coop, slug="dau-dua", name_vi="Dầu dừa ép lạnh"), stars=4)
    db.session.commit()

    page.goto(live_server + "/")
    assert_accessible(page)
    box = page.locator("#header-q")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("keo du", delay=30)
    options = page.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_have_text("Kẹo dừa sầu riêng")
    expect(box).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)  # the open list of suggestions

    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "header-q-option-1")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("listbox")).to_be_hidden()

    box.press("ArrowDown")  # opens the list again on the first suggestion
    expect(box).to_have_attribute("aria-activedescendant", "header-q-option-0")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/products/keo-dua-sau-rieng$"))
    expect(page.locator("h1")).to_have_text("Kẹo dừa sầu riêng")
    assert_accessible(page)


def test_shopper_searches_without_diacritics_and_sees_highlights(app, live_server, page):
    coop = make_cooperative(name="Cơ sở Dầu dừa Lương Quới", slug="luong-quoi")
    make_certificate(make_product(coop, slug="dau-dua", name_vi="Dầu dừa ép lạnh"), stars=4)
    make_certificate(make_product(coop, slug="mat-ong", name_vi="Mật ong rừng", description_vi="Mật ong."), stars=3)
    db.session.commit()

    page.goto(live_server + "/products")
    assert_accessible(page)
    page.locator("#header-q").fill("dau dua")
    page.locator("#header-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=dau\+dua"))
    cards = page.locator("article.product-card")
    expect(cards).to_have_count(2)  # the honey too, made by a "dầu dừa" cooperative, ranked below
    expect(cards.first.locator("h3 mark")).to_have_count(2)
    expect(cards.first.locator("h3")).to_have_text("Dầu dừa ép lạnh")
    assert_accessible_in_vi_and_en(page)
