"""The distributors' open API: key lifecycle, scopes, rate limit, authorization, the rules
reached through the value chain's services, and the one error shape."""
import hashlib

import pytest
import sqlalchemy as sa

from marketplace.api import keys
from marketplace.api.models import ApiKey
from marketplace.extensions import db
from marketplace.valuechain.models import Offer, OfferStatus, Partnership, RequestStatus, SourcingRequest
from tests.api.distributor_world import bearer, make_world, request_body
from tests.conftest import make_test_app
from tests.factories import make_distributor, make_distributor_staff, sign_in_as


@pytest.fixture
def world(app):
    return make_world()


def _error(response, status, code):
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    return body["error"]


# --- keys -------------------------------------------------------------------------------------


def test_a_key_is_shown_once_stored_hashed_and_revoked(app, client):
    staff = make_distributor_staff()
    db.session.commit()
    sign_in_as(client, staff)
    response = client.post("/account/company/api-keys?lang=en", data={"name": "Kho ERP", "scopes": ["read"]})
    assert response.status_code == 201
    html = response.get_data(as_text=True)
    token = html.split('id="new-key-token" type="text" readonly value="')[1].split('"')[0]
    assert token.startswith("ocop_") and len(token) > 40
    key = db.session.scalars(sa.select(ApiKey)).one()
    assert key.key_hash == hashlib.sha256(token.encode()).hexdigest() and token not in (key.prefix, key.key_hash)
    assert key.scopes == ["read"] and key.rate_per_minute == app.config["API_KEY_RATE_PER_MINUTE"]
    listing = client.get("/account/company/api-keys?lang=en").get_data(as_text=True)
    assert token not in listing and key.prefix in listing and "no-store" in response.headers["Cache-Control"]

    assert client.get("/api/v1/sourcing-requests", headers=bearer(token)).status_code == 200
    assert client.post(f"/account/company/api-keys/{key.id}/revoke").status_code == 302
    revoked = client.get("/api/v1/sourcing-requests", headers=bearer(token))
    _error(revoked, 401, "unauthorized")
    assert revoked.headers["WWW-Authenticate"] == "Bearer"


def test_bad_key_forms_are_refused_with_a_message(client):
    staff = make_distributor_staff()
    db.session.commit()
    sign_in_as(client, staff)
    for data, message in [({"name": "", "scopes": ["read"]}, "This field is required"),
                          ({"name": "x", "scopes": []}, "at least one scope"),
                          ({"name": "x", "scopes": ["read"], "rate_per_minute": "100000"}, "from 1 to 600")]:
        response = client.post("/account/company/api-keys?lang=en", data=data)
        assert response.status_code == 200 and message in response.get_data(as_text=True), data
    assert db.session.scalar(sa.select(sa.func.count(ApiKey.id))) == 0


def test_only_an_approved_company_makes_keys(client):
    from marketplace.producers.models import ApprovalStatus

    staff = make_distributor_staff(make_distributor(status=ApprovalStatus.PENDING))
    db.session.commit()
    sign_in_as(client, staff)
    assert client.post("/account/company/api-keys", data={"name": "x", "scopes": ["read"]}).status_code in (302, 403)
    assert db.session.scalar(sa.select(sa.func.count(ApiKey.id))) == 0


def test_another_companys_key_cannot_be_revoked(client, world):
    other_staff = make_distributor_staff()
    db.session.commit()
    key = db.session.scalars(sa.select(ApiKey)).first()
    sign_in_as(client, other_staff)
    assert client.post(f"/account/company/api-keys/{key.id}/revoke").status_code == 404
    assert db.session.get(ApiKey, key.id).revoked_at is None


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer nope", "Basic abc", "Bearer ocop_" + "x" * 43])
def test_requests_without_a_valid_key_are_401(client, world, header):
    headers = {"Authorization": header} if header else {}
    _error(client.get("/api/v1/sourcing-requests", headers=headers), 401, "unauthorized")


def test_a_session_cookie_is_no_key(client, world):
    sign_in_as(client, world.staff)
    _error(client.get("/api/v1/sourcing-requests"), 401, "unauthorized")
    _error(client.post("/api/v1/sourcing-requests", json=request_body()), 401, "unauthorized")


def test_a_key_of_a_company_no_longer_approved_is_403(client, world):
    from marketplace.producers.models import ApprovalStatus

    world.company.status = ApprovalStatus.REJECTED
    db.session.commit()
    _error(client.get("/api/v1/sourcing-requests", headers=bearer(world.sourcing_token)), 403, "company_not_approved")


# --- scopes -------------------------------------------------------------------------------------


def test_a_read_key_reads_but_cannot_write(client, world):
    headers = bearer(world.read_token)
    assert client.get("/api/v1/sourcing-requests", headers=headers).status_code == 200
    assert client.get("/api/v1/partnerships", headers=headers).status_code == 200
    _error(client.post("/api/v1/sourcing-requests", json=request_body(), headers=headers), 403, "insufficient_scope")
    _error(client.post(f"/api/v1/offers/{world.offer.id}/decline", headers=headers), 403, "insufficient_scope")
    _error(client.post(f"/api/v1/sourcing-requests/{world.draft.id}/publish", headers=headers), 403,
           "insufficient_scope")
    assert db.session.get(SourcingRequest, world.draft.id).status == RequestStatus.DRAFT
    assert db.session.get(Offer, world.offer.id).status == OfferStatus.SUBMITTED


# --- rate limit ---------------------------------------------------------------------------------


def test_each_key_has_its_own_rate_limit(app):
    limited = make_test_app(RATELIMIT_ENABLED=True, RATELIMIT_API="1000/minute")
    company = make_distributor()
    staff = make_distributor_staff(company)
    db.session.commit()
    _, slow = keys.create_key(company, staff, "slow", ["read"], rate_per_minute=2)
    _, fast = keys.create_key(company, staff, "fast", ["read"], rate_per_minute=5)
    client = limited.test_client()
    codes = [client.get("/api/v1/partnerships", headers=bearer(slow)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    limited_answer = client.get("/api/v1/partnerships", headers=bearer(slow))
    _error(limited_answer, 429, "rate_limited")
    assert "Retry-After" in limited_answer.headers
    # The other key of the same company, from the same address, is counted on its own.
    assert [client.get("/api/v1/partnerships", headers=bearer(fast)).status_code for _ in range(5)] == [200] * 5


def test_with_limits_on_requests_without_a_key_are_answered_not_failed(app):
    """The per-key limit has no key to read: the document, the docs page and a request to be
    refused with 401 must still be answered (the test app runs without limits by default)."""
    limited = make_test_app(RATELIMIT_ENABLED=True, RATELIMIT_API="1000/minute")
    client = limited.test_client()
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/docs").status_code == 200
    _error(client.get("/api/v1/partnerships"), 401, "unauthorized")
    _error(client.get("/api/v1/partnerships", headers={"Authorization": "Bearer nonsense"}), 401, "unauthorized")


# --- sourcing requests ------------------------------------------------------------------------


def test_create_list_update_publish_close_a_request(client, world):
    headers = bearer(world.sourcing_token)
    created = client.post("/api/v1/sourcing-requests", json=request_body(), headers=headers)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["status"] == "draft" and body["category"]["code"] == "1.3" and body["certifications"] == ["haccp"]
    request_id = body["id"]
    listed = client.get("/api/v1/sourcing-requests", headers=headers).get_json()["items"]
    assert request_id in [row["request"]["id"] for row in listed]
    assert {row["request"]["id"]: row["live_offers"] for row in listed}[world.open_request.id] == 2

    changed = client.put(f"/api/v1/sourcing-requests/{request_id}", json=request_body(quantity=900), headers=headers)
    assert changed.status_code == 200 and changed.get_json()["quantity"] == 900
    published = client.post(f"/api/v1/sourcing-requests/{request_id}/publish", headers=headers)
    assert published.status_code == 200 and published.get_json()["status"] == "open"
    # The service's rule: an open request keeps the terms producers offered on.
    refused = _error(client.put(f"/api/v1/sourcing-requests/{request_id}?lang=en", json=request_body(),
                                headers=headers), 422, "refused")
    assert "Only a draft can be changed" in refused["message"]
    closed = client.post(f"/api/v1/sourcing-requests/{request_id}/close", headers=headers)
    assert closed.status_code == 200 and closed.get_json()["status"] == "closed"
    _error(client.post(f"/api/v1/sourcing-requests/{request_id}/close", headers=headers), 422, "refused")
    rfq = db.session.get(SourcingRequest, request_id)
    assert rfq.created_by_id == world.staff.id and rfq.distributor_id == world.company.id


def test_a_request_created_published_at_once(client, world):
    response = client.post("/api/v1/sourcing-requests", json=request_body(publish=True),
                           headers=bearer(world.sourcing_token))
    assert response.status_code == 201 and response.get_json()["status"] == "open"


@pytest.mark.parametrize("changes, code, field", [
    ({"quantity": "many"}, "invalid", "quantity"),  # types: the schema
    ({"quantity": 0}, "invalid", "quantity"),
    ({"unit": "barrel"}, "invalid", "unit"),
    ({"deadline": "tomorrow"}, "invalid", "deadline"),
    ({"surprise": 1}, "invalid", "surprise"),
    ({"category_code": "9.9"}, "refused", "category_code"),  # rules: the service, under the API's names
    ({"deadline": "2020-01-01"}, "refused", "deadline"),
    ({"target_price_min": 300000, "target_price_max": 200000}, "refused", "target_price_max"),
    ({"delivery_province_code": 999}, "refused", "delivery_province_code"),
])
def test_bad_bodies_name_their_fields(client, world, changes, code, field):
    response = client.post("/api/v1/sourcing-requests", json=request_body(**changes),
                           headers=bearer(world.sourcing_token))
    assert field in _error(response, 422, code)["fields"]


def test_bodies_that_are_no_json_object_or_hold_nul_are_400(client, world):
    headers = bearer(world.sourcing_token)
    _error(client.post("/api/v1/sourcing-requests", data="nope", headers=headers), 400, "bad_request")
    _error(client.post("/api/v1/sourcing-requests", json=[1], headers=headers), 400, "bad_request")
    _error(client.post("/api/v1/sourcing-requests", json=request_body(title="a\x00b"), headers=headers), 400,
           "bad_request")
    assert db.session.scalar(sa.select(sa.func.count(SourcingRequest.id))) == 3


# --- offers and partnerships -------------------------------------------------------------------


def test_offers_and_their_messages(client, world):
    from marketplace.valuechain.models import OfferMessage

    db.session.add(OfferMessage(offer_id=world.offer.id, author_id=world.staff.id, from_distributor=True,
                                body="Có mẫu thử không?"))
    db.session.commit()
    headers = bearer(world.read_token)
    items = client.get(f"/api/v1/sourcing-requests/{world.open_request.id}/offers", headers=headers).get_json()["items"]
    assert [row["offer"]["unit_price"] for row in items] == [170000, 180000]  # cheapest first
    thread = client.get(f"/api/v1/offers/{world.offer.id}", headers=headers).get_json()
    assert thread["offer"]["id"] == world.offer.id and [m["body"] for m in thread["messages"]] == ["Có mẫu thử không?"]


def test_accept_and_decline_through_the_services(client, world):
    headers = bearer(world.sourcing_token)
    declined = client.post(f"/api/v1/offers/{world.other_offer.id}/decline", headers=headers)
    assert declined.status_code == 200 and declined.get_json()["status"] == "declined"
    accepted = client.post(f"/api/v1/offers/{world.offer.id}/accept", json={"show_publicly": True}, headers=headers)
    assert accepted.status_code == 201, accepted.get_json()
    partnership = db.session.get(Partnership, accepted.get_json()["id"])
    assert partnership.offer_id == world.offer.id and partnership.shown_by_distributor
    assert db.session.get(SourcingRequest, world.open_request.id).status == RequestStatus.AWARDED
    # The state machine refuses a second answer.
    _error(client.post(f"/api/v1/offers/{world.other_offer.id}/accept", json={}, headers=headers), 422, "refused")
    ids = [p["id"] for p in client.get("/api/v1/partnerships", headers=headers).get_json()["items"]]
    assert partnership.id in ids and world.partnership.id in ids and world.others_partnership.id not in ids


def test_another_companys_objects_are_404(client, world):
    headers = bearer(world.sourcing_token)
    for method, path, body in [
        ("get", f"/api/v1/sourcing-requests/{world.others_request.id}", None),
        ("put", f"/api/v1/sourcing-requests/{world.others_request.id}", request_body()),
        ("post", f"/api/v1/sourcing-requests/{world.others_request.id}/publish", None),
        ("post", f"/api/v1/sourcing-requests/{world.others_request.id}/close", None),
        ("get", f"/api/v1/sourcing-requests/{world.others_request.id}/offers", None),
        ("get", f"/api/v1/offers/{world.others_offer.id}", None),
        ("post", f"/api/v1/offers/{world.others_offer.id}/accept", {}),
        ("post", f"/api/v1/offers/{world.others_offer.id}/decline", None),
        ("get", f"/api/v1/partnerships/{world.others_partnership.id}", None),
        ("get", "/api/v1/offers/999999", None),
    ]:
        _error(getattr(client, method)(path, json=body, headers=headers), 404, "not_found")
    assert db.session.get(Offer, world.others_offer.id).status == OfferStatus.SUBMITTED


# --- the document ---------------------------------------------------------------------------


def test_the_document_and_its_page(client, world):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    operations = {(method.upper(), path) for path, ops in document["paths"].items() for method in ops}
    assert ("POST", "/api/v1/sourcing-requests") in operations and ("POST", "/api/v1/offers/{offer_id}/accept") in operations
    page = client.get("/api/v1/docs")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "POST /api/v1/sourcing-requests" in html and "insufficient" not in html
    assert "cdn" not in html.lower()


def test_json_errors_of_the_whole_api_share_the_shape(client):
    _error(client.get("/api/v1/nothing-here"), 404, "not_found")
    _error(client.get("/api/v1/products?page=0"), 400, "bad_request")
    _error(client.delete("/api/v1/partnerships"), 405, "method_not_allowed")
    assert client.delete("/api/v1/partnerships").headers["Allow"] == "GET, HEAD, OPTIONS"
