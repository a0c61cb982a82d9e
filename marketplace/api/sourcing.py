"""The distributors' open API (/api/v1, `Authorization: Bearer <key>`): their sourcing
requests, the offers on them and their partnerships, through the value chain's services
(the rules live there). Another company's object is a 404."""
from dataclasses import dataclass
from types import SimpleNamespace

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify, render_template

from marketplace import clock
from marketplace.api.framework import Api, not_found
from marketplace.api.models import Scope
from marketplace.api.schemas import (
    AcceptOfferInputSchema,
    OfferListSchema,
    OfferRevisionListSchema,
    OfferSchema,
    OfferThreadSchema,
    PageQuerySchema,
    PartnershipListSchema,
    PartnershipSchema,
    PurchaseOrderListSchema,
    PurchaseOrderSchema,
    ReceiptInputSchema,
    SamplesInputSchema,
    SourcingRequestInputSchema,
    SourcingRequestListSchema,
    SourcingRequestSchema,
    TermsInputSchema,
)
from marketplace.catalog.models import OcopCategory
from marketplace.extensions import csrf, db
from marketplace.valuechain import offers, partnerships, purchasing, sourcing
from marketplace.valuechain.models import Partnership, SourcingRequest, ValueChainError

bp = Blueprint("distributor_api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # authenticated by a key in a header, never by the session cookie

DESCRIPTION = """The OCOP marketplace's API for distributor companies: post and manage sourcing
requests, read the offers producers make on them and their numbered revisions, counter, accept
or decline them, ask for samples, read your partnerships and purchase orders and confirm
deliveries received.

**Keys.** Make a key on your company's account page (`/account/company/api-keys`) and send it
as `Authorization: Bearer <key>`. It is shown once; only its hash is kept. A key has scopes:
`read` (list and read) and `sourcing` (also create, change, publish, close requests; counter,
accept or decline offers, ask for samples; confirm deliveries received). Each key has its own rate limit (requests a minute); past it the answer is
429 with `Retry-After`.

**Errors** all have one shape: `{"error": {"code": "…", "message": "…", "fields": {"title":
["…"]}}}`; messages are in Vietnamese, in English with `?lang=en`. Another company's object
answers 404, as if it did not exist.

**Money** is in whole đồng (VND, no decimals); dates are `YYYY-MM-DD` in Vietnam time; times
are UTC."""

api = Api(bp, "OCOP marketplace — distributor API", "1.0.0", DESCRIPTION)


def _actor(key):
    return key.created_by  # the staff member who made the key acts through it (may be None)


# The key's company's object with this id, else 404 (another company's object does not exist).
def own_request(key, request_id):
    found = db.session.get(SourcingRequest, request_id)
    if found is None or found.distributor_id != key.distributor_id:
        raise not_found()
    return found


def own_partnership(key, partnership_id):
    found = db.session.get(Partnership, partnership_id)
    if found is None or found.distributor_id != key.distributor_id:
        raise not_found()
    return found


def own_offer(key, offer_id):
    offer = offers.get_offer(offer_id)
    if offer is None or offer.request.distributor_id != key.distributor_id:
        raise not_found()
    return offer


def own_purchase_order(key, order_id):
    order = purchasing.get_purchase_order(order_id)
    if order is None or order.distributor_id != key.distributor_id:
        raise not_found()
    return order


def _details(body):
    """The service's RequestDetails of a checked body (the category named by its code)."""
    values = dict(body)
    values.pop("publish")
    code = values.pop("category_code")
    values["category_id"] = db.session.scalar(sa.select(OcopCategory.id).where(OcopCategory.code == code))
    return sourcing.RequestDetails(**values)


def _renamed(call, names=(("category_id", "category_code"),)):
    """`call()`; a refusal naming a service's field (e.g. `category_id`) names the API's
    (`category_code`)."""
    try:
        return call()
    except ValueChainError as refusal:
        refusal.field = dict(names).get(refusal.field, refusal.field)
        raise


@dataclass
class _RequestRow:
    request: SourcingRequest
    live_offers: int


# --- sourcing requests ------------------------------------------------------------------------


@api.operation("GET", "/sourcing-requests", scope=Scope.READ, tag="Sourcing requests",
               summary="Your company's sourcing requests, newest first", response=SourcingRequestListSchema)
def list_requests(key):
    return {"items": [_RequestRow(r, n) for r, n in sourcing.company_requests(key.distributor)]}


@api.operation("POST", "/sourcing-requests", scope=Scope.SOURCING, tag="Sourcing requests", status=201,
               summary="Post a sourcing request (a draft, or open at once with publish)",
               body=SourcingRequestInputSchema, response=SourcingRequestSchema)
def create_request(key, body):
    return _renamed(lambda: sourcing.create_request(
        key.distributor, _actor(key), _details(body), publish=body["publish"]))


@api.operation("GET", "/sourcing-requests/<int:request_id>", scope=Scope.READ, tag="Sourcing requests",
               summary="One of your sourcing requests", response=SourcingRequestSchema)
def get_request(key, request_id):
    return own_request(key, request_id)


@api.operation("PUT", "/sourcing-requests/<int:request_id>", scope=Scope.SOURCING, tag="Sourcing requests",
               summary="Change a draft (and open it with publish)", body=SourcingRequestInputSchema,
               response=SourcingRequestSchema,
               description="Only a draft can be changed: an open request keeps the terms producers offered on.")
def update_request(key, request_id, body):
    rfq = own_request(key, request_id)
    return _renamed(lambda: sourcing.update_request(
        rfq, _details(body), publish=body["publish"], actor=_actor(key)))


@api.operation("POST", "/sourcing-requests/<int:request_id>/publish", scope=Scope.SOURCING,
               tag="Sourcing requests", summary="Open a draft to offers", response=SourcingRequestSchema)
def publish_request(key, request_id):
    rfq = own_request(key, request_id)
    sourcing.publish_request(rfq, actor=_actor(key))
    return rfq


@api.operation("POST", "/sourcing-requests/<int:request_id>/close", scope=Scope.SOURCING,
               tag="Sourcing requests", summary="Stop taking offers before the deadline", response=SourcingRequestSchema)
def close_request(key, request_id):
    rfq = own_request(key, request_id)
    sourcing.close_request(rfq, actor=_actor(key))
    return rfq


# --- offers -----------------------------------------------------------------------------------


@api.operation("GET", "/sourcing-requests/<int:request_id>/offers", scope=Scope.READ, tag="Offers",
               summary="The offers on one of your requests (withdrawn ones left out), cheapest first",
               response=OfferListSchema)
def list_offers(key, request_id):
    return {"items": offers.offers_for_comparison(own_request(key, request_id))}


@api.operation("GET", "/offers/<int:offer_id>", scope=Scope.READ, tag="Offers",
               summary="An offer on one of your requests, with its messages", response=OfferThreadSchema)
def get_offer(key, offer_id):
    offer = own_offer(key, offer_id)
    return SimpleNamespace(offer=offer, messages=offers.thread(offer))


@api.operation("GET", "/offers/<int:offer_id>/revisions", scope=Scope.READ, tag="Offers",
               summary="The offer's numbered revisions, oldest first (read-only)", response=OfferRevisionListSchema,
               description="Each set of terms either side put forward; the offer holds the latest.")
def list_revisions(key, offer_id):
    return {"items": offers.revisions(own_offer(key, offer_id))}


@api.operation("POST", "/offers/<int:offer_id>/counter", scope=Scope.SOURCING, tag="Offers",
               summary="Counter an offer with your terms (a new revision)", body=TermsInputSchema,
               response=OfferSchema,
               description="On your turn only, within the rounds allowed, on the revision you read "
                           "(`seen_revision`); the producer then accepts or counters.")
def counter_offer(key, offer_id, body):
    offer = own_offer(key, offer_id)
    values = dict(body)
    seen = values.pop("seen_revision")
    values["price_tiers"] = [[t["from_quantity"], t["unit_price"]] for t in values["price_tiers"]]
    return offers.counter(offer, _actor(key), offers.Terms(**values), by_distributor=True, seen_revision=seen)


@api.operation("POST", "/offers/<int:offer_id>/accept", scope=Scope.SOURCING, tag="Offers",
               summary="Accept an offer: it becomes a partnership and a purchase order", body=AcceptOfferInputSchema,
               response=PartnershipSchema, status=201,
               description="Only the producer's latest terms, before they expire.")
def accept_offer(key, offer_id, body):
    return offers.accept_offer(own_offer(key, offer_id), _actor(key), shown=body["show_publicly"],
                               seen_revision=body["seen_revision"])


@api.operation("POST", "/offers/<int:offer_id>/samples", scope=Scope.SOURCING, tag="Offers",
               summary="Ask for samples: a small purchase order at the price you state", body=SamplesInputSchema,
               response=PurchaseOrderSchema, status=201)
def request_samples(key, offer_id, body):
    offer = own_offer(key, offer_id)
    return _renamed(lambda: offers.request_samples(offer, _actor(key), body["quantity"], body["unit_price"]),
                    (("sample_quantity", "quantity"), ("sample_price", "unit_price")))


@api.operation("POST", "/offers/<int:offer_id>/decline", scope=Scope.SOURCING, tag="Offers",
               summary="Decline an offer (the producer is told)", response=OfferSchema)
def decline_offer(key, offer_id):
    offer = own_offer(key, offer_id)
    offers.decline_offer(offer, _actor(key))
    return offer


# --- partnerships -----------------------------------------------------------------------------


@api.operation("GET", "/partnerships", scope=Scope.READ, tag="Partnerships",
               summary="Your company's partnerships, newest first", response=PartnershipListSchema)
def list_partnerships(key):
    return {"items": partnerships.partnerships_of(company=key.distributor)}


@api.operation("GET", "/partnerships/<int:partnership_id>", scope=Scope.READ, tag="Partnerships",
               summary="One of your partnerships", response=PartnershipSchema)
def get_partnership(key, partnership_id):
    return own_partnership(key, partnership_id)


# --- purchase orders --------------------------------------------------------------------------


@api.operation("GET", "/purchase-orders", scope=Scope.READ, tag="Purchase orders", query=PageQuerySchema,
               summary="Your company's purchase orders with their deliveries, newest first",
               response=PurchaseOrderListSchema)
def list_purchase_orders(key, query):
    page, per_page = query["page"], query["per_page"]
    return {"items": purchasing.purchase_orders_of(company=key.distributor, offset=(page - 1) * per_page,
                                                   limit=per_page),
            "page": page, "per_page": per_page, "total": purchasing.count_purchase_orders(company=key.distributor)}


@api.operation("GET", "/purchase-orders/<int:order_id>", scope=Scope.READ, tag="Purchase orders",
               summary="One of your purchase orders with its deliveries", response=PurchaseOrderSchema)
def get_purchase_order(key, order_id):
    return own_purchase_order(key, order_id)


@api.operation("POST", "/purchase-orders/<int:order_id>/deliveries/<int:number>/receive", scope=Scope.SOURCING,
               tag="Purchase orders", summary="Confirm a delivery received, with the quantity that came",
               body=ReceiptInputSchema, response=PurchaseOrderSchema,
               description="Deliveries are numbered from 1 within their order; the order completes with its last.")
def receive_delivery(key, order_id, number, body):
    order = own_purchase_order(key, order_id)
    delivery = next((d for d in order.deliveries if d.number == number), None)
    if delivery is None:
        raise not_found()
    purchasing.confirm_delivery(delivery, body["quantity_received"], _actor(key))
    return order


# --- the document -----------------------------------------------------------------------------


def document():
    """The OpenAPI document, built once per process (the code does not change while it runs)."""
    cache = current_app.extensions.setdefault("api.document", {})
    if "document" not in cache:
        cache["document"] = api.document()
    return cache["document"]


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(document())


@bp.get("/docs")
def docs():
    return render_template("api/docs.html", spec=document(), today=clock.today())
