"""The helpers of marketplace.accounts.authz, on throwaway routes of a fresh app."""
import pytest
import sqlalchemy as sa
from flask import jsonify

from marketplace.accounts.authz import COUNCIL_ROLES, require_role, safe_next
from marketplace.accounts.models import Role
from marketplace.catalog.models import Product
from marketplace.distributors.authz import (
    owned_by_current_distributor,
    require_approved_distributor,
    require_distributor_staff,
)
from marketplace.distributors.models import DistributorCompany
from marketplace.extensions import db
from marketplace.producers.authz import (
    current_cooperative,
    owned_by_current_cooperative,
    require_approved_cooperative,
    require_cooperative_staff,
)
from marketplace.producers.models import ApprovalStatus
from tests.conftest import make_test_app
from tests.factories import (
    make_cooperative,
    make_cooperative_staff,
    make_distributor,
    make_distributor_staff,
    make_product,
    make_user,
    sign_in_as,
)


@pytest.fixture(scope="module")
def authz_app():
    app = make_test_app()

    @app.post("/_t/publish")
    @require_approved_cooperative
    def publish():
        return "published"

    @app.post("/_t/post-request")
    @require_approved_distributor
    def post_request():
        return "posted"

    @app.get("/_t/products/<int:product_id>")
    @require_cooperative_staff
    def product(product_id):
        return owned_by_current_cooperative(db.session.get(Product, product_id)).slug

    @app.get("/_t/products")
    @require_cooperative_staff
    def products():
        return ",".join(db.session.scalars(owned_by_current_cooperative(sa.select(Product.slug).select_from(Product))))

    @app.get("/_t/products-of-mine")
    @require_cooperative_staff
    def products_of_mine():
        rows = db.session.scalars(owned_by_current_cooperative(sa.select(Product).order_by(Product.slug)))
        return ",".join(p.slug for p in rows) + "|" + current_cooperative().slug

    @app.get("/_t/company/<int:company_id>")
    @require_distributor_staff
    def company(company_id):
        return owned_by_current_distributor(db.session.get(DistributorCompany, company_id)).slug

    @app.get("/_t/council")
    @require_role(*COUNCIL_ROLES)
    def council():
        return "council"

    @app.get("/api/_t/admin")
    @require_role(Role.ADMIN)
    def api_admin():
        return jsonify(ok=True)

    return app


@pytest.fixture
def authz_client(app, authz_app):
    return authz_app.test_client()


def test_objects_of_another_cooperative_answer_404(authz_client):
    mine, theirs = make_cooperative(), make_cooperative()
    my_product, their_product = make_product(mine, slug="mine"), make_product(theirs, slug="theirs")
    staff = make_cooperative_staff(mine)
    db.session.commit()
    sign_in_as(authz_client, staff)
    assert authz_client.get(f"/_t/products/{my_product.id}").get_data(as_text=True) == "mine"
    assert authz_client.get(f"/_t/products/{their_product.id}").status_code == 404
    assert authz_client.get("/_t/products/999999").status_code == 404
    assert authz_client.get("/_t/products-of-mine").get_data(as_text=True) == f"mine|{mine.slug}"


def test_queries_are_scoped_to_the_current_cooperative(authz_client):
    mine, theirs = make_cooperative(), make_cooperative()
    make_product(mine, slug="a"), make_product(theirs, slug="b")
    staff = make_cooperative_staff(mine)
    db.session.commit()
    sign_in_as(authz_client, staff)
    assert authz_client.get("/_t/products").get_data(as_text=True) == "a"


def test_objects_of_another_company_answer_404(authz_client):
    mine, theirs = make_distributor(), make_distributor()
    staff = make_distributor_staff(mine)
    db.session.commit()
    sign_in_as(authz_client, staff)
    assert authz_client.get(f"/_t/company/{mine.id}").get_data(as_text=True) == mine.slug
    assert authz_client.get(f"/_t/company/{theirs.id}").status_code == 404


def test_role_gates_answer_403_and_anonymous_users_are_sent_to_sign_in(authz_client):
    consumer = make_user()
    db.session.commit()
    anonymous = authz_client.get("/_t/products/1")
    assert anonymous.status_code == 302 and anonymous.headers["Location"] == "/sign-in?next=/_t/products/1"
    sign_in_as(authz_client, consumer)
    forbidden = authz_client.get("/_t/products/1")
    assert forbidden.status_code == 403 and 'class="error-page"' in forbidden.get_data(as_text=True)
    assert authz_client.get("/_t/council").status_code == 403


def test_api_answers_401_and_403_in_json(authz_client):
    assert authz_client.get("/api/_t/admin").status_code == 401
    assert authz_client.get("/api/_t/admin").get_json()["error"]["code"] == "unauthorized"
    sign_in_as(authz_client, make_user())
    db.session.commit()
    forbidden = authz_client.get("/api/_t/admin")
    assert forbidden.status_code == 403 and forbidden.is_json


def test_pending_organisations_cannot_publish_or_post(authz_client):
    cooperative = make_cooperative(status=ApprovalStatus.PENDING)
    company = make_distributor(status=ApprovalStatus.REJECTED)
    coop_staff, company_staff = make_cooperative_staff(cooperative), make_distributor_staff(company)
    db.session.commit()
    sign_in_as(authz_client, coop_staff)
    refused = authz_client.post("/_t/publish")
    assert refused.status_code == 302 and refused.headers["Location"] == "/account/cooperative"
    sign_in_as(authz_client, company_staff)
    assert authz_client.post("/_t/post-request").headers["Location"] == "/account/company"
    assert authz_client.post("/_t/publish").status_code == 403  # not cooperative staff at all

    cooperative.status = ApprovalStatus.APPROVED
    db.session.commit()
    sign_in_as(authz_client, coop_staff)
    assert authz_client.post("/_t/publish").get_data(as_text=True) == "published"


def test_check_can_publish_rule(app):
    from marketplace.producers.organisations import NotApproved, check_can_publish

    check_can_publish(make_cooperative())
    for status in (ApprovalStatus.PENDING, ApprovalStatus.REJECTED):
        with pytest.raises(NotApproved):
            check_can_publish(make_cooperative(status=status))
    with pytest.raises(NotApproved):
        check_can_publish(None)


@pytest.mark.parametrize("target, expected", [
    ("/account", "/account"),
    ("/products?q=k%E1%BA%B9o&page=2", "/products?q=k%E1%BA%B9o&page=2"),
    ("", None), (None, None),
    ("https://evil.example/", None), ("//evil.example", None), ("/\\evil.example", None),
    ("\\\\evil.example", None), ("javascript:alert(1)", None), ("/ok\r\nSet-Cookie: x", None),
    ("account", None),
])
def test_safe_next(target, expected):
    assert safe_next(target) == expected
