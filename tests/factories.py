"""Tiny factories: each makes one valid object with sensible defaults, overridable by keyword."""
import itertools
from datetime import timedelta

import sqlalchemy as sa

from marketplace import clock
from marketplace.accounts.models import Role, User
from marketplace.accounts.services import hash_password
from marketplace.catalog.models import (
    AssessingLevel,
    OcopCategory,
    OcopCertificate,
    Product,
    ProductImage,
    ProductStatus,
    ReviewStatus,
)
from marketplace.catalog.rules import default_expiry
from marketplace.extensions import db
from marketplace.distributors.models import DistributorCompany, DistributorKind, DistributorMember
from marketplace.producers.models import ApprovalStatus, Cooperative, CooperativeMember, EntityKind

_sequence = itertools.count(1)


def category(code="1.3"):
    return db.session.scalar(sa.select(OcopCategory).where(OcopCategory.code == code))


def make_cooperative(**fields):
    n = next(_sequence)
    values = {
        "slug": f"htx-{n}",
        "name": f"HTX Dừa {n}",
        "kind": EntityKind.COOPERATIVE,
        "tax_code": "0312345673",  # a valid MST (check digit): payouts need a tax profile
        "legacy_district": "mo-cay-nam",
        "province_code": 86,
        "province_name": "Vĩnh Long",
        "ward_code": 28903,
        "ward_name": "Xã Mỏ Cày",
        "status": ApprovalStatus.APPROVED,
    }
    values.update(fields)
    cooperative = Cooperative(**values)
    db.session.add(cooperative)
    db.session.flush()
    return cooperative


def make_product(cooperative=None, category_code="1.3", images=1, **fields):
    n = next(_sequence)
    values = {
        "slug": f"keo-dua-{n}",
        "name_vi": f"Kẹo dừa {n}",
        "name_en": f"Coconut candy {n}",
        "description_vi": "Kẹo dừa **thơm ngon**.",
        "unit": "hộp 400 g",
        "price_vnd": 85000,
        "stock": 10,
        "status": ProductStatus.PUBLISHED,
        "created_at": clock.utcnow() - timedelta(minutes=n),
    }
    values.update(fields)
    product = Product(cooperative=cooperative or make_cooperative(), category=category(category_code), **values)
    for position in range(images):
        product.images.append(ProductImage(position=position, stem=f"img{n}x{position}"))
    db.session.add(product)
    db.session.flush()
    return product


def make_certificate(product, stars=4, score=None, issued_on=None, **fields):
    issued_on = issued_on or clock.today() - timedelta(days=100)
    score = score if score is not None else {5: 92, 4: 75, 3: 55, 2: 35, 1: 20}[stars]
    values = {
        "stars": stars,
        "score": score,
        "assessing_level": AssessingLevel.PROVINCE,
        "issuing_body": "UBND tỉnh Vĩnh Long",
        "decision_number": "123/QĐ-UBND",
        "certificate_number": f"VL-OCOP-{next(_sequence):04d}" if stars >= 3 else None,
        "issued_on": issued_on,
        "expires_on": default_expiry(issued_on),
        "criteria_version": "148/QĐ-TTg (2023)",
        "review_status": ReviewStatus.APPROVED,
    }
    values.update(fields)
    certificate = OcopCertificate(product=product, **values)
    db.session.add(certificate)
    db.session.flush()
    return certificate


# Accounts (issue 4) ------------------------------------------------------------------------

PASSWORD = "coconut-candy-42"  # every factory user's password


def make_user(role=Role.CONSUMER, password=PASSWORD, confirmed=True, **fields):
    n = next(_sequence)
    values = {
        "email": f"user{n}@example.com",
        "display_name": f"Người dùng {n}",
        "language": "vi",
        "role": role,
        "email_confirmed_at": clock.utcnow() if confirmed else None,
    }
    values.update(fields)
    user = User(password_hash=hash_password(password), **values)
    db.session.add(user)
    db.session.flush()
    return user


def make_distributor(**fields):
    n = next(_sequence)
    values = {"slug": f"npp-{n}", "name": f"Nhà phân phối {n}", "kind": DistributorKind.WHOLESALER,
              "status": ApprovalStatus.APPROVED}
    values.update(fields)
    company = DistributorCompany(**values)
    db.session.add(company)
    db.session.flush()
    return company


def make_cooperative_staff(cooperative=None, is_owner=True, **user_fields):
    """A cooperative_staff user of `cooperative` (a new approved one by default)."""
    user = make_user(role=Role.COOPERATIVE_STAFF, **user_fields)
    db.session.add(CooperativeMember(user=user, cooperative=cooperative or make_cooperative(), is_owner=is_owner))
    db.session.flush()
    return user


def make_distributor_staff(distributor=None, is_owner=True, **user_fields):
    """A distributor_staff user of `distributor` (a new approved company by default)."""
    user = make_user(role=Role.DISTRIBUTOR_STAFF, **user_fields)
    db.session.add(DistributorMember(user=user, distributor=distributor or make_distributor(), is_owner=is_owner))
    db.session.flush()
    return user


def sign_in_as(client, user):
    """Sign `client` in as `user` without the sign-in form (commit the user first)."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


# Traceability (issue 17) -----------------------------------------------------------------


def make_lot(product, **fields):
    """A lot of `product` made 10 days ago, best before in a year, with one processing step."""
    from marketplace.traceability.models import Lot, LotStep
    from marketplace.traceability.services import new_code

    n = next(_sequence)
    today = clock.today()
    values = {
        "code": new_code(),
        "lot_code": f"L{n:04d}",
        "produced_on": today - timedelta(days=10),
        "best_before": today + timedelta(days=365),
        "quantity": 500,
        "unit": "hộp",
        "origin_text": "Vườn dừa của thành viên, xã Minh Đức",
    }
    values.update(fields)
    lot = Lot(product_id=product.id, cooperative_id=product.cooperative_id, **values)
    lot.steps.append(LotStep(position=0, done_on=values["produced_on"], description="Nấu kẹo"))
    db.session.add(lot)
    db.session.flush()
    return lot
