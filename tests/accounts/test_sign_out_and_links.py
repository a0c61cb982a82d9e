"""Issue 12: links in mail come from SITE_URL, foreign hosts are refused, sign-out ends every
copy of the session, the current-password forms are rate limited, the sign-in log is purged."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace import clock, mail
from marketplace.accounts.models import SignInEvent
from marketplace.config import load_config
from marketplace.extensions import db
from tests.conftest import make_test_app
from tests.factories import PASSWORD, make_user, sign_in_as

SITE = "https://ocop.example.vn"

# --- Links in mail and trusted hosts ----------------------------------------------------------


@pytest.fixture
def lenient_host_app(app):
    """An app whose proxy lets any Host through: the links must still come from SITE_URL."""
    lenient = make_test_app(SITE_URL=SITE, TRUSTED_HOSTS=["localhost", "evil.example"])
    mail.outbox(lenient).clear()
    return lenient


def _links(message):
    return [word for word in message.get_content().split() if "://" in word]


def test_reset_link_comes_from_site_url_not_the_host_header(lenient_host_app):
    make_user(email="victim@example.com")
    db.session.commit()
    response = lenient_host_app.test_client().post(
        "/password/forgot", data={"email": "victim@example.com"}, base_url="http://evil.example")
    assert response.status_code == 302
    [message] = mail.outbox(lenient_host_app)
    [link] = _links(message)
    assert link.startswith(SITE + "/password/reset/")


def test_account_exists_mail_links_come_from_site_url(lenient_host_app):
    make_user(email="lan@example.com")
    db.session.commit()
    lenient_host_app.test_client().post("/sign-up", base_url="http://evil.example", data={
        "display_name": "Lan", "email": "lan@example.com", "password": "dừa-sáp-trà-vinh", "confirm": "dừa-sáp-trà-vinh"})
    [message] = mail.outbox(lenient_host_app)
    links = _links(message)
    assert len(links) == 2 and all(link.startswith(SITE + "/") for link in links)


def test_a_foreign_host_is_refused(client, outbox):
    make_user(email="victim@example.com")
    db.session.commit()
    response = client.post("/password/forgot", data={"email": "victim@example.com"}, base_url="http://evil.example")
    assert response.status_code == 400 and outbox == []
    assert client.get("/", base_url="http://evil.example").status_code == 400
    assert client.get("/").status_code == 200  # localhost is trusted in development and tests


def test_site_url_host_and_extra_hosts_are_trusted(app):
    site = make_test_app(SITE_URL=SITE, TRUSTED_HOSTS=["www.ocop.example.vn"])
    client = site.test_client()
    assert client.get("/healthz", base_url=SITE).status_code == 200
    assert client.get("/healthz", base_url="https://www.ocop.example.vn").status_code == 200
    assert client.get("/healthz", base_url="http://localhost").status_code == 400


def test_site_url_is_required_in_production(monkeypatch):
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "0f3a9c1e7b5d2f4a6c8e0b1d3f5a7c9e")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://ocop@127.0.0.1/ocop")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("SITE_URL", "")
    with pytest.raises(RuntimeError, match="SITE_URL"):
        load_config()
    monkeypatch.setenv("SITE_URL", SITE + "/")
    config = load_config()
    assert config["SITE_URL"] == SITE and config["TRUSTED_HOSTS"] == []


# --- Sign-out ends the session everywhere --------------------------------------------------------


def _sign_in(client, remember=False):
    data = {"email": "an@example.com", "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/sign-in", data=data).status_code == 302


def test_remember_cookie_does_not_sign_in_after_sign_out(app):
    make_user(email="an@example.com")
    db.session.commit()
    browser = app.test_client()
    _sign_in(browser, remember=True)
    remembered = browser.get_cookie("remember_token").value
    copy = app.test_client()
    copy.set_cookie("remember_token", remembered)
    assert copy.get("/account").status_code == 200  # the cookie alone signs in, before sign-out
    browser.post("/sign-out")
    assert browser.get_cookie("remember_token") is None  # the browser is told to forget it
    assert browser.get("/account").status_code == 302
    stale = app.test_client()
    stale.set_cookie("remember_token", remembered)
    assert stale.get("/account").status_code == 302  # and the server no longer accepts it


def test_copied_session_cookie_does_not_work_after_sign_out(app):
    make_user(email="an@example.com")
    db.session.commit()
    browser = app.test_client()
    _sign_in(browser)
    copy = app.test_client()
    copy.set_cookie("session", browser.get_cookie("session").value)
    assert copy.get("/account").status_code == 200
    browser.post("/sign-out")
    assert copy.get("/account").status_code == 302


def test_signing_in_again_after_sign_out_works(client):
    make_user(email="an@example.com")
    db.session.commit()
    _sign_in(client)
    client.post("/sign-out")
    _sign_in(client)
    assert client.get("/account").status_code == 200


# --- Rate limits on the forms that check the current password ------------------------------------


@pytest.mark.parametrize("path", ["/account/security", "/account/email", "/account/delete"])
def test_current_password_forms_are_limited(app, path):
    limited = make_test_app(RATELIMIT_ENABLED=True, RATELIMIT_CURRENT_PASSWORD="2/minute")
    user = make_user()
    db.session.commit()
    client = sign_in_as(limited.test_client(), user)
    codes = [client.post(path, data={"current_password": f"guess-{n}"}).status_code for n in range(3)]
    assert codes == [200, 200, 429]
    assert client.get(path).status_code == 200  # only attempts count
    # Another address does not reset the count for the same account.
    other = client.post(path, data={"current_password": "guess"}, environ_base={"REMOTE_ADDR": "10.1.1.1"})
    assert other.status_code == 429


# --- The sign-in log is purged ---------------------------------------------------------------


def test_purge_sign_ins_removes_old_entries_only(app, runner):
    user = make_user()
    now = clock.utcnow()
    for age in (1, 179, 181, 400):
        db.session.add(SignInEvent(user_id=user.id, email_hash="h", ip="1.2.3.4", succeeded=True,
                                   created_at=now - timedelta(days=age)))
    db.session.commit()
    result = runner.invoke(args=["accounts", "purge-sign-ins"])
    assert result.exit_code == 0 and "Removed 2 sign-in log entries older than 180 days" in result.output
    ages = sorted((now - event.created_at).days for event in db.session.scalars(sa.select(SignInEvent)))
    assert ages == [1, 179]
    again = runner.invoke(args=["accounts", "purge-sign-ins"])
    assert again.exit_code == 0 and "Removed 0 sign-in log entries" in again.output


def test_purge_follows_the_setting(app, runner):
    app.config["SIGN_IN_LOG_DAYS"] = 30
    try:
        db.session.add(SignInEvent(email_hash="h", ip="", succeeded=False,
                                   created_at=clock.utcnow() - timedelta(days=31)))
        db.session.commit()
        assert "Removed 1 sign-in log entry older than 30 days" in runner.invoke(args=["accounts", "purge-sign-ins"]).output
    finally:
        app.config["SIGN_IN_LOG_DAYS"] = 180
