"""Fixtures of the portal tests: an approved cooperative with a signed-in staff member."""
from pathlib import Path

import pytest

from marketplace.extensions import db
from tests.factories import make_cooperative, make_cooperative_staff, sign_in_as


@pytest.fixture
def cooperative(app):
    return make_cooperative(name="HTX Dừa Xanh", slug="htx-dua-xanh")


@pytest.fixture
def staff(cooperative):
    user = make_cooperative_staff(cooperative, language="en")
    db.session.commit()
    return user


@pytest.fixture
def portal(client, staff):
    """The test client, signed in as the cooperative's staff member (pages in English)."""
    sign_in_as(client, staff)
    with client.session_transaction() as session:
        session["lang"] = "en"
    return client


@pytest.fixture
def uploads_dir(app):
    return Path(app.config["UPLOAD_DIR"])


def page_text(response):
    return response.get_data(as_text=True)
