"""Read-only JSON API, /api/v1, over the same services as the pages."""
from flask import Blueprint, abort, current_app, jsonify, request, url_for

from marketplace import terms
from marketplace.catalog import services as catalog
from marketplace.extensions import csrf, limiter
from marketplace.producers import services as producers
from marketplace.search import service as search
from marketplace.views import json_error

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # read-only; state-changing endpoints must add their own token checks
limiter.limit(lambda: current_app.config["RATELIMIT_API"])(bp)  # per client IP, over all of /api/v1


def _bad_parameters(errors):
    return json_error(400, "bad_request", "Invalid query parameters.",
                      {name: [str(message)] for name, message in errors.items()})


def _certificate_json(certificate):
    if certificate is None or certificate.stars < 3:
        return None  # no badge may be shown: potential, expired, pending or none
    return {
        "stars": certificate.stars,
        "certificate_number": certificate.certificate_number,
        "level": certificate.assessing_level.value,
        "issued_on": certificate.issued_on.isoformat(),
        "expires_on": certificate.expires_on.isoformat(),
    }


def _cooperative_ref(cooperative):
    return {"slug": cooperative.slug, "name": cooperative.name, "district": cooperative.legacy_district}


def product_json(card):
    product = card.product
    return {
        "slug": product.slug,
        "name": product.name_vi,
        "name_en": product.name_en,
        "group": product.category.group_code,
        "subgroup": product.category.code,
        "price_vnd": product.price_vnd,
        "unit": product.unit,
        "unit_en": terms.unit_in(product.unit, "en"),
        "stock": product.stock,
        "url": url_for("catalog.product_detail", slug=product.slug, _external=True),
        "ocop": _certificate_json(card.certificate),
        "cooperative": _cooperative_ref(product.cooperative),
    }


def cooperative_json(cooperative, product_count=None):
    data = {
        "slug": cooperative.slug,
        "name": cooperative.name,
        "kind": cooperative.kind.value,
        "district": cooperative.legacy_district,
        "province": cooperative.province_name,
        "ward": cooperative.ward_name,
        "origin": cooperative.origin_label,
        "founded_year": cooperative.founded_year,
        "url": url_for("producers.cooperative_detail", slug=cooperative.slug, _external=True),
    }
    if product_count is not None:
        data["product_count"] = product_count
    return data


@bp.get("/products")
def products():
    args = request.args.to_dict()
    # The API lists every published product unless `certified=true` asks for badged ones only.
    args.setdefault("rating", "all")
    filters, errors = catalog.parse_filters(args)
    page, per_page = catalog.parse_page(args, errors, current_app.config["PRODUCTS_PER_PAGE"])
    if errors:
        return _bad_parameters(errors)
    # `q` goes through the search service: ranked by relevance unless `sort` says otherwise.
    results = search.search_products(filters, page, per_page).results
    return jsonify(items=[product_json(c) for c in results.items], page=page, per_page=per_page, total=results.total)


@bp.get("/products/<slug>")
def product(slug):
    card = catalog.get_product_card(slug)
    if card is None:
        abort(404)
    data = product_json(card)
    data["description"] = card.product.description_vi
    data["description_en"] = card.product.description_en
    data["images"] = [url_for("core.media", filename=f"products/{i.stem}-page.webp", _external=True) for i in card.product.images]
    return jsonify(data)


@bp.get("/cooperatives")
def cooperatives():
    counts = catalog.published_product_counts()
    return jsonify(items=[cooperative_json(c, counts.get(c.id, 0)) for c in producers.approved_cooperatives()])


@bp.get("/cooperatives/<slug>")
def cooperative(slug):
    found = producers.get_approved_cooperative(slug)
    if found is None:
        abort(404)
    data = cooperative_json(found)
    data["products"] = [product_json(c) for c in catalog.cooperative_products(found)]
    return jsonify(data)
