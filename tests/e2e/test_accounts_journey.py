"""A visitor signs up, confirms the emailed link, signs out, signs in and signs out — in Vietnamese."""
import re

from playwright.sync_api import expect

from marketplace.mail import outbox
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.accounts.conftest import link_in


def test_visitor_signs_up_signs_in_and_signs_out_in_vietnamese(app, live_server, page):
    mail = outbox(app)
    mail.clear()
    page.goto(live_server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert_accessible(page)

    page.locator("#nav-sign-up").click()
    expect(page).to_have_url(re.compile(r"/sign-up$"))
    assert_accessible_in_vi_and_en(page)
    page.fill("#display_name", "Nguyễn Thị Lan")
    page.fill("#email", "lan@example.com")
    page.fill("#password", "1234")  # too short: the page says so next to the field
    page.fill("#confirm", "1234")
    page.locator("#sign-up-submit").click()
    expect(page.locator("#password")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#password-error")).to_be_visible()
    expect(page.locator("#email")).to_have_value("lan@example.com")
    expect(page.locator("#password")).to_have_value("")
    assert_accessible(page)
    page.fill("#password", "dừa-sáp-trà-vinh")
    page.fill("#confirm", "dừa-sáp-trà-vinh")
    page.locator("#sign-up-submit").click()
    expect(page).to_have_url(re.compile(r"/sign-up/check-inbox$"))
    expect(page.locator("#check-inbox")).to_be_visible()
    assert_accessible(page)

    [confirmation] = mail
    page.goto(live_server + link_in(confirmation))
    assert_accessible(page)
    page.locator("#confirm-account").click()
    expect(page).to_have_url(re.compile(r"/account$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.locator("#account-email")).to_have_text("lan@example.com")
    assert_accessible_in_vi_and_en(page)
    for tab in ("/account/security", "/account/email", "/account/delete", "/orders", "/notices"):
        page.goto(live_server + tab)
        assert_accessible_in_vi_and_en(page)

    page.locator("#account-menu summary").click()
    page.locator("#sign-out").click()
    expect(page).to_have_url(live_server + "/")
    expect(page.locator("#nav-sign-in")).to_be_visible()
    assert_accessible(page)

    page.locator("#nav-sign-in").click()
    expect(page).to_have_url(re.compile(r"/sign-in\?next=/$"))
    assert_accessible_in_vi_and_en(page)
    page.fill("#email", "lan@example.com")
    page.fill("#password", "wrong password")
    page.locator("#sign-in-submit").click()
    expect(page.locator(".flash-error")).to_be_visible()
    expect(page.locator("#account-menu")).to_have_count(0)
    assert_accessible(page)
    page.fill("#password", "dừa-sáp-trà-vinh")
    page.locator("#sign-in-submit").click()
    expect(page.locator("#account-menu summary")).to_have_text("Nguyễn Thị Lan")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert_accessible(page)

    page.locator("#account-menu summary").click()
    page.locator("#sign-out").click()
    expect(page.locator("#nav-sign-in")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server + "/account")
    expect(page).to_have_url(re.compile(r"/sign-in\?next=/account$"))
    assert_accessible(page)
