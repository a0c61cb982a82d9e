"""What cooperatives declare for matching: their certifications besides OCOP and how much of
each product they can supply per month."""
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from marketplace import unitofwork
from marketplace.catalog.models import Product, ProductStatus
from marketplace.extensions import db
from marketplace.valuechain.checks import one_of, text, today_or, whole
from marketplace.valuechain.models import (
    DECLARED_CERTIFICATIONS,
    Certification,
    CooperativeCertification,
    ProductCapacity,
    Unit,
    ValueChainError,
)


def cooperative_certifications(cooperative):
    return db.session.scalars(
        sa.select(CooperativeCertification).where(CooperativeCertification.cooperative_id == cooperative.id)
        .order_by(CooperativeCertification.kind, CooperativeCertification.valid_until.desc())
    ).all()


def add_certification(cooperative, kind, reference, valid_until, today=None):
    kind = one_of(Certification, kind, "kind")
    if kind not in DECLARED_CERTIFICATIONS:
        raise ValueChainError(_("OCOP ratings come from the products' certificates."), "kind")
    reference = text(reference, 100, "reference")
    if not isinstance(valid_until, date):
        raise ValueChainError(_("Enter the date it is valid until."), "valid_until")
    if valid_until < today_or(today):
        raise ValueChainError(_("This certification has expired: enter one that is still valid."), "valid_until")
    certification = CooperativeCertification(
        cooperative_id=cooperative.id, kind=kind, reference=reference, valid_until=valid_until
    )
    db.session.add(certification)
    unitofwork.commit()
    return certification


def remove_certification(certification):
    db.session.delete(certification)
    unitofwork.commit()


def supply_products(cooperative):
    """The cooperative's products (not archived) with their declared capacity, by name."""
    return db.session.execute(
        sa.select(Product, ProductCapacity)
        .outerjoin(ProductCapacity, ProductCapacity.product_id == Product.id)
        .where(Product.cooperative_id == cooperative.id, Product.status != ProductStatus.ARCHIVED)
        .order_by(Product.name_vi)
    ).all()


def set_capacity(cooperative, product_id, monthly_quantity, unit):
    """Declare (or, with no quantity, forget) how much of a product is supplied per month."""
    product = db.session.get(Product, product_id) if isinstance(product_id, int) else None
    if product is None or product.cooperative_id != cooperative.id:
        raise ValueChainError(_("Choose one of your own products."), "product_id")
    capacity = db.session.get(ProductCapacity, product.id)
    if monthly_quantity is None:
        if capacity is not None:
            db.session.delete(capacity)
        unitofwork.commit()
        return None
    monthly_quantity = whole(monthly_quantity, "monthly_quantity",
                             message=_("The quantity must be a whole number above 0."))
    unit = one_of(Unit, unit, "unit")
    if capacity is None:
        capacity = ProductCapacity(product_id=product.id, monthly_quantity=monthly_quantity, unit=unit)
        db.session.add(capacity)
    else:
        capacity.monthly_quantity, capacity.unit = monthly_quantity, unit
    unitofwork.commit()
    return capacity
