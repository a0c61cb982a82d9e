"""Demo data: Bến Tre's cooperatives and their OCOP products, with generated photos.

Idempotent: rows are matched by slug and only missing ones are created, so running the
seed twice changes nothing.
"""
import zlib
from datetime import date, timedelta

import sqlalchemy as sa
from stdnum.vn import mst

from marketplace import clock, places
from marketplace.bookings.models import BookableService, BookingKind
from marketplace.demo.accounts import seed_demo_accounts
from marketplace.catalog.models import (
    AssessingLevel,
    OcopCategory,
    OcopCertificate,
    Product,
    ProductImage,
    ProductStatus,
    ReviewStatus,
)
from marketplace.catalog.rules import check_stars_and_score, default_expiry
from marketplace.catalog.services import load_categories
from marketplace.payments.withholding import load_rates
from marketplace.demo import data, images
from marketplace.extensions import db
from marketplace.media import save_variants
from marketplace.producers.models import ApprovalStatus, Cooperative, CooperativePhoto, EntityKind
from marketplace.program.demo import seed_pending_certificates
from marketplace.search import service as search
from marketplace.text import nfc
from marketplace.traceability.demo import seed_lots
from marketplace.valuechain.demo import seed_value_chain


def _date(text):
    return date.fromisoformat(text) if text else None


def _cooperative(item):
    province = places.province(places.VINH_LONG)
    ward = places.ward(places.VINH_LONG, item["ward_code"])
    cooperative = Cooperative(
        slug=item["slug"],
        name=nfc(item["name"]),
        kind=EntityKind(item["kind"]),
        story_vi=nfc(item["story_vi"]),
        story_en=item["story_en"],
        founded_year=item["founded_year"],
        members=item["members"],
        phone=item["phone"],
        email=item["email"],
        street=nfc(item["street"]),
        province_code=province.code,
        province_name=province.name,
        ward_code=ward.code if ward else None,
        ward_name=ward.name if ward else nfc(item.get("ward_name", "")),
        legacy_district=item["legacy_district"],
        status=ApprovalStatus.APPROVED,
    )
    cooperative.photo_stem = save_variants(images.cooperative_image(item["slug"], item["name"], item["legacy_district"]), "cooperatives")
    cooperative.photos.append(CooperativePhoto(position=0, stem=cooperative.photo_stem, width=800, height=800))
    cooperative.tax_code, cooperative.personal_id = _demo_tax_profile(cooperative)
    return cooperative


def _demo_tax_profile(cooperative):
    """A made-up but valid tax code (Bến Tre's prefix 13, a check digit that python-stdnum
    accepts) and, for households, a made-up citizen ID: the demo can record payouts and shows
    the tax withheld from household sellers."""
    number = zlib.crc32(cooperative.slug.encode())
    while True:
        base = f"13{number % 10**7:07d}"
        digit = mst.calc_check_digit(base)
        if len(digit) == 1:
            break
        number += 1
    personal_id = f"083{number % 10**9:09d}" if cooperative.tax_withheld else ""
    return base + digit, personal_id


def _certificate(spec):
    check_stars_and_score(spec["stars"], spec["score"])
    issued_on = _date(spec["issued_on"])
    return OcopCertificate(
        stars=spec["stars"],
        score=spec["score"],
        assessing_level=AssessingLevel(spec["level"]),
        issuing_body=spec["issuing_body"],
        decision_number=spec.get("decision_number") or "",
        decision_date=_date(spec.get("decision_date")),
        certificate_number=spec.get("certificate_number"),
        issued_on=issued_on,
        expires_on=_date(spec.get("expires_on")) or default_expiry(issued_on),
        criteria_version=spec["criteria_version"],
        review_status=ReviewStatus.APPROVED,
        reviewed_at=clock.utcnow(),
    )


def _product(item, cooperative, category):
    product = Product(
        slug=item["slug"],
        cooperative=cooperative,
        category=category,
        name_vi=nfc(item["name_vi"]),
        name_en=item["name_en"],
        description_vi=nfc(item["description_vi"]),
        description_en=item["description_en"],
        unit=nfc(item["unit"]),
        price_vnd=item["price_vnd"],
        stock=item["stock"],
        weight_g=item.get("weight_g"),
        shelf_life_days=item.get("shelf_life_days"),
        status=ProductStatus.PUBLISHED,
        created_at=clock.utcnow() - timedelta(days=item.get("created_days_ago", 30)),
    )
    stem = save_variants(images.product_image(item["slug"], category.code), "products")
    product.images.append(ProductImage(position=0, stem=stem, width=800, height=800))
    if item.get("certificate"):
        product.certificates.append(_certificate(item["certificate"]))
    for spec in item.get("earlier", ()):  # ratings a later one replaced: the product's history
        earlier = _certificate(spec)
        earlier.review_status = ReviewStatus.SUPERSEDED
        product.certificates.append(earlier)
    return product


def _bookable(product, item):
    """Group 6 is booked for a date: homestays by the room and night (their rooms a day),
    tours by the guest (up to 30 a day; one sold-out tour shows a fully booked service)."""
    if "đêm" in item["unit"]:
        return BookableService(product=product, kind=BookingKind.STAY, daily_capacity=item["stock"])
    return BookableService(product=product, kind=BookingKind.TOUR, daily_capacity=min(item["stock"], 30))


def seed_demo(progress=lambda steps: steps):
    """Load the demo data; `progress` wraps the list of steps (a CLI progress bar). Returns counts."""
    load_categories()
    load_rates()
    categories = {c.code: c for c in db.session.scalars(sa.select(OcopCategory))}
    cooperatives = {c.slug: c for c in db.session.scalars(sa.select(Cooperative))}
    existing_products = set(db.session.scalars(sa.select(Product.slug)))
    created = {"cooperatives": 0, "products": 0}
    steps = [("cooperative", item) for item in data.COOPERATIVES if item["slug"] not in cooperatives]
    steps += [("product", item) for item in data.PRODUCTS if item["slug"] not in existing_products]
    for kind, item in progress(steps):
        if kind == "cooperative":
            cooperatives[item["slug"]] = _cooperative(item)
            db.session.add(cooperatives[item["slug"]])
        else:
            product = _product(item, cooperatives[item["cooperative"]], categories[item["category"]])
            db.session.add(product)
            if item["category"].startswith("6."):
                db.session.add(_bookable(product, item))
        created[kind + "s"] += 1
    created["sign_ins"] = seed_demo_accounts()  # one sign-in per role (marketplace.demo.accounts)
    created["pending_certificates"] = seed_pending_certificates()  # the council's review queue
    created["value_chain"] = seed_value_chain()  # distributors, requests, offers, partnerships
    created["lots"] = seed_lots()  # production lots with QR trace pages (/t/<code>)
    db.session.commit()
    search.reindex()  # the search index starts in step with the demo data
    return created


def database_is_empty():
    return db.session.scalar(sa.select(sa.func.count(Product.id))) == 0
