"""Password reset and change, profile, email change, account deletion."""
import time

import itsdangerous.timed
import pytest
import sqlalchemy as sa

from marketplace.accounts import services
from marketplace.accounts.models import Role, SignInEvent, User
from marketplace.extensions import db
from marketplace.producers.models import CooperativeMember
from tests.accounts.conftest import link_in
from tests.factories import PASSWORD, make_cooperative, make_cooperative_staff, make_user, sign_in_as


def _reload(user):
    db.session.expire_all()
    return db.session.get(User, user.id)


# --- Forgotten password ---------------------------------------------------------------------

def test_reset_request_answers_the_same_for_known_and_unknown_emails(client, outbox):
    make_user(email="an@example.com", language="en")
    db.session.commit()
    known = client.post("/password/forgot?lang=en", data={"email": "AN@example.com"})
    unknown = client.post("/password/forgot?lang=en", data={"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"] == "/sign-in"
    [mail] = outbox
    assert mail["To"] == "an@example.com" and mail["Subject"] == "Reset your password"


def test_reset_link_sets_a_new_password_once(client, outbox):
    user = make_user(email="an@example.com")
    db.session.commit()
    other_device = sign_in_as(client.application.test_client(), user)
    client.post("/password/forgot", data={"email": "an@example.com"})
    link = link_in(outbox[0])
    assert client.get(link).status_code == 200
    bad = client.post(link + "?lang=en", data={"password": "short", "confirm": "short"})
    assert "Use at least 10 characters." in bad.get_data(as_text=True)
    done = client.post(link, data={"password": "new-coconut-pass", "confirm": "new-coconut-pass"})
    assert done.status_code == 302 and done.headers["Location"] == "/account"
    assert client.get("/account").status_code == 200  # signed in
    assert other_device.get("/account").status_code == 302  # every other session ended
    used = client.get(link)  # the password changed, so the link no longer works
    assert used.status_code == 302 and used.headers["Location"] == "/password/forgot"
    db.session.expire_all()
    assert services.sign_in("an@example.com", "new-coconut-pass", "1.2.3.4") is not None


def test_reset_link_expires_after_an_hour(client, outbox, monkeypatch):
    make_user(email="an@example.com")
    db.session.commit()
    client.post("/password/forgot", data={"email": "an@example.com"})
    link = link_in(outbox[0])
    later = time.time() + 3601
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    assert client.get(link).headers["Location"] == "/password/forgot"


def test_forged_or_foreign_tokens_are_refused(app):
    user = make_user()
    db.session.commit()
    confirm_token = services.make_token("confirm-account", {"u": user.id, "e": "x"})
    assert services.user_for_reset(confirm_token) is None  # another purpose's token
    assert services.user_for_reset("garbage") is None
    assert services.read_token("invitation", confirm_token) is None


def test_reset_confirms_an_unconfirmed_account(app):
    user = make_user(confirmed=False)
    services.reset_password(user, "new-coconut-pass")
    assert user.email_confirmed_at is not None


def test_forgot_password_bad_input(client, outbox):
    html = client.post("/password/forgot?lang=en", data={"email": "nope"}).get_data(as_text=True)
    assert "Enter an email address like name@example.com." in html and 'value="nope"' in html and not outbox


# --- Signed in: password, profile ----------------------------------------------------------

def test_change_password_keeps_this_session_and_ends_others(client):
    user = make_user(email="an@example.com")
    db.session.commit()
    sign_in_as(client, user)
    other_device = sign_in_as(client.application.test_client(), user)
    wrong = client.post("/account/security?lang=en", data={
        "current_password": "not-my-password", "new_password": "new-coconut-pass", "confirm": "new-coconut-pass"})
    assert "That is not your current password." in wrong.get_data(as_text=True)
    same_as_email = client.post("/account/security?lang=en", data={
        "current_password": PASSWORD, "new_password": "an@example.com", "confirm": "an@example.com"})
    assert "Your password cannot be your email address." in same_as_email.get_data(as_text=True)
    done = client.post("/account/security", data={
        "current_password": PASSWORD, "new_password": "new-coconut-pass", "confirm": "new-coconut-pass"})
    assert done.status_code == 302
    assert client.get("/account/security").status_code == 200
    assert other_device.get("/account").status_code == 302


def test_profile_saves_name_and_language(client):
    user = make_user(display_name="An")
    db.session.commit()
    sign_in_as(client, user)
    assert 'value="An"' in client.get("/account").get_data(as_text=True)
    response = client.post("/account", data={"display_name": "  Anh Tư ", "language": "en"})
    assert response.status_code == 302
    user = _reload(user)
    assert user.display_name == "Anh Tư" and user.language == "en"
    assert '<html lang="en">' in client.get("/account").get_data(as_text=True)
    bad = client.post("/account?lang=en", data={"display_name": "", "language": "fr"}).get_data(as_text=True)
    assert "This field is required." in bad and "Choose one of the options." in bad


def test_pages_are_not_cached(client):
    sign_in_as(client, make_user())
    db.session.commit()
    assert client.get("/account").headers["Cache-Control"] == "no-store"


# --- Email change ---------------------------------------------------------------------------

def test_email_change_is_confirmed_from_the_new_address(client, outbox):
    user = make_user(email="old@example.com", language="en")
    db.session.commit()
    sign_in_as(client, user)
    wrong = client.post("/account/email?lang=en", data={"email": "new@example.com", "current_password": "nope-nope-nope"})
    assert "That is not your current password." in wrong.get_data(as_text=True) and not outbox
    client.post("/account/email", data={"email": "New@Example.com", "current_password": PASSWORD})
    [mail] = outbox
    assert mail["To"] == "new@example.com"
    assert _reload(user).email == "old@example.com"  # nothing changes before the link is opened
    link = link_in(mail)
    assert 'id="confirm-email"' in client.get(link).get_data(as_text=True)
    assert client.post(link).headers["Location"] == "/account"
    assert _reload(user).email == "new@example.com"
    assert outbox[-1]["To"] == "old@example.com" and "new@example.com" in outbox[-1].get_content()
    assert client.get(link).headers["Location"] == "/account"  # used: the old email no longer matches


def test_email_change_link_is_for_its_account_only(client, outbox):
    user = make_user(email="old@example.com")
    intruder = make_user()
    db.session.commit()
    sign_in_as(client, user)
    client.post("/account/email", data={"email": "new@example.com", "current_password": PASSWORD})
    link = link_in(outbox[0])
    other = sign_in_as(client.application.test_client(), intruder)
    assert other.post(link).headers["Location"] == "/account"
    assert _reload(intruder).email != "new@example.com"


def test_email_change_to_a_taken_address_does_not_leak(client, outbox):
    user = make_user(email="old@example.com", language="en")
    make_user(email="taken@example.com")
    db.session.commit()
    sign_in_as(client, user)
    response = client.post("/account/email", data={"email": "taken@example.com", "current_password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/account"  # same answer
    [mail] = outbox
    assert mail["To"] == "taken@example.com" and "Nothing was changed" in mail.get_content()


# --- Deletion -------------------------------------------------------------------------------

def test_delete_account_anonymises_and_keeps_the_row(client):
    user = make_user(email="an@example.com", display_name="An")
    db.session.commit()
    client.post("/sign-in", data={"email": "an@example.com", "password": PASSWORD})
    wrong = client.post("/account/delete?lang=en", data={"current_password": "nope-nope-nope"})
    assert "That is not your current password." in wrong.get_data(as_text=True)
    response = client.post("/account/delete", data={"current_password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    user = _reload(user)
    assert user.email == f"deleted-{user.id}@invalid" and user.display_name == ""
    assert user.deleted_at is not None and user.password_hash == services.UNUSABLE_PASSWORD
    assert db.session.scalar(sa.select(sa.func.count(SignInEvent.id))) == 0
    assert client.get("/account").status_code == 302
    assert services.sign_in("an@example.com", PASSWORD, "") is None
    # The address is free again.
    assert services.find_user("an@example.com") is None


def test_deleting_the_owner_hands_the_cooperative_to_the_longest_serving_staff(client):
    cooperative = make_cooperative()
    owner = make_cooperative_staff(cooperative)
    first = make_cooperative_staff(cooperative, is_owner=False)
    make_cooperative_staff(cooperative, is_owner=False)
    db.session.commit()
    services.delete_account(owner, PASSWORD)
    members = db.session.scalars(sa.select(CooperativeMember).where(CooperativeMember.cooperative_id == cooperative.id)).all()
    assert len(members) == 2 and [m.user_id for m in members if m.is_owner] == [first.id]
    assert owner.role == Role.CONSUMER


@pytest.mark.parametrize("path", ["/account", "/account/security", "/account/email", "/account/delete"])
def test_account_pages_render(client, path):
    sign_in_as(client, make_user())
    db.session.commit()
    response = client.get(path)
    assert response.status_code == 200 and 'class="account-tabs"' in response.get_data(as_text=True)
