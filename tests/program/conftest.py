"""Fixtures of the council tests: a cooperative with staff and a product, a reviewer, and a
clock that tests can freeze."""
from datetime import date

import pytest

from marketplace import clock
from marketplace.accounts.models import Role
from marketplace.extensions import db
from tests.factories import make_cooperative, make_cooperative_staff, make_product, make_user, sign_in_as


@pytest.fixture
def frozen_today(monkeypatch):
    """Freeze `clock.today()` (callers go through the module) at a date; returns a setter."""

    def freeze(day):
        monkeypatch.setattr(clock, "today", lambda: day)
        return day

    freeze(date(2026, 6, 1))
    return freeze


@pytest.fixture
def cooperative(app):
    return make_cooperative(name="HTX Dừa Xanh", slug="htx-dua-xanh")


@pytest.fixture
def product(cooperative):
    return make_product(cooperative, slug="keo-dua-sap", name_vi="Kẹo dừa sáp")


@pytest.fixture
def staff(cooperative):
    return make_cooperative_staff(cooperative, language="en", email="owner@htx.example")


@pytest.fixture
def reviewer(app):
    return make_user(role=Role.COUNCIL_REVIEWER, language="en", display_name="Chị Hà")


def client_for(app, user):
    db.session.commit()
    client = app.test_client()
    sign_in_as(client, user)
    with client.session_transaction() as session:
        session["lang"] = "en"
    return client
