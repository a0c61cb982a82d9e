"""Imports every domain's models so that Alembic and create_all() see all tables."""
from marketplace.catalog.models import OcopCategory, OcopCertificate, Product, ProductImage  # noqa: F401
from marketplace.producers.models import Cooperative  # noqa: F401
