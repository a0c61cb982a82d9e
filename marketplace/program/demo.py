"""Demo data of the council's review: certificates waiting for review, sent by the demo
cooperative sign-in (marketplace.accounts.demo), so that the queue has work in the demo."""
import io
from datetime import timedelta

import sqlalchemy as sa
from PIL import Image, ImageDraw

from marketplace import clock
from marketplace.accounts.demo import DEMO_ACCOUNTS
from marketplace.accounts.models import Role
from marketplace.accounts.services import find_user
from marketplace.catalog.models import AssessingLevel, OcopCertificate, Product, ReviewStatus
from marketplace.catalog.rules import CRITERIA_VERSIONS, STAR_BANDS, default_expiry
from marketplace.catalog.services import published_products
from marketplace.extensions import db
from marketplace.program import scans

PENDING_DEMO_CERTIFICATES = 2


def _scan_image(number):
    """A drawn stand-in for a photographed certificate (PNG bytes)."""
    image = Image.new("RGB", (1200, 850), (250, 246, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, 1170, 820), outline=(160, 16, 46), width=12)
    draw.text((120, 180), "OCOP CERTIFICATE (DEMO)", fill=(160, 16, 46), font_size=72)
    draw.text((120, 330), f"No. {number}", fill=(40, 40, 40), font_size=48)
    draw.text((120, 430), "Provincial People's Committee", fill=(40, 40, 40), font_size=40)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def seed_pending_certificates():
    """Renewals of the demo cooperative's first published products, pending review, unless
    that cooperative already has a certificate waiting. The caller commits. Returns how many."""
    email = next(email for email, role, _name in DEMO_ACCOUNTS if role == Role.COOPERATIVE_STAFF)
    user = find_user(email)
    member = user.cooperative_membership if user is not None else None
    if member is None:
        return 0
    cooperative_products = sa.select(Product.id).where(Product.cooperative_id == member.cooperative_id)
    waiting = db.session.scalar(
        sa.select(sa.func.count(OcopCertificate.id)).where(
            OcopCertificate.product_id.in_(cooperative_products), OcopCertificate.review_status == ReviewStatus.PENDING
        )
    )
    if waiting:
        return 0
    products = published_products(member.cooperative_id, limit=PENDING_DEMO_CERTIFICATES)
    issued_on = clock.today() - timedelta(days=20)
    for n, product in enumerate(products, start=1):
        current = max((c for c in product.certificates if c.review_status == ReviewStatus.APPROVED),
                      key=lambda c: c.issued_on, default=None)
        stars = max(current.stars if current else 3, 3)
        number = f"DEMO-{issued_on.year}-{product.id:04d}"
        db.session.add(OcopCertificate(
            product_id=product.id,
            stars=stars,
            score=STAR_BANDS[stars][0] + 4 + n,
            assessing_level=AssessingLevel.CENTRAL if stars == 5 else AssessingLevel.PROVINCE,
            issuing_body="Bộ Nông nghiệp và Môi trường" if stars == 5 else "UBND tỉnh Vĩnh Long",
            decision_number=f"{200 + n}/QĐ-UBND",
            decision_date=issued_on,
            certificate_number=number,
            issued_on=issued_on,
            expires_on=default_expiry(issued_on),
            criteria_version=CRITERIA_VERSIONS[0],
            review_status=ReviewStatus.PENDING,
            scan_file=scans.save_scan(_scan_image(number)),
            submitted_by_id=user.id,
        ))
    db.session.flush()
    return len(products)
