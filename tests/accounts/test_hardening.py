"""CSRF with protection on, security headers and cookies, rate limits, request size, mail."""
import email
import email.policy
import smtplib
from pathlib import Path

import pytest

from marketplace.extensions import db
from marketplace.mail import send_mail
from tests.conftest import make_test_app
from tests.factories import PASSWORD, make_user, sign_in_as

# --- CSRF -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def csrf_app():
    return make_test_app(WTF_CSRF_ENABLED=True)


def _token(client, path):
    html = client.get(path).get_data(as_text=True)
    marker = 'name="csrf_token" type="hidden" value="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


def test_post_without_token_answers_a_styled_400(app, csrf_app):
    client = csrf_app.test_client()
    make_user(email="an@example.com")
    db.session.commit()
    for path in ("/sign-in", "/sign-up", "/password/forgot", "/sign-out"):
        response = client.post(path + "?lang=en", data={"email": "an@example.com", "password": PASSWORD})
        html = response.get_data(as_text=True)
        assert response.status_code == 400 and 'class="error-page"' in html and "Form expired" in html, path
    assert client.get("/account").status_code == 302  # not signed in


def test_post_with_token_works_and_sign_out_needs_it_too(app, csrf_app):
    client = csrf_app.test_client()
    make_user(email="an@example.com")
    db.session.commit()
    token = _token(client, "/sign-in")
    signed_in = client.post("/sign-in", data={"email": "an@example.com", "password": PASSWORD, "csrf_token": token})
    assert signed_in.status_code == 302 and client.get("/account").status_code == 200
    # The token changed with the new session; a cross-site sign-out without it is refused.
    assert client.post("/sign-out").status_code == 400
    assert client.get("/account").status_code == 200
    nav = client.get("/account").get_data(as_text=True)
    sign_out_form = nav[nav.index('class="sign-out-form"'):]
    token = sign_out_form.split('name="csrf_token" value="')[1].split('"')[0]
    assert client.post("/sign-out", data={"csrf_token": token}).status_code == 302
    assert client.get("/account").status_code == 302


def test_token_of_another_session_is_refused(app, csrf_app):
    one, other = csrf_app.test_client(), csrf_app.test_client()
    token = _token(one, "/sign-in")
    _token(other, "/sign-in")
    assert other.post("/sign-in", data={"email": "x@example.com", "password": "y", "csrf_token": token}).status_code == 400


# --- Headers and cookies --------------------------------------------------------------------


def test_security_headers_on_pages_and_api(client):
    for path in ("/", "/sign-in", "/api/v1/products", "/no/such/page"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp, path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in client.get("/").headers  # development is plain HTTP


def test_session_cookie_flags(client):
    make_user(email="an@example.com")
    db.session.commit()
    client.post("/sign-in", data={"email": "an@example.com", "password": PASSWORD})
    cookie = client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure


def test_production_cookies_are_secure_with_hsts(app):
    secure = make_test_app(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    client = secure.test_client()
    make_user(email="an@example.com")
    db.session.commit()
    response = client.post("/sign-in", base_url="https://localhost",
                           data={"email": "an@example.com", "password": PASSWORD, "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    assert all("Secure" in c and "HttpOnly" in c and "SameSite=Lax" in c for c in cookies) and len(cookies) == 2
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_production_config_is_secure(monkeypatch):
    from marketplace.config import load_config

    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "0f3a9c1e7b5d2f4a6c8e0b1d3f5a7c9e")
    monkeypatch.setenv("SITE_URL", "https://ocop.example.vn")  # required in production
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://ocop@127.0.0.1/ocop")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    config = load_config()
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SESSION_COOKIE_HTTPONLY"] and config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_templates_carry_no_inline_script_or_style(client):
    user = make_user()
    db.session.commit()
    pages = ["/sign-in", "/sign-up", "/password/forgot"]
    html = "".join(client.get(p).get_data(as_text=True) for p in pages)
    sign_in_as(client, user)
    html += "".join(client.get(p).get_data(as_text=True) for p in ("/account", "/account/security", "/account/cooperative/register"))
    assert "<script>" not in html and " style=" not in html and "onclick" not in html and "onchange" not in html


# --- Rate limits ----------------------------------------------------------------------------


@pytest.fixture
def limited_client(app):
    limited = make_test_app(RATELIMIT_ENABLED=True, RATELIMIT_SIGN_IN="3/minute", RATELIMIT_API="5/minute",
                            RATELIMIT_PASSWORD_RESET="2/minute", RATELIMIT_SIGN_UP="2/minute")
    return limited.test_client()


def test_sign_in_is_limited_per_ip(limited_client):
    attempts = [
        limited_client.post("/sign-in?lang=en", data={"email": f"u{n}@example.com", "password": "wrong-wrong"})
        for n in range(4)
    ]
    assert [r.status_code for r in attempts] == [200, 200, 200, 429]
    html = attempts[-1].get_data(as_text=True)
    assert 'class="error-page"' in html and "Too many attempts" in html
    assert "Retry-After" in attempts[-1].headers
    assert limited_client.get("/sign-in").status_code == 200  # only POSTs count


def test_sign_in_is_limited_per_email_across_ips(limited_client):
    codes = [
        limited_client.post("/sign-in", data={"email": "victim@example.com", "password": "guess-guess"},
                            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"}).status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    other = limited_client.post("/sign-in", data={"email": "me@example.com", "password": "x"},
                                environ_base={"REMOTE_ADDR": "10.0.0.99"})
    assert other.status_code == 200


def test_sign_up_and_password_reset_are_limited(limited_client):
    assert [limited_client.post("/password/forgot", data={"email": "a@example.com"}).status_code
            for _ in range(3)] == [302, 302, 429]
    assert [limited_client.post("/sign-up", data={}).status_code for _ in range(3)] == [200, 200, 429]


def test_api_is_limited_with_a_json_answer(limited_client):
    codes = [limited_client.get("/api/v1/cooperatives").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    response = limited_client.get("/api/v1/cooperatives")
    assert response.status_code == 429 and response.is_json and response.get_json()["error"]


def test_limits_are_off_when_disabled(client):
    codes = {client.post("/sign-in", data={"email": "a@example.com", "password": "x"}).status_code for _ in range(12)}
    assert codes == {200}


# --- Request size ---------------------------------------------------------------------------


def test_too_large_request_answers_a_friendly_413(app):
    small = make_test_app(MAX_CONTENT_LENGTH=1024)
    response = small.test_client().post("/sign-in?lang=en", data={"email": "a@example.com", "password": "x" * 5000})
    assert response.status_code == 413 and "Too large" in response.get_data(as_text=True)


# --- Mail -----------------------------------------------------------------------------------


def test_development_mail_is_written_as_eml(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_DIR", str(tmp_path))
    assert send_mail("an@example.com", "Xin chào", "Nội dung thư")
    [path] = list(Path(tmp_path).glob("*.eml"))
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"] == "an@example.com" and message["Subject"] == "Xin chào"
    assert message.get_content().strip() == "Nội dung thư"


class FakeSMTP:
    sent = []

    def __init__(self, host, port, timeout):
        self.host, self.port = host, port
        self.calls = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        self.calls.append("starttls")

    def login(self, username, password):
        self.calls.append(("login", username, password))

    def send_message(self, message):
        FakeSMTP.sent.append((self.host, self.port, self.calls, message))


def test_smtp_is_used_when_configured(app, monkeypatch):
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    FakeSMTP.sent.clear()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.com")
    monkeypatch.setitem(app.config, "MAIL_USERNAME", "mailer")
    monkeypatch.setitem(app.config, "MAIL_PASSWORD", "secret")
    assert send_mail("an@example.com", "Hello", "Body")
    [(host, port, calls, message)] = FakeSMTP.sent
    assert (host, port) == ("smtp.example.com", 587)
    assert calls == ["starttls", ("login", "mailer", "secret")]
    assert message["To"] == "an@example.com" and message["Message-ID"].endswith("@localhost>")


def test_smtp_failure_is_logged_not_raised(app, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(smtplib, "SMTP", refuse)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "smtp.example.com")
    assert send_mail("an@example.com", "Hello", "Body") is True  # taken by the outbox
    assert "could not be sent" in caplog.text  # inline (no Redis): logged, the row kept for a retry
    from marketplace.jobs.models import PENDING, OutboxMessage

    row = db.session.query(OutboxMessage).one()
    assert row.status == PENDING and row.last_error == "OSError: connection refused"


def test_limits_are_kept_in_redis_when_configured(app, monkeypatch):
    """With REDIS_URL the counters live in Redis, so every process (gunicorn worker) shares them."""
    import redis

    from marketplace.config import load_config
    from tests.conftest import skip_or_fail

    url = "redis://127.0.0.1:6379/15"
    connection = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        skip_or_fail("Redis is not running on 127.0.0.1:6379")
    monkeypatch.setenv("REDIS_URL", url)
    assert load_config()["RATELIMIT_STORAGE_URI"] == url
    connection.flushdb()
    try:
        limited = make_test_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=url, RATELIMIT_API="2/minute")
        client = limited.test_client()
        assert [client.get("/api/v1/cooperatives").status_code for _ in range(3)] == [200, 200, 429]
        assert any(b"api" in key for key in connection.keys("LIMITS*"))
    finally:
        connection.flushdb()
        connection.close()
