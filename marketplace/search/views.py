"""Search pages: /search (results with the catalogue's filters and facets) and
/search/suggest (autocomplete JSON for the header box)."""
from flask import Blueprint, current_app, jsonify, render_template, request, url_for

from marketplace.catalog import services as catalog
from marketplace.i18n import current_language
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.search import service as search

bp = Blueprint("search", __name__)


@bp.get("/search")
def results():
    # Bad values in the URL are ignored, as on /products.
    filters, errors = catalog.parse_filters(request.args)
    page, per_page = catalog.parse_page(request.args, errors, current_app.config["PRODUCTS_PER_PAGE"])
    found = search.search_products(filters, page, per_page, locale=current_language(), with_cooperatives=True)
    return render_template(
        "search/results.html",
        found=found,
        results=found.results,
        filters=filters,
        groups=catalog.category_groups(),
        districts=LEGACY_DISTRICTS,
        sorts=catalog.SORTS,
    )


@bp.get("/search/suggest")
def suggestions():
    items = search.suggest(request.args.get("q", ""), locale=current_language())
    return jsonify(items=[{"name": s.name, "url": url_for("catalog.product_detail", slug=s.slug)} for s in items])
