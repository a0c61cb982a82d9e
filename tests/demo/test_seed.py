"""The demo data: coverage of districts, kinds and groups, honest ratings, idempotent seeding."""
from collections import Counter
from datetime import date

import sqlalchemy as sa

from marketplace import taxids
from marketplace.catalog.models import OcopCertificate, Product
from marketplace.catalog.rules import STAR_BANDS, default_expiry
from marketplace.demo import data
from marketplace.extensions import db
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.producers.models import Cooperative


def test_demo_data_covers_the_province():
    assert len(data.COOPERATIVES) >= 20
    assert {c["legacy_district"] for c in data.COOPERATIVES} == set(LEGACY_DISTRICTS)
    assert {c["kind"] for c in data.COOPERATIVES} == {"cooperative", "cooperative_group", "enterprise", "household"}
    assert len(data.PRODUCTS) >= 80
    assert {p["category"].split(".")[0] for p in data.PRODUCTS} == {"1", "2", "3", "4", "5", "6"}
    slugs = [p["slug"] for p in data.PRODUCTS]
    assert len(slugs) == len(set(slugs))


def test_demo_ratings_are_honest():
    today = date(2026, 11, 29)
    stars = Counter()
    expired = 0
    for product in data.PRODUCTS:
        spec = product["certificate"]
        if not spec:
            continue
        low, high = STAR_BANDS[spec["stars"]]
        assert low <= spec["score"] <= high, product["slug"]
        stars[spec["stars"]] += 1
        if spec["stars"] >= 3 and default_expiry(date.fromisoformat(spec["issued_on"])) < today:
            expired += 1
    assert stars[1] + stars[2] >= 3, "a few potential products"
    assert expired >= 3, "a few expired certificates"
    assert stars[3] + stars[4] + stars[5] >= 60


def test_demo_shows_a_potential_product_the_program_upgraded():
    upgraded = [p for p in data.PRODUCTS if p.get("earlier")]
    assert upgraded, "/program counts upgrades from the certificate history"
    for product in upgraded:
        for spec in product["earlier"]:
            assert spec["stars"] < 3 <= product["certificate"]["stars"]
            assert spec["issued_on"] < product["certificate"]["issued_on"]


def test_seed_demo_twice_changes_nothing(runner, app):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    counts = (
        db.session.scalar(sa.select(sa.func.count(Cooperative.id))),
        db.session.scalar(sa.select(sa.func.count(Product.id))),
        db.session.scalar(sa.select(sa.func.count(OcopCertificate.id))),
    )
    assert counts[0] == len(data.COOPERATIVES) and counts[1] == len(data.PRODUCTS)
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert "Created 0 cooperatives and 0 products" in second.output
    assert counts == (
        db.session.scalar(sa.select(sa.func.count(Cooperative.id))),
        db.session.scalar(sa.select(sa.func.count(Product.id))),
        db.session.scalar(sa.select(sa.func.count(OcopCertificate.id))),
    )
    # every demo seller can be paid out: a valid tax profile (households with a citizen ID)
    assert all(c.tax_profile_complete and taxids.normalise_mst(c.tax_code) == c.tax_code
               for c in db.session.scalars(sa.select(Cooperative)))
    # --if-empty does nothing on a seeded database
    assert "not loaded" in runner.invoke(args=["seed-demo", "--if-empty"]).output
    # every product has a photo on disk
    product = db.session.scalars(sa.select(Product).limit(1)).first()
    response = app.test_client().get(f"/media/products/{product.images[0].stem}-card.webp")
    assert response.status_code == 200 and response.mimetype == "image/webp"
    response.close()
