"""Sign-up with email confirmation, sign-in (remember me, next), sign-out, the sign-in log."""
import unicodedata

import sqlalchemy as sa

from marketplace.accounts.models import Role, SignInEvent, User
from marketplace.extensions import db
from tests.accounts.conftest import link_in
from tests.factories import (
    PASSWORD, make_cooperative, make_cooperative_staff, make_distributor, make_distributor_staff, make_user, sign_in_as,
)

GOOD = {"display_name": "Chị Lan", "email": "lan@example.com", "password": "dừa-sáp-trà-vinh", "confirm": "dừa-sáp-trà-vinh"}


def _user(email):
    return db.session.scalar(sa.select(User).where(User.email == email))


def test_sign_up_mails_a_link_that_confirms_and_signs_in(client, outbox):
    response = client.post("/sign-up?lang=en", data=GOOD)
    assert response.status_code == 302 and response.headers["Location"] == "/sign-up/check-inbox"
    assert "Check your inbox" in client.get("/sign-up/check-inbox").get_data(as_text=True)
    user = _user("lan@example.com")
    assert user.role == Role.CONSUMER and user.email_confirmed_at is None and user.language == "en"
    assert user.password_hash.startswith("$argon2id$") and "dừa" not in user.password_hash
    assert client.get("/account").status_code == 302  # not signed in before confirming

    [mail] = outbox
    assert mail["To"] == "lan@example.com" and mail["Subject"] == "Confirm your email address"
    link = link_in(mail)
    page = client.get(link)
    assert page.status_code == 200 and 'id="confirm-account"' in page.get_data(as_text=True)
    assert _user("lan@example.com").email_confirmed_at is None  # opening the link changes nothing
    confirmed = client.post(link)
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == "/account"
    assert client.get("/account").status_code == 200
    # The link works once: it cannot sign anyone in later.
    client.post("/sign-out")
    again = client.post(link)
    assert again.status_code == 200 and 'id="link-expired"' in again.get_data(as_text=True)
    assert 'id="link-expired"' in client.get(link).get_data(as_text=True)
    assert client.get("/account").status_code == 302


def test_sign_up_keeps_next_through_the_confirmation(client, outbox):
    client.post("/sign-up", data={**GOOD, "next": "/account/security"})
    confirmed = client.post(link_in(outbox[0]))
    assert confirmed.headers["Location"] == "/account/security"


def test_sign_up_normalises_the_email(client, outbox):
    decomposed = unicodedata.normalize("NFD", "  Lê.Thị@Example.COM ")
    client.post("/sign-up", data={**GOOD, "email": decomposed})
    assert _user(unicodedata.normalize("NFC", "lê.thị@example.com")) is not None


def test_duplicate_sign_up_looks_the_same_and_tells_the_owner(client, outbox):
    owner = make_user(email="lan@example.com", language="en")
    db.session.commit()
    response = client.post("/sign-up", data={**GOOD, "email": "LAN@example.com"})
    assert response.status_code == 302 and response.headers["Location"] == "/sign-up/check-inbox"
    [mail] = outbox
    assert mail["To"] == owner.email and mail["Subject"] == "Someone tried to sign up with your email"
    assert "/password/forgot" in mail.get_content()
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1


def test_sign_up_bad_input_rerenders_with_messages_next_to_fields(client, outbox):
    response = client.post("/sign-up?lang=en", data={
        "display_name": "<b>Lan</b>", "email": "not-an-email", "password": "1234567890", "confirm": "different",
    })
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and not outbox
    assert 'id="email" ' in html and 'aria-invalid="true"' in html
    assert 'aria-describedby="email-error"' in html and 'id="email-error"' in html
    assert "Enter an email address like name@example.com." in html
    assert "Use more than digits: add letters or symbols." in html
    assert "The two passwords are not the same." in html
    assert 'value="not-an-email"' in html and 'value="&lt;b&gt;Lan&lt;/b&gt;"' in html  # typed values kept, escaped
    assert "1234567890" not in html  # never the password
    # The rules are stated before anyone types.
    assert "At least 10 characters" in client.get("/sign-up?lang=en").get_data(as_text=True)


def test_sign_up_password_rules(client, outbox):
    for password, message in [
        ("short", "Use at least 10 characters."),
        ("lan@example.com", "Your password cannot be your email address."),
        ("x" * 129, "Use at most 128 characters."),
    ]:
        html = client.post("/sign-up?lang=en", data={**GOOD, "password": password, "confirm": password}).get_data(as_text=True)
        assert message in html
    assert not outbox and _user("lan@example.com") is None


def test_sign_in_with_remember_me_and_safe_next(client):
    user = make_user(email="an@example.com", language="en")
    db.session.commit()
    response = client.post("/sign-in", data={"email": " AN@example.com", "password": PASSWORD, "remember": "y",
                                             "next": "/account/security"})
    assert response.status_code == 302 and response.headers["Location"] == "/account/security"
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    # The user's language becomes the page language.
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)
    event = db.session.scalar(sa.select(SignInEvent))
    assert event.user_id == user.id and event.succeeded and event.ip == "127.0.0.1"


def test_sign_in_never_redirects_to_another_site(client):
    make_user(email="an@example.com")
    db.session.commit()
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"):
        response = client.post("/sign-in", data={"email": "an@example.com", "password": PASSWORD, "next": target})
        assert response.headers["Location"] == "/", target
        client.post("/sign-out")


def test_staff_land_on_their_portal_unless_next_asks_for_a_page(client):
    make_cooperative_staff(make_cooperative(), email="coop@example.com")
    make_distributor_staff(make_distributor(), email="dist@example.com")
    make_user(email="an@example.com")
    db.session.commit()
    for email, landing in (("coop@example.com", "/portal"), ("dist@example.com", "/value-chain"), ("an@example.com", "/")):
        response = client.post("/sign-in", data={"email": email, "password": PASSWORD})
        assert response.headers["Location"] == landing, email
        client.post("/sign-out")
    response = client.post("/sign-in", data={"email": "coop@example.com", "password": PASSWORD, "next": "/products"})
    assert response.headers["Location"] == "/products"


def test_sign_in_failure_is_generic_and_logged(client):
    user = make_user(email="an@example.com")
    db.session.commit()
    wrong_password = client.post("/sign-in?lang=en", data={"email": "an@example.com", "password": "nope-nope-nope"})
    unknown_email = client.post("/sign-in?lang=en", data={"email": "who@example.com", "password": "nope-nope-nope"})
    for response in (wrong_password, unknown_email):
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and "The email address or the password is not right." in html
        assert "nope-nope-nope" not in html
    assert 'value="who@example.com"' in unknown_email.get_data(as_text=True)
    events = db.session.scalars(sa.select(SignInEvent).order_by(SignInEvent.id)).all()
    assert [(e.user_id, e.succeeded) for e in events] == [(user.id, False), (None, False)]
    assert "who@example.com" not in {e.email_hash for e in events} and len(events[1].email_hash) == 64


def test_sign_in_empty_form_rerenders(client):
    html = client.post("/sign-in?lang=en", data={}).get_data(as_text=True)
    assert html.count("This field is required.") == 2


def test_unconfirmed_account_gets_a_new_link_on_sign_in(client, outbox):
    make_user(email="new@example.com", confirmed=False)
    db.session.commit()
    html = client.post("/sign-in?lang=en", data={"email": "new@example.com", "password": PASSWORD}).get_data(as_text=True)
    assert "Please confirm your email address first" in html
    assert client.get("/account").status_code == 302
    [mail] = outbox
    assert client.post(link_in(mail)).headers["Location"] == "/account"


def test_sign_out_is_a_post(client):
    user = make_user()
    db.session.commit()
    sign_in_as(client, user)
    assert client.get("/sign-out").status_code == 405
    assert client.get("/account").status_code == 200
    response = client.post("/sign-out")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/account").status_code == 302


def test_protected_page_sends_anonymous_users_to_sign_in_and_back(client):
    make_user(email="an@example.com")
    db.session.commit()
    response = client.get("/account/security?tab=1")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sign-in?next=/account/security?tab%3D1"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" type="hidden" value="/account/security?tab=1"' in page
    signed_in = client.post("/sign-in", data={"email": "an@example.com", "password": PASSWORD,
                                              "next": "/account/security?tab=1"})
    assert signed_in.headers["Location"] == "/account/security?tab=1"


def test_security_page_lists_the_users_own_sign_ins(client):
    user = make_user(email="an@example.com")
    other = make_user(email="other@example.com")
    db.session.commit()
    client.post("/sign-in", data={"email": "an@example.com", "password": "wrong-wrong-wrong"})
    client.post("/sign-in", data={"email": "other@example.com", "password": PASSWORD})
    client.post("/sign-out")
    client.post("/sign-in", data={"email": "an@example.com", "password": PASSWORD})
    html = client.get("/account/security?lang=en").get_data(as_text=True)
    log = html[html.index('id="sign-in-log"'):]
    assert log.count('class="sign-in-ok"') == 1 and log.count('class="sign-in-failed"') == 1
    assert "127.0.0.1" in log
    assert other.id != user.id


def test_signed_in_user_visiting_sign_up_goes_to_the_account(client):
    sign_in_as(client, make_user())
    db.session.commit()
    assert client.get("/sign-up").headers["Location"] == "/account"
