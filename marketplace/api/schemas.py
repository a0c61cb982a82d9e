"""What the distributors' API reads and answers, as marshmallow schemas: they check the types
of a body (the services check the rules) and shape every answer; the OpenAPI document is
generated from them (`api.framework`)."""
from datetime import UTC

from marshmallow import EXCLUDE, RAISE, Schema, fields
from marshmallow.validate import Length, OneOf, Range

from marketplace import clock
from marketplace.valuechain.models import (
    Certification,
    DeliveryStatus,
    DeliveryTerm,
    Frequency,
    OfferStatus,
    PartnershipStatus,
    PurchaseOrderStatus,
    RequestStatus,
    Unit,
)

MAX_AMOUNT = 10**12  # quantities and prices, as the value chain's checks allow
MAX_PER_PAGE = 100
# Stored as [[from quantity, price], …]; answered as objects (fields.Method needs its document).
TIERS_DOC = {"type": "array", "items": {"type": "object", "required": ["from_quantity", "unit_price"], "properties": {
    "from_quantity": {"type": "integer"}, "unit_price": {"type": "integer"}}}}


def _values(enum_class):
    return [member.value for member in enum_class]


class UtcDateTime(fields.DateTime):
    """A stored (naive UTC) time as RFC 3339 with its zone: 2026-12-08T01:02:03Z."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        return value.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")


# --- bodies -----------------------------------------------------------------------------------


class SourcingRequestInputSchema(Schema):
    """A sourcing request as a distributor writes it (creating, or changing a draft)."""

    class Meta:
        unknown = RAISE
        ordered = True

    title = fields.String(required=True, validate=Length(max=200))
    category_code = fields.String(required=True, validate=Length(max=20),
                                  metadata={"description": "An OCOP group or sub-group (Decision 148/2023), e.g. \"1.3\"."})
    quantity = fields.Integer(required=True, strict=True, validate=Range(min=1, max=MAX_AMOUNT),
                              metadata={"description": "Per period (in total for a one-off request)."})
    unit = fields.String(required=True, validate=OneOf(_values(Unit)))
    frequency = fields.String(required=True, validate=OneOf(_values(Frequency)))
    delivery_term = fields.String(required=True, validate=OneOf(_values(DeliveryTerm)),
                                  metadata={"description": "Incoterms 2020, or \"warehouse\": delivered to the buyer's warehouse."})
    delivery_province_code = fields.Integer(required=True, strict=True, validate=Range(min=0, max=MAX_AMOUNT),
                                            metadata={"description": "Province code (the 34 provinces since 2025)."})
    deadline = fields.Date(required=True, metadata={"description": "Offers are taken until the end of this day (Vietnam time)."})
    specification = fields.String(load_default="", validate=Length(max=5000))
    period_start = fields.Date(load_default=None, allow_none=True)
    period_end = fields.Date(load_default=None, allow_none=True)
    target_price_min = fields.Integer(load_default=None, allow_none=True, strict=True, validate=Range(min=0, max=MAX_AMOUNT),
                                      metadata={"description": "Whole đồng per unit."})
    target_price_max = fields.Integer(load_default=None, allow_none=True, strict=True, validate=Range(min=1, max=MAX_AMOUNT),
                                      metadata={"description": "Whole đồng per unit."})
    min_stars = fields.Integer(load_default=3, strict=True, validate=Range(min=1, max=5))
    certifications = fields.List(fields.String(validate=OneOf(_values(Certification))), load_default=list)
    packaging = fields.String(load_default="", validate=Length(max=200))
    anonymous = fields.Boolean(load_default=False, metadata={"description": "Hide the company's name from producers."})
    publish = fields.Boolean(load_default=False, metadata={"description": "Open it to offers at once (else a draft)."})


class AcceptOfferInputSchema(Schema):
    class Meta:
        unknown = RAISE

    show_publicly = fields.Boolean(load_default=False, metadata={
        "description": "Consent to show the partnership on the public value chain (the producer consents on its own)."})
    seen_revision = fields.Integer(load_default=None, allow_none=True, strict=True,
                                   validate=Range(min=1, max=MAX_AMOUNT), metadata={
        "description": "The offer's `revision` being accepted: refused if the producer moved meanwhile."})


class PageQuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE  # e.g. ?lang=en

    page = fields.Integer(load_default=1, validate=Range(min=1, max=10**6))
    per_page = fields.Integer(load_default=20, validate=Range(min=1, max=MAX_PER_PAGE))


def _amount(low=1, **kwargs):
    return fields.Integer(strict=True, validate=Range(min=low, max=MAX_AMOUNT), **kwargs)


class PriceTierSchema(Schema):
    class Meta:
        unknown = RAISE
        ordered = True

    from_quantity = _amount(required=True, metadata={"description": "The tier applies from this quantity."})
    unit_price = _amount(required=True, metadata={"description": "Whole đồng per unit."})


class TermsInputSchema(Schema):
    """A counter-offer: the full terms put forward, on the revision the buyer read."""

    class Meta:
        unknown = RAISE
        ordered = True

    seen_revision = fields.Integer(required=True, strict=True, validate=Range(min=1, max=MAX_AMOUNT), metadata={
        "description": "The offer's `revision` the terms answer: refused if the producer moved meanwhile."})
    unit_price = _amount(required=True, metadata={"description": "Whole đồng per unit of the request."})
    quantity_per_period = _amount(required=True)
    min_order_quantity = _amount(load_default=None, allow_none=True)
    price_tiers = fields.List(fields.Nested(PriceTierSchema), load_default=list, metadata={
        "description": "Quantity breaks: each from a larger quantity, at a lower price."})
    delivery_term = fields.String(load_default=DeliveryTerm.WAREHOUSE.value, validate=OneOf(_values(DeliveryTerm)))
    lead_time_days = _amount(low=0, required=True)
    valid_until = fields.Date(required=True)
    message = fields.String(load_default="", validate=Length(max=4000))


class SamplesInputSchema(Schema):
    class Meta:
        unknown = RAISE

    quantity = _amount(required=True, metadata={"description": "Fewer units than the offer's minimum order."})
    unit_price = _amount(low=0, required=True, metadata={"description": "Whole đồng per unit; 0 if free."})


class ReceiptInputSchema(Schema):
    class Meta:
        unknown = RAISE

    quantity_received = _amount(low=0, required=True, metadata={"description": "0 if nothing came."})


# --- answers ----------------------------------------------------------------------------------


class CategorySchema(Schema):
    code = fields.String()
    name = fields.String(attribute="name_vi")
    name_en = fields.String()


class SourcingRequestSchema(Schema):
    class Meta:
        ordered = True

    id = fields.Integer()
    title = fields.String()
    status = fields.Method("_status", metadata={"type": "string", "enum": _values(RequestStatus),
                                                "description": "As of today: an open request past its deadline is closed."})
    category = fields.Nested(CategorySchema)
    specification = fields.String()
    quantity = fields.Integer()
    unit = fields.String(metadata={"enum": _values(Unit)})
    frequency = fields.String(metadata={"enum": _values(Frequency)})
    period_start = fields.Date(allow_none=True)
    period_end = fields.Date(allow_none=True)
    target_price_min = fields.Integer(allow_none=True)
    target_price_max = fields.Integer(allow_none=True)
    min_stars = fields.Integer()
    certifications = fields.List(fields.String())
    packaging = fields.String()
    delivery_term = fields.String(metadata={"enum": _values(DeliveryTerm)})
    delivery_province_code = fields.Integer()
    delivery_province_name = fields.String()
    deadline = fields.Date()
    anonymous = fields.Boolean()
    published_at = UtcDateTime(allow_none=True)
    closed_at = UtcDateTime(allow_none=True)
    created_at = UtcDateTime()

    def _status(self, request):
        return request.status_on(clock.today()).value


class SourcingRequestRowSchema(Schema):
    request = fields.Nested(SourcingRequestSchema)
    live_offers = fields.Integer(metadata={"description": "Offers not withdrawn."})


class SourcingRequestListSchema(Schema):
    items = fields.List(fields.Nested(SourcingRequestRowSchema))


class CooperativeRefSchema(Schema):
    slug = fields.String()
    name = fields.String()


class ProductRefSchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String(attribute="name_vi")


class OfferSchema(Schema):
    class Meta:
        ordered = True

    id = fields.Integer()
    request_id = fields.Integer()
    cooperative = fields.Nested(CooperativeRefSchema)
    status = fields.String(metadata={"enum": _values(OfferStatus)})
    products = fields.List(fields.Nested(ProductRefSchema))
    revision = fields.Integer(metadata={"description": "The number of the latest terms (see /revisions)."})
    your_turn = fields.Method("_your_turn", metadata={
        "type": "boolean", "description": "The producer's terms await your answer (else yours await theirs)."})
    unit_price = fields.Integer(metadata={"description": "Whole đồng per unit of the request."})
    quantity_per_period = fields.Integer()
    min_order_quantity = fields.Integer(allow_none=True)
    price_tiers = fields.Method("_tiers", metadata=TIERS_DOC)
    delivery_term = fields.String(metadata={"enum": _values(DeliveryTerm)})
    lead_time_days = fields.Integer()
    valid_until = fields.Date()
    sample_available = fields.Boolean()
    message = fields.String()
    created_at = UtcDateTime()
    updated_at = UtcDateTime()

    def _your_turn(self, offer):
        return not offer.awaiting_cooperative

    def _tiers(self, offer):
        return tiers(offer.price_tiers)


def tiers(pairs):
    return [{"from_quantity": quantity, "unit_price": price} for quantity, price in pairs or []]


class OfferRevisionSchema(Schema):
    class Meta:
        ordered = True

    number = fields.Integer()
    by_distributor = fields.Boolean(metadata={"description": "Put forward by you (else by the producer)."})
    unit_price = fields.Integer()
    quantity_per_period = fields.Integer()
    min_order_quantity = fields.Integer(allow_none=True)
    price_tiers = fields.Method("_tiers", metadata=TIERS_DOC)
    delivery_term = fields.String(metadata={"enum": _values(DeliveryTerm)})
    lead_time_days = fields.Integer()
    valid_until = fields.Date()
    message = fields.String()
    created_at = UtcDateTime()

    def _tiers(self, revision):
        return tiers(revision.price_tiers)


class OfferRevisionListSchema(Schema):
    items = fields.List(fields.Nested(OfferRevisionSchema), metadata={"description": "Oldest first; read-only."})


class OfferRowSchema(Schema):
    offer = fields.Nested(OfferSchema)
    stars = fields.Integer(allow_none=True, metadata={"description": "Best valid OCOP stars of the offered products."})
    certifications = fields.List(fields.String(), metadata={"description": "The producer's valid certifications."})
    distance_km = fields.Float(allow_none=True)


class OfferListSchema(Schema):
    items = fields.List(fields.Nested(OfferRowSchema))


class MessageSchema(Schema):
    id = fields.Integer()
    from_distributor = fields.Boolean(metadata={"description": "Written by the buyer (else by the producer)."})
    body = fields.String()
    created_at = UtcDateTime()


class OfferThreadSchema(Schema):
    offer = fields.Nested(OfferSchema)
    messages = fields.List(fields.Nested(MessageSchema))


class PartnershipSchema(Schema):
    class Meta:
        ordered = True

    id = fields.Integer()
    cooperative = fields.Nested(CooperativeRefSchema)
    offer_id = fields.Integer(allow_none=True)
    status = fields.String(metadata={"enum": _values(PartnershipStatus)})
    products = fields.List(fields.Nested(ProductRefSchema))
    unit_price = fields.Integer(metadata={"description": "Agreed, whole đồng per unit."})
    unit = fields.String(metadata={"enum": _values(Unit)})
    volume_per_period = fields.Integer()
    frequency = fields.String(metadata={"enum": _values(Frequency)})
    starts_on = fields.Date()
    ends_on = fields.Date(allow_none=True)
    created_at = UtcDateTime()
    activated_at = UtcDateTime(allow_none=True)
    ended_at = UtcDateTime(allow_none=True)


class PartnershipListSchema(Schema):
    items = fields.List(fields.Nested(PartnershipSchema))


class DeliverySchema(Schema):
    class Meta:
        ordered = True

    number = fields.Integer()
    due_on = fields.Date()
    quantity = fields.Integer()
    status = fields.String(metadata={"enum": _values(DeliveryStatus)})
    shipped_at = UtcDateTime(allow_none=True)
    received_on = fields.Date(allow_none=True)
    quantity_received = fields.Integer(allow_none=True)


class PurchaseOrderSchema(Schema):
    class Meta:
        ordered = True

    id = fields.Integer()
    title = fields.String()
    status = fields.String(metadata={"enum": _values(PurchaseOrderStatus)})
    is_sample = fields.Boolean(metadata={"description": "Samples asked for while negotiating an offer."})
    cooperative = fields.Nested(CooperativeRefSchema)
    partnership_id = fields.Integer(allow_none=True)
    offer_id = fields.Integer(allow_none=True)
    unit = fields.String(metadata={"enum": _values(Unit)})
    unit_price = fields.Integer(metadata={"description": "Whole đồng per unit, as agreed."})
    delivery_term = fields.String(metadata={"enum": _values(DeliveryTerm)})
    total_quantity = fields.Integer()
    created_at = UtcDateTime()
    deliveries = fields.List(fields.Nested(DeliverySchema))


class PurchaseOrderListSchema(Schema):
    items = fields.List(fields.Nested(PurchaseOrderSchema))
    page = fields.Integer()
    per_page = fields.Integer()
    total = fields.Integer()
