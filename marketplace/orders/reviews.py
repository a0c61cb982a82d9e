"""Product reviews by verified buyers: only of a product delivered to them, once."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from marketplace import unitofwork
from marketplace.core import pagecache
from marketplace.extensions import db
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Order, OrderLine, ProductReview, Shipment, Status


def reviewable_line(user, product_id):
    """The user's delivered order line of this product not yet reviewed, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    already = sa.select(ProductReview.id).where(ProductReview.product_id == product_id, ProductReview.user_id == user.id)
    return db.session.scalar(
        sa.select(OrderLine)
        .join(OrderLine.shipment)
        .join(Shipment.order)
        .where(
            OrderLine.product_id == product_id,
            Order.user_id == user.id,
            Shipment.status == Status.DELIVERED,
            ~already.exists(),
        )
        .limit(1)
    )


def add_review(user, product_id, rating, body):
    """A verified buyer's review: only of a product delivered to them, once."""
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise OrderError(_("Choose from 1 to 5 stars."))
    body = (body or "").strip()
    if len(body) > 2000:
        raise OrderError(_("Keep the review under 2000 characters."))
    line = reviewable_line(user, product_id)
    if line is None:
        raise OrderError(_("Only buyers who received this product can review it, once."))
    db.session.add(ProductReview(product_id=product_id, user_id=user.id, order_line_id=line.id, rating=rating, body=body))
    unitofwork.after_commit(pagecache.invalidate)  # the product page shows reviews
    try:
        unitofwork.commit()
    except sa.exc.IntegrityError:
        raise OrderError(_("Only buyers who received this product can review it, once.")) from None


@dataclass
class ReviewSummary:
    count: int
    average: float | None
    reviews: list


def product_reviews(product_id, limit=20):
    """The count, the average rating and the latest reviews of a product (two queries)."""
    count, average = db.session.execute(
        sa.select(sa.func.count(ProductReview.id), sa.func.avg(ProductReview.rating)).where(
            ProductReview.product_id == product_id
        )
    ).one()
    reviews = []
    if count:
        reviews = db.session.scalars(
            sa.select(ProductReview)
            .where(ProductReview.product_id == product_id)
            .options(joinedload(ProductReview.user))
            .order_by(ProductReview.created_at.desc(), ProductReview.id.desc())
            .limit(limit)
        ).all()
    return ReviewSummary(count, round(float(average), 1) if average is not None else None, reviews)
