"""Issue 12, item 8: junk in paths, query strings and forms answers 404/400 or a form error, never 500."""
import base64
import json

import pytest

from marketplace.accounts.models import Role
from marketplace.extensions import db
from tests.factories import make_cooperative, make_cooperative_staff, make_distributor_staff, make_product, make_user, sign_in_as

TOO_BIG = 2**31


@pytest.fixture
def staff(app, client):
    user = make_cooperative_staff(make_cooperative())
    db.session.commit()
    return sign_in_as(client, user)


def test_ids_past_the_integer_range_are_404(app, client, staff):
    for path in (f"/portal/products/{TOO_BIG}/edit", f"/portal/products/{TOO_BIG}/stock", f"/portal/orders/{TOO_BIG}"):
        assert client.get(path).status_code == 404, path
    for path in (f"/portal/products/{TOO_BIG}/publish", f"/portal/products/{TOO_BIG}/photos/{2**63}/delete"):
        assert client.post(path).status_code == 404, path
    assert client.get(f"/portal/products/{TOO_BIG - 1}/edit").status_code == 404  # in range, missing: still 404


def test_sourcing_id_past_the_integer_range_is_404(app, client):
    sign_in_as(client, make_distributor_staff())
    db.session.commit()
    assert client.get(f"/sourcing/{TOO_BIG}").status_code == 404
    assert client.get(f"/sourcing/{10**30}").status_code == 404


def test_huge_page_numbers_show_a_page(app, client):
    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    sign_in_as(client, admin)
    huge = "99999999999999999999"
    for path in ("/products", "/admin/users", "/council/reviews/history", "/search?q=keo",
                 f"/council/reviews/history?product={huge}"):
        separator = "&" if "?" in path else "?"
        response = client.get(f"{path}{separator}page={huge}")
        assert response.status_code in (200, 302), path


@pytest.mark.parametrize("path", ["/products/%00", "/products?cooperative=%00", "/search?q=a%00b",
                                  "/products?%00=1", "/cooperatives/x%00y"])
def test_nul_bytes_in_paths_and_query_strings_are_400(client, path):
    assert client.get(path).status_code == 400


def test_nul_bytes_in_form_fields_are_400(app, client):
    make_product(make_cooperative())
    db.session.commit()
    for path, data in (("/sign-in", {"email": "a\x00@example.com", "password": "x"}),
                       ("/checkout", {"name": "Lan\x00", "phone": "0912345678"}),
                       ("/password/forgot", {"email\x00": "x"})):
        assert client.post(path, data=data).status_code == 400, path


def test_shipping_settings_with_only_the_token_is_a_form_error(app, client, staff):
    response = client.post("/portal/shipping?lang=en", data={"csrf_token": "x"})
    assert response.status_code == 200 and "Enter the fee" in response.get_data(as_text=True)


def test_stock_file_with_non_ascii_content_is_refused_politely(app, client, staff):
    response = client.post("/portal/stock/apply?lang=en", data={"content": "dừa ²"})
    assert response.status_code == 302 and response.headers["Location"] == "/portal/stock"
    assert "could not be read back" in client.get("/portal/stock?lang=en").get_data(as_text=True)
    good_base64_bad_utf8 = base64.b64encode(b"\xff\xfe").decode()
    assert client.post("/portal/stock/apply", data={"content": good_base64_bad_utf8}).status_code == 302


def test_unicode_digits_are_not_amounts():
    from marketplace.money import parse_vnd
    from marketplace.portal.forms import whole_number

    assert parse_vnd("²") is None and parse_vnd("٣٠٠") is None and whole_number("²") is None


@pytest.mark.parametrize("object_id", [12, None, ["cs_1"], {"id": "cs_1"}])
def test_a_signed_stripe_event_whose_object_id_is_not_a_string_is_400(app, client, object_id):
    from tests.payments.fake_stripe import WEBHOOK_SECRET, make_event, signed

    app.config["STRIPE_WEBHOOK_SECRET"] = WEBHOOK_SECRET
    try:
        payload = json.dumps(make_event("checkout.session.completed", {"id": object_id, "object": "checkout.session"}))
        response = client.post("/webhooks/stripe", data=payload, content_type="application/json",
                               headers={"Stripe-Signature": signed(payload)})
    finally:
        app.config["STRIPE_WEBHOOK_SECRET"] = ""
    assert response.status_code == 400
