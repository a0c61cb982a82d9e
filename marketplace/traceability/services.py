"""Lots and their trace pages: the rules as plain functions (record, correct, count a scan,
what /t/<code> shows), each owning its transaction."""
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

import segno
import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from marketplace import clock, places, unitofwork
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Product, ProductStatus
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative
from marketplace.traceability.models import Lot, LotRevision, LotScanDay, LotStep
from marketplace.valuechain.models import Partnership
from marketplace.valuechain.partnerships import public_partnerships
from marketplace.valuechain.supply import cooperative_certifications

# Public codes: 8 characters of a 32-letter alphabet without 0/O and 1/I (40 random bits: a
# guess hits one of a million lots once in a million tries), easy to read off a small stamp.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8
MAX_STEPS = 30
MAX_QUANTITY = 10_000_000
STAMPS_PER_SHEET = 24  # 4 × 6 stamps of 45 × 45 mm on A4


class TraceabilityError(Refusal):
    """A lot breaks a rule; `field` names the offending input."""


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text):
    """The code as stored, from what was typed or scanned (any case, spaces around), or None
    when it cannot be a code (then no query is made)."""
    code = (text or "").strip().upper()
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def trace_url(code):
    """The address printed in the QR: the site's own, whatever host served the portal."""
    return f"{current_app.config['SITE_URL']}/t/{code}"


def qr_code(code):
    """The QR of a lot's trace address (error correction M: readable with a scratched corner)."""
    return segno.make(trace_url(code), error="m", micro=False)


# ---------------------------------------------------------------------------------------
# Recording and correcting lots


@dataclass(frozen=True)
class LotDetails:
    lot_code: str
    produced_on: date
    best_before: date
    quantity: int
    unit: str = ""
    origin_text: str = ""
    origin_province_code: int | None = None
    origin_ward_code: int | None = None
    origin_cooperative_id: int | None = None
    steps: tuple = ()  # ((date, description), …)


def partner_choices(cooperative):
    """Approved cooperatives of the site a lot's raw material can come from (not this one)."""
    return db.session.execute(
        sa.select(Cooperative.id, Cooperative.name)
        .where(Cooperative.status == ApprovalStatus.APPROVED, Cooperative.id != cooperative.id)
        .order_by(Cooperative.name)
    ).all()


def check_details(details, cooperative, today=None):
    """The rules of a lot record; raises TraceabilityError naming the field."""
    today = today or clock.today()
    if not details.lot_code.strip():
        raise TraceabilityError(_l("Enter the lot number printed on the packs."), "lot_code")
    if details.produced_on > today:
        raise TraceabilityError(_l("The production date cannot be in the future."), "produced_on")
    if details.best_before < details.produced_on:
        raise TraceabilityError(_l("The best-before date cannot precede the production date."), "best_before")
    if not 0 < details.quantity <= MAX_QUANTITY:
        raise TraceabilityError(_l("Enter a quantity from 1 to 10000000."), "quantity")
    if details.origin_ward_code is not None and places.ward(details.origin_province_code, details.origin_ward_code) is None:
        raise TraceabilityError(_l("Choose a commune of the chosen province."), "origin_ward_code")
    if details.origin_cooperative_id is not None and details.origin_cooperative_id not in {
        row.id for row in partner_choices(cooperative)
    }:
        raise TraceabilityError(_l("Choose one of the options."), "origin_cooperative_id")
    if not (details.origin_text.strip() or details.origin_ward_code or details.origin_cooperative_id):
        raise TraceabilityError(
            _l("Say where the raw material came from: a farm or place, a commune, or a partner cooperative."),
            "origin_text",
        )
    if len(details.steps) > MAX_STEPS:
        raise TraceabilityError(_l("A lot has at most 30 processing steps."), "steps")
    if any(done_on > today for done_on, _ in details.steps):
        raise TraceabilityError(_l("A processing step cannot be dated in the future."), "steps")


def _lot_code_taken(product_id, lot_code, lot_id=None):
    query = sa.select(Lot.id).where(Lot.product_id == product_id, Lot.lot_code == lot_code)
    if lot_id is not None:
        query = query.where(Lot.id != lot_id)
    return db.session.scalar(query) is not None


def _apply(lot, details):
    lot.lot_code = details.lot_code.strip()
    lot.produced_on, lot.best_before = details.produced_on, details.best_before
    lot.quantity, lot.unit = details.quantity, details.unit.strip()
    lot.origin_text = details.origin_text.strip()
    ward = places.ward(details.origin_province_code, details.origin_ward_code) if details.origin_ward_code else None
    province = places.province(details.origin_province_code) if ward else None
    lot.origin_province_code = details.origin_province_code if ward else None
    lot.origin_ward_code = ward.code if ward else None
    lot.origin_place_name = f"{ward.name}, {province.name}" if ward else ""
    lot.origin_cooperative_id = details.origin_cooperative_id
    lot.steps = [LotStep(position=i, done_on=done_on, description=text.strip())
                 for i, (done_on, text) in enumerate(details.steps)]


def create_lot(product, details, today=None):
    """Record a lot of the cooperative's product, with a fresh public code."""
    cooperative = product.cooperative
    check_details(details, cooperative, today)
    if _lot_code_taken(product.id, details.lot_code.strip()):
        raise TraceabilityError(_l("This product already has a lot with this number."), "lot_code")
    code = new_code()
    while db.session.scalar(sa.select(Lot.id).where(Lot.code == code)) is not None:
        code = new_code()
    lot = Lot(code=code, product_id=product.id, cooperative_id=cooperative.id)
    _apply(lot, details)
    db.session.add(lot)
    unitofwork.commit()
    return lot


# The fields a correction lists, in order, and how each reads.
REVISED_FIELDS = {
    "lot_code": _l("Lot number"),
    "produced_on": _l("Production date"),
    "best_before": _l("Best before"),
    "quantity": _l("Quantity"),
    "origin": _l("Raw material from"),
    "steps": _l("Processing steps"),
}


def _day(value):
    return value.strftime("%d/%m/%Y")


def _snapshot(lot):
    """Each revised field of a lot as text (dates dd/mm/yyyy, language-neutral)."""
    origin = [lot.origin_text, lot.origin_place_name,
              lot.origin_cooperative.name if lot.origin_cooperative is not None else ""]
    return {
        "lot_code": lot.lot_code,
        "produced_on": _day(lot.produced_on),
        "best_before": _day(lot.best_before),
        "quantity": f"{lot.quantity} {lot.unit}".strip(),
        "origin": " · ".join(part for part in origin if part),
        "steps": "; ".join(f"{_day(step.done_on)} {step.description}" for step in lot.steps),
    }


def update_lot(lot, details, user=None, today=None):
    """Correct a lot. Before its first scan nobody has read it, so it simply changes; after,
    every change is kept as a revision shown on the trace page."""
    check_details(details, lot.cooperative, today)
    if _lot_code_taken(lot.product_id, details.lot_code.strip(), lot.id):
        raise TraceabilityError(_l("This product already has a lot with this number."), "lot_code")
    before = _snapshot(lot)
    _apply(lot, details)
    db.session.flush()
    db.session.refresh(lot, ["origin_cooperative"])
    after = _snapshot(lot)
    changes = [[name, before[name], after[name]] for name in REVISED_FIELDS if before[name] != after[name]]
    if changes and lot.first_scanned_at is not None:
        db.session.add(LotRevision(lot_id=lot.id, changed_by_id=user.id if user else None, changes=changes))
    unitofwork.commit()
    return changes


def cooperative_lots(cooperative):
    """The cooperative's lots, newest first, with their products (one query)."""
    return db.session.scalars(
        sa.select(Lot).where(Lot.cooperative_id == cooperative.id)
        .options(joinedload(Lot.product))
        .order_by(Lot.produced_on.desc(), Lot.id.desc())
    ).all()


def lot_products(cooperative):
    """The cooperative's products a lot can be recorded for (any but archived), by name."""
    return db.session.scalars(
        sa.select(Product).where(Product.cooperative_id == cooperative.id, Product.status != ProductStatus.ARCHIVED)
        .order_by(Product.name_vi)
    ).all()


# ---------------------------------------------------------------------------------------
# Scans


def record_scan(lot_id, today=None):
    """Count one opening of a lot's trace page: the lot's total and the day's count, by
    conditional UPDATEs (two shoppers at once both count). Nothing about the visitor is kept."""
    today = today or clock.today()
    db.session.execute(
        sa.update(Lot).where(Lot.id == lot_id)
        .values(scans=Lot.scans + 1, first_scanned_at=sa.func.coalesce(Lot.first_scanned_at, clock.utcnow()))
        .execution_options(synchronize_session=False)
    )
    bump = (sa.update(LotScanDay).where(LotScanDay.lot_id == lot_id, LotScanDay.day == today)
            .values(scans=LotScanDay.scans + 1).execution_options(synchronize_session=False))
    if db.session.execute(bump).rowcount == 0:
        try:
            with db.session.begin_nested():
                db.session.add(LotScanDay(lot_id=lot_id, day=today, scans=1))
        except sa.exc.IntegrityError:  # another request created the day's row first
            db.session.execute(bump)
    unitofwork.commit()


def scans_by_day(lot, days=30, today=None):
    """[(day, scans)] of the last `days` days with at least one scan, newest first."""
    today = today or clock.today()
    return db.session.execute(
        sa.select(LotScanDay.day, LotScanDay.scans)
        .where(LotScanDay.lot_id == lot.id, LotScanDay.day > today - timedelta(days=days))
        .order_by(LotScanDay.day.desc())
    ).all()


# ---------------------------------------------------------------------------------------
# The trace page


@dataclass
class Trace:
    lot: Lot
    standing: catalog.CertificateStanding
    certifications: list = field(default_factory=list)  # [(CooperativeCertification, valid today)]
    partners: list = field(default_factory=list)  # public partnerships of the cooperative
    expired: bool = False  # the lot is past its best-before date


def lot_by_code(code):
    """The lot with this public code and all a trace page reads of it, or None."""
    code = normal_code(code)
    if code is None:
        return None
    return db.session.scalar(
        sa.select(Lot).where(Lot.code == code)
        .options(
            joinedload(Lot.product).selectinload(Product.images),
            joinedload(Lot.cooperative),
            joinedload(Lot.origin_cooperative),
            selectinload(Lot.steps),
            selectinload(Lot.revisions),
        )
    )


def trace(lot, today=None):
    """What /t/<code> shows of a lot today: the certificate by the catalogue's badge rule (never
    a stored badge), the cooperative's declared certifications with their validity today, and
    the value-chain partnerships both sides agreed to show."""
    today = today or clock.today()
    cooperative = lot.cooperative
    partners = db.session.scalars(public_partnerships().where(Partnership.cooperative_id == cooperative.id)).unique().all()
    return Trace(
        lot=lot,
        standing=catalog.certificate_standing(lot.product_id, today),
        certifications=[(c, c.is_valid(today)) for c in cooperative_certifications(cooperative)],
        partners=partners,
        expired=lot.best_before < today,
    )
