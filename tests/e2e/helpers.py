"""Steps the browser journeys share."""
from playwright.sync_api import expect

from tests.e2e.accessibility import assert_accessible
from tests.factories import PASSWORD


def sign_in(page, live_server, email):
    """Sign in through the form (the factories' password); pages then speak the user's language."""
    page.goto(live_server + "/sign-in")
    assert_accessible(page)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("#sign-in-submit").click()
    expect(page.locator("#account-menu")).to_be_visible()
    assert_accessible(page)


def sign_out(page):
    page.locator("#account-menu summary").click()
    page.locator("#sign-out").click()
    expect(page.locator("#nav-sign-in")).to_be_visible()
    assert_accessible(page)
