"""Small factories of the value chain's objects (on top of tests/factories.py)."""
from datetime import timedelta

from marketplace import clock
from marketplace.extensions import db
from marketplace.valuechain.models import (
    CooperativeCertification,
    DeliveryTerm,
    Frequency,
    Offer,
    OfferStatus,
    Partnership,
    PartnershipStatus,
    ProductCapacity,
    RequestStatus,
    SourcingRequest,
    Unit,
)
from tests.factories import category, make_distributor


def make_request(distributor=None, status=RequestStatus.OPEN, category_code="1.3", **fields):
    values = {
        "title": "Kẹo dừa hộp 400 g cho chuỗi cửa hàng",
        "quantity": 2000,
        "unit": Unit.KG,
        "frequency": Frequency.MONTHLY,
        "min_stars": 3,
        "certifications": [],
        "delivery_term": DeliveryTerm.WAREHOUSE,
        "delivery_province_code": 79,
        "delivery_province_name": "Thành phố Hồ Chí Minh",
        "deadline": clock.today() + timedelta(days=14),
        "target_price_min": 150000,
        "target_price_max": 220000,
        "status": status,
    }
    values.update(fields)
    request = SourcingRequest(distributor=distributor or make_distributor(), category=category(category_code), **values)
    db.session.add(request)
    db.session.flush()
    return request


def make_offer(request, product, status=OfferStatus.SUBMITTED, **fields):
    values = {
        "unit_price": 180000,
        "quantity_per_period": 1500,
        "lead_time_days": 10,
        "valid_until": request.deadline + timedelta(days=30),
        "status": status,
    }
    values.update(fields)
    offer = Offer(request=request, cooperative=product.cooperative, products=[product], **values)
    db.session.add(offer)
    db.session.flush()
    return offer


def make_partnership(distributor, product, status=PartnershipStatus.ACTIVE, public=False, **fields):
    values = {
        "unit_price": 180000,
        "unit": Unit.KG,
        "volume_per_period": 1000,
        "frequency": Frequency.MONTHLY,
        "starts_on": clock.today(),
        "status": status,
        "shown_by_distributor": public,
        "shown_by_cooperative": public,
        "activated_at": clock.utcnow() if status != PartnershipStatus.PROPOSED else None,
    }
    values.update(fields)
    partnership = Partnership(distributor=distributor, cooperative=product.cooperative, products=[product], **values)
    db.session.add(partnership)
    db.session.flush()
    return partnership


def declare_capacity(product, quantity, unit=Unit.KG):
    db.session.add(ProductCapacity(product_id=product.id, monthly_quantity=quantity, unit=unit))
    db.session.flush()


def declare_certification(cooperative, kind, valid_days=365):
    certification = CooperativeCertification(
        cooperative_id=cooperative.id, kind=kind, valid_until=clock.today() + timedelta(days=valid_days)
    )
    db.session.add(certification)
    db.session.flush()
    return certification
