"""A distributor company with keys, requests, offers and a partnership, for the API's tests."""
from dataclasses import dataclass
from datetime import timedelta

from marketplace import clock
from marketplace.api import keys
from marketplace.api.models import Scope
from marketplace.extensions import db
from marketplace.valuechain import purchasing
from marketplace.valuechain.models import DeliveryTerm, OfferRevision, RequestStatus
from marketplace.valuechain.offers import REVISION_FIELDS
from tests.factories import make_distributor, make_distributor_staff, make_product
from tests.valuechain.helpers import make_offer, make_partnership, make_request


@dataclass
class World:
    company: object
    staff: object
    read_token: str
    sourcing_token: str
    draft: object
    open_request: object
    offer: object
    other_offer: object
    partnership: object
    others_request: object
    others_offer: object
    others_partnership: object
    order: object
    others_order: object


def make_world():
    company = make_distributor()
    staff = make_distributor_staff(company)
    db.session.commit()
    _, read_token = keys.create_key(company, staff, "ERP (read)", [Scope.READ.value])
    _, sourcing_token = keys.create_key(company, staff, "ERP", [Scope.SOURCING.value, Scope.READ.value])
    product, second = make_product(), make_product()
    draft = make_request(company, status=RequestStatus.DRAFT)
    open_request = make_request(company, published_at=clock.utcnow())
    offer = make_offer(open_request, product)
    other_offer = make_offer(open_request, second, unit_price=170000)
    partnership = make_partnership(company, product)
    someone = make_distributor()
    others_request = make_request(someone)
    others_offer = make_offer(others_request, make_product())
    others_partnership = make_partnership(someone, product)
    for made in (offer, other_offer, others_offer):  # the producer's first terms, as submit_offer writes them
        db.session.add(OfferRevision(offer_id=made.id, number=1, by_distributor=False,
                                     **{name: getattr(made, name) for name in REVISION_FIELDS}))
    order, others_order = (
        purchasing.create_purchase_order(p, None, title="Kẹo dừa", delivery_term=DeliveryTerm.WAREHOUSE,
                                         lead_time_days=7, starts_on=clock.today())
        for p in (partnership, others_partnership))
    db.session.commit()
    return World(company, staff, read_token, sourcing_token, draft, open_request, offer, other_offer, partnership,
                 others_request, others_offer, others_partnership, order, others_order)


def request_body(**fields):
    body = {
        "title": "Kẹo dừa cho chuỗi siêu thị",
        "category_code": "1.3",
        "quantity": 500,
        "unit": "kg",
        "frequency": "monthly",
        "delivery_term": "warehouse",
        "delivery_province_code": 79,
        "deadline": (clock.today() + timedelta(days=20)).isoformat(),
        "target_price_max": 200000,
        "certifications": ["haccp"],
    }
    body.update(fields)
    return body


def bearer(token):
    return {"Authorization": f"Bearer {token}"}
