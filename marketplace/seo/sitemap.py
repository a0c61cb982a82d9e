"""What sitemap.xml lists: every public page worth indexing, with its last change."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import url_for

from marketplace import clock
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Product
from marketplace.distributors.models import DistributorCompany
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative
from marketplace.valuechain.models import SourcingRequest

# Listing pages: always there, changed whenever the catalogue is (no date of their own).
LISTINGS = ("catalog.home", "catalog.product_list", "producers.cooperative_list", "progress.overview",
            "valuechain.value_chain", "valuechain.request_list", "valuechain.distributor_list")


@dataclass(frozen=True)
class Entry:
    path: str
    lastmod: date | None


def _day(moment):
    return clock.local_date(moment) if moment else None


def entries(today=None):
    """Every public page (four queries): listings, buyable products, approved producers and
    distributors, sourcing requests open for offers."""
    today = today or clock.today()
    found = [Entry(url_for(endpoint), None) for endpoint in LISTINGS]
    products = db.session.execute(
        catalog.buyable_products().with_only_columns(Product.slug, Product.updated_at).order_by(Product.id)
    )
    found += [Entry(url_for("catalog.product_detail", slug=slug), _day(at)) for slug, at in products]
    producers = db.session.execute(
        sa.select(Cooperative.slug, Cooperative.updated_at)
        .where(Cooperative.status == ApprovalStatus.APPROVED).order_by(Cooperative.id)
    )
    found += [Entry(url_for("producers.cooperative_detail", slug=slug), _day(at)) for slug, at in producers]
    distributors = db.session.execute(
        sa.select(DistributorCompany.slug, DistributorCompany.created_at)
        .where(DistributorCompany.status == ApprovalStatus.APPROVED).order_by(DistributorCompany.id)
    )
    found += [Entry(url_for("valuechain.distributor_detail", slug=slug), _day(at)) for slug, at in distributors]
    requests = db.session.execute(
        sa.select(SourcingRequest.id, SourcingRequest.updated_at)
        .where(SourcingRequest.takes_offers(today)).order_by(SourcingRequest.id)
    )
    found += [Entry(url_for("valuechain.request_detail", request_id=rid), _day(at)) for rid, at in requests]
    return found
