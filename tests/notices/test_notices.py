"""In-app notices: per-language rendering, unread count, dedupe, isolation, email."""
import pytest

from marketplace.extensions import db
from marketplace.mail import outbox
from marketplace.notices import services
from marketplace.notices.models import Notice
from tests.factories import make_user, sign_in_as as sign_in

# Test-only kind; plain strings stand in for lazy translations.
services.register_kind("test", "Test notice %(n)s", "Body %(n)s")


def test_notify_renders_in_each_readers_language_and_mails(app):
    vi_user = make_user(email="an@example.vn", language="vi")
    en_user = make_user(email="bob@example.com", language="en")
    services.notify([vi_user, en_user], "test", link="/products", params={"n": 7}, email=True)
    db.session.commit()
    notice = db.session.query(Notice).filter_by(user_id=en_user.id).one()
    assert services.render(notice) == ("Test notice 7", "Body 7")
    assert "http://localhost:5000/products" in outbox(app)[0].get_content()
    subjects = {m["To"]: m["Subject"] for m in outbox(app)}
    assert subjects["bob@example.com"] == "Test notice 7"
    assert set(subjects) == {"an@example.vn", "bob@example.com"}


def test_dedupe_key_notifies_once(app):
    user = make_user()
    services.notify([user], "test", params={"n": 1}, dedupe_key="reminder:1:30")
    services.notify([user], "test", params={"n": 1}, dedupe_key="reminder:1:30")
    db.session.commit()
    assert services.unread_count(user) == 1


def test_unknown_kind_is_a_programming_error(app):
    with pytest.raises(ValueError):
        services.notify([make_user()], "no-such-kind")


def test_list_count_open_and_mark_read(app, client):
    user = make_user(language="en")
    other = make_user()
    mine = services.notify([user], "test", link="/products", params={"n": 1})[0]
    theirs = services.notify([other], "test", params={"n": 2})[0]
    db.session.commit()
    sign_in(client, user)
    html = client.get("/notices?lang=en").get_data(as_text=True)
    assert "Test notice 1" in html and "Test notice 2" not in html
    assert 'id="nav-notices"' in html and 'class="nav-badge"' in html
    assert client.post(f"/notices/{theirs.id}/open").status_code == 404
    response = client.post(f"/notices/{mine.id}/open")
    assert response.status_code == 302 and response.headers["Location"] == "/products"
    assert services.unread_count(user) == 0
    services.notify([user], "test", params={"n": 3})
    db.session.commit()
    client.post("/notices/read")
    assert services.unread_count(user) == 0


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/notices")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/sign-in") or "sign-in" in response.headers["Location"]
