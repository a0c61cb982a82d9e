"""Unique URL slugs for named rows (cooperatives, companies, products)."""
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.text import slugify


def unique_slug(model, name):
    """slugify(name), with -2, -3… appended until no row of `model` has it."""
    base = slugify(name, max_length=100)
    taken = set(db.session.scalars(sa.select(model.slug).where(model.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug
