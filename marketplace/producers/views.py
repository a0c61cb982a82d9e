"""Public pages of the producers."""
from flask import Blueprint, abort, render_template, request

from marketplace.catalog import services as catalog
from marketplace.core.pagecache import cached_page
from marketplace.producers import services as producers
from marketplace.producers.constants import LEGACY_DISTRICTS

bp = Blueprint("producers", __name__)


@bp.get("/cooperatives")
@cached_page
def cooperative_list():
    district = request.args.get("district", "")
    if district not in LEGACY_DISTRICTS:
        district = ""
    return render_template(
        "producers/list.html",
        rows=producers.approved_cooperatives(district),
        district=district,
        districts=LEGACY_DISTRICTS,
    )


@bp.get("/cooperatives/<slug>")
@cached_page
def cooperative_detail(slug):
    cooperative = producers.get_approved_cooperative(slug)
    if cooperative is None:
        abort(404)
    products = catalog.list_products(
        catalog.ProductFilters(rating="all", cooperative=slug), per_page=catalog.MAX_PER_PAGE
    )
    return render_template("producers/detail.html", cooperative=cooperative, products=products.items)
