"""Public pages of the producers.

Products belong to cooperatives, so the catalogue imports producers and never the reverse:
what these pages show of a cooperative's products is handed in by the app factory (`init_app`).
"""
from flask import Blueprint, abort, current_app, render_template, request

from marketplace.core.pagecache import cached_page
from marketplace.producers import services as producers
from marketplace.producers.constants import LEGACY_DISTRICTS

bp = Blueprint("producers", __name__)


def init_app(app, product_counts, product_cards):
    """`product_counts()` → {cooperative id: its published products};
    `product_cards(cooperative)` → the cards its public page lists."""
    app.extensions["producers.products"] = (product_counts, product_cards)


@bp.get("/cooperatives")
@cached_page
def cooperative_list():
    district = request.args.get("district", "")
    if district not in LEGACY_DISTRICTS:
        district = ""
    product_counts, _ = current_app.extensions["producers.products"]
    counts = product_counts()
    return render_template(
        "producers/list.html",
        rows=[(cooperative, counts.get(cooperative.id, 0)) for cooperative in producers.approved_cooperatives(district)],
        district=district,
        districts=LEGACY_DISTRICTS,
    )


@bp.get("/cooperatives/<slug>")
@cached_page
def cooperative_detail(slug):
    cooperative = producers.get_approved_cooperative(slug)
    if cooperative is None:
        abort(404)
    _, product_cards = current_app.extensions["producers.products"]
    return render_template("producers/detail.html", cooperative=cooperative, products=product_cards(cooperative))
