"""The ward list at checkout narrows as the buyer types, with or without diacritics."""
from playwright.sync_api import expect

from marketplace.extensions import db
from tests.e2e.accessibility import assert_accessible
from tests.factories import make_product


def test_typing_part_of_a_ward_name_narrows_the_list(app, live_server, page):
    make_product(slug="keo-dua", name_vi="Kẹo dừa", name_en="Coconut candy", stock=5)
    db.session.commit()
    page.goto(live_server + "/products/keo-dua?lang=en")
    assert_accessible(page)
    page.get_by_role("button", name="Add to cart: Coconut candy").click()
    page.goto(live_server + "/checkout?lang=en")
    assert_accessible(page)
    page.select_option("#province_code", "86")
    expect(page.locator("#ward_code option[value='28903']")).to_have_count(1)
    all_wards = page.locator("#ward_code option").count()
    assert all_wards > 50
    for typed in ("mo cay", "Mỏ  Cày", "MO CAY"):
        page.fill("#ward_code-filter", typed)
        expect(page.locator("#ward_code option[value='28903']")).to_have_count(1)
        assert page.locator("#ward_code option").count() < 6  # the placeholder and the Mỏ Cày's
    page.fill("#ward_code-filter", "an dinh")  # đ folds to d
    expect(page.locator("#ward_code option[value='28957']")).to_have_count(1)
    page.fill("#ward_code-filter", "")
    expect(page.locator("#ward_code option")).to_have_count(all_wards)
    page.select_option("#ward_code", "28903")
    expect(page.locator("#ward_code")).to_have_value("28903")
    assert_accessible(page)  # with the filter box in use
