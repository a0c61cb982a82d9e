"""Queries about producers for the storefront and the API."""
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative


def approved_cooperatives(district=""):
    """Approved cooperatives (of one legacy district, when given), by name."""
    query = sa.select(Cooperative).where(Cooperative.status == ApprovalStatus.APPROVED)
    if district:
        query = query.where(Cooperative.legacy_district == district)
    return db.session.scalars(query.order_by(Cooperative.name)).all()


def get_approved_cooperative(slug):
    return db.session.scalar(
        sa.select(Cooperative).where(Cooperative.slug == slug, Cooperative.status == ApprovalStatus.APPROVED)
    )


def district_counts():
    """Legacy district code -> number of approved producers in it."""
    rows = db.session.execute(
        sa.select(Cooperative.legacy_district, sa.func.count())
        .where(Cooperative.status == ApprovalStatus.APPROVED, Cooperative.legacy_district.is_not(None))
        .group_by(Cooperative.legacy_district)
    )
    return dict(rows.all())
