"""The life of an OCOP certificate on the marketplace.

    submitted (pending, no badge) ──approve──▶ approved ──a later approval──▶ superseded
                                  └─reject───▶ rejected

A cooperative's staff submit a certificate with its scan; a council reviewer approves it or
rejects it with a reason, and the cooperative is told in the app and by email. Approving a
renewal supersedes the product's earlier approved certificate, so the catalogue only ever
shows the latest one. The badge needs an approved certificate valid today
(`OcopCertificate.grants_badge`): an expired one drops its badge by itself, and the staff are
reminded 90, 30 and 7 days before it does.
"""
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import flag_modified

from marketplace import clock
from marketplace.batch import Batch
from marketplace.catalog.models import (
    AssessingLevel,
    CERTIFIED_MIN_STARS,
    OcopCertificate,
    Product,
    ProductStatus,
    ReviewStatus,
)
from marketplace.catalog.photos import UploadError
from marketplace.catalog.rules import (
    CRITERIA_VERSIONS,
    CertificateError,
    check_certificate_number,
    check_dates,
    check_stars_and_score,
    default_expiry,
)
from marketplace.extensions import db
from marketplace.notices.services import notify, register_kind
from marketplace.program import scans
from marketplace.producers.staff import staff_of
from marketplace.program.models import CertificateReview, ReviewDecision
from marketplace.statemachine import StateMachine
from marketplace.text import nfc

REMINDER_DAYS = (90, 30, 7)
MAX_REASON_LENGTH = 2000
ALREADY_REVIEWED = _l("This certificate was already reviewed.")


def _record_decision(machine, certificate, old, new, reviewer, reason):
    """The council's decisions are its history; a superseded certificate points to the
    approved renewal (whose decision is recorded) instead."""
    if new != ReviewStatus.SUPERSEDED:
        decision = ReviewDecision.APPROVED if new == ReviewStatus.APPROVED else ReviewDecision.REJECTED
        db.session.add(CertificateReview(certificate_id=certificate.id, reviewer_id=reviewer.id,
                                         decided_at=certificate.reviewed_at, decision=decision, reason=reason))
    # The UPDATE passes by the flush: marked changed, the certificate is seen by what follows
    # catalogue changes at flush (the page cache, search's stars) like any other edit.
    flag_modified(certificate, "review_status")


REVIEW = StateMachine(
    "certificate",
    {
        ReviewStatus.PENDING: {ReviewStatus.APPROVED, ReviewStatus.REJECTED},
        ReviewStatus.APPROVED: {ReviewStatus.SUPERSEDED},
    },
    column="review_status",
    record=_record_decision,
    conflict=lambda *_: ALREADY_REVIEWED,  # another reviewer decided at the same moment
)

register_kind(
    "certificate_approved",
    _l("OCOP certificate approved: %(product)s"),
    _l("The OCOP council approved the %(stars)s★ certificate of %(product)s. The badge shows on the store while it is valid (until %(expires_on)s)."),
)
register_kind(
    "certificate_rejected",
    _l("OCOP certificate not approved: %(product)s"),
    _l("The OCOP council did not approve the certificate sent for %(product)s. Their reason: %(reason)s"),
)
register_kind(
    "certificate_expiring",
    _l("The OCOP certificate of %(product)s expires in %(days)s days"),
    _l("The %(stars)s★ certificate of %(product)s is valid until %(expires_on)s. Send the renewed certificate before then, so that the badge stays."),
)


def _path(endpoint, **values):
    """A link for a notice: url_for in a request; outside one (cron, tests) the bare path."""
    if has_request_context():
        return url_for(endpoint, **values)
    return current_app.url_map.bind("").build(endpoint, values)


@dataclass
class CertificateDetails:
    """What staff enter about a certificate; checked by `submit_certificate`."""

    stars: int
    score: int
    assessing_level: str
    issuing_body: str
    issued_on: date
    criteria_version: str
    certificate_number: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    expires_on: date | None = None  # None: 36 months after issue


def _check(details, today):
    check_stars_and_score(details.stars, details.score)
    check_certificate_number(details.stars, details.certificate_number)
    if details.assessing_level not in set(AssessingLevel):
        raise CertificateError(_l("Choose the level of the council that assessed the product."), "assessing_level")
    if not nfc((details.issuing_body or "").strip()):
        raise CertificateError(_l("Enter the body that issued the certificate."), "issuing_body")
    if details.criteria_version not in CRITERIA_VERSIONS:
        raise CertificateError(_l("Choose the criteria the product was assessed against."), "criteria_version")
    if details.issued_on > today:
        raise CertificateError(_l("The issue date cannot be in the future."), "issued_on")
    if details.decision_date and details.decision_date > today:
        raise CertificateError(_l("The decision date cannot be in the future."), "decision_date")
    expires_on = details.expires_on or default_expiry(details.issued_on)
    check_dates(details.issued_on, expires_on)
    if expires_on < today:
        raise CertificateError(_l("This certificate has already expired: send the renewed one."), "expires_on")
    return expires_on


def pending_certificate(product):
    return db.session.scalar(
        sa.select(OcopCertificate).where(
            OcopCertificate.product_id == product.id, OcopCertificate.review_status == ReviewStatus.PENDING
        )
    )


def submit_certificate(product, details, scan_data, user, today=None):
    """A certificate for `product`, pending the council's review, with its scan stored.
    Raises CertificateError (with the form field) for bad input."""
    today = today or clock.today()
    if product.status == ProductStatus.ARCHIVED:
        raise CertificateError(_l("This product is archived. Restore it first."), "product")
    if pending_certificate(product) is not None:
        raise CertificateError(_l("A certificate of this product is already waiting for the council's review."), "product")
    expires_on = _check(details, today)
    if not scan_data:
        raise CertificateError(_l("Add the scan of the certificate (PDF or photo)."), "scan")
    try:
        scan_file = scans.save_scan(scan_data)
    except UploadError as error:
        raise CertificateError(error.message, "scan") from None
    certificate = OcopCertificate(
        product_id=product.id,
        stars=details.stars,
        score=details.score,
        assessing_level=AssessingLevel(details.assessing_level),
        issuing_body=nfc(details.issuing_body.strip()),
        decision_number=nfc((details.decision_number or "").strip()),
        decision_date=details.decision_date,
        certificate_number=nfc((details.certificate_number or "").strip()) or None,
        issued_on=details.issued_on,
        expires_on=expires_on,
        criteria_version=details.criteria_version,
        review_status=ReviewStatus.PENDING,
        scan_file=scan_file,
        submitted_by_id=user.id,
    )
    db.session.add(certificate)
    db.session.commit()
    return certificate


# ------------------------------------------------------------------------------------------
# The council's review


@dataclass
class Submission:
    """A pending certificate as the reviewer sees it, with what it would replace."""

    certificate: OcopCertificate
    current: OcopCertificate | None  # the product's approved certificate, if any

    @property
    def expires_before_current(self):
        return self.current is not None and self.certificate.expires_on < self.current.expires_on


def pending_submissions():
    """Certificates waiting for review, oldest first, with product, cooperative, sender and the
    certificate each would replace (3 queries, whatever the length of the queue)."""
    pending = db.session.scalars(
        sa.select(OcopCertificate)
        .where(OcopCertificate.review_status == ReviewStatus.PENDING)
        .options(
            joinedload(OcopCertificate.product).joinedload(Product.cooperative),
            joinedload(OcopCertificate.submitted_by),
        )
        .order_by(OcopCertificate.created_at, OcopCertificate.id)
    ).all()
    current = {}
    if pending:
        approved = db.session.scalars(
            sa.select(OcopCertificate)
            .where(
                OcopCertificate.review_status == ReviewStatus.APPROVED,
                OcopCertificate.product_id.in_({c.product_id for c in pending}),
            )
            .order_by(OcopCertificate.issued_on)
        )
        current = {c.product_id: c for c in approved}  # the latest issued wins
    return [Submission(c, current.get(c.product_id)) for c in pending]


def review_certificate(certificate, reviewer, approve, reason="", today=None):
    """Approve or reject a pending certificate (a rejection needs a reason); record the
    decision in the history and tell the cooperative's staff in the app and by email."""
    today = today or clock.today()
    decided = ReviewStatus.APPROVED if approve else ReviewStatus.REJECTED
    if not REVIEW.allows(certificate.review_status, decided):
        raise CertificateError(ALREADY_REVIEWED)
    reason = nfc((reason or "").strip())
    if not approve and not reason:
        raise CertificateError(_l("Say why it is not approved: the cooperative will read it."), "reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise CertificateError(_l("Use at most %(n)s characters.", n=MAX_REASON_LENGTH), "reason")
    now = clock.utcnow()
    if approve:
        # The rules again: the data may predate a rule, or have been entered elsewhere.
        check_stars_and_score(certificate.stars, certificate.score)
        check_dates(certificate.issued_on, certificate.expires_on)
    REVIEW.move(certificate, decided, reviewer, reason, review_reason=reason, reviewed_at=now, reviewed_by_id=reviewer.id)
    if approve:
        earlier = db.session.scalars(
            sa.select(OcopCertificate).where(
                OcopCertificate.product_id == certificate.product_id,
                OcopCertificate.review_status == ReviewStatus.APPROVED,
                OcopCertificate.id != certificate.id,
            )
        ).all()
        for old in earlier:
            REVIEW.move(old, ReviewStatus.SUPERSEDED, reviewer, replaced_by_id=certificate.id)
    product = certificate.product
    params = {"product": product.name_vi, "stars": certificate.stars, "expires_on": certificate.expires_on.isoformat()}
    if not approve:
        params["reason"] = reason
    notify(
        staff_of([product.cooperative_id]).get(product.cooperative_id, []),
        "certificate_approved" if approve else "certificate_rejected",
        link=_path("portal.certificates"),
        params=params,
        email=True,
    )
    db.session.commit()
    return certificate


def review_history(product_id=None, page=1, per_page=50):
    """The council's decisions, newest first (optionally of one product's certificates)."""
    query = (
        sa.select(CertificateReview)
        .join(CertificateReview.certificate)
        .options(
            joinedload(CertificateReview.certificate).joinedload(OcopCertificate.product).joinedload(Product.cooperative),
            joinedload(CertificateReview.reviewer),
            joinedload(CertificateReview.certificate).joinedload(OcopCertificate.replaced_by),
        )
        .order_by(CertificateReview.decided_at.desc(), CertificateReview.id.desc())
    )
    if product_id is not None:
        query = query.where(OcopCertificate.product_id == product_id)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


# ------------------------------------------------------------------------------------------
# Expiry


def reminder_threshold(days_left):
    """The reminder due when a certificate has `days_left` days of validity: the smallest of
    90/30/7 not below it (a missed run still sends the nearest one, never all three)."""
    due = [days for days in REMINDER_DAYS if days_left <= days]
    return min(due) if due else None


def remind_expiring(today=None, batch=None):
    """Remind the staff of every cooperative whose badge-giving certificate expires within 90
    days, once per certificate and threshold (90, 30, 7): running it again the same day, or
    every day, sends nothing twice. Products with a renewal waiting for review are skipped.
    Each certificate is its own transaction in `batch` (one that fails is left for the next
    run). Returns the notices sent."""
    today = today or clock.today()
    renewal_pending = (
        sa.select(OcopCertificate.id)
        .where(
            OcopCertificate.product_id == Product.id,
            OcopCertificate.review_status == ReviewStatus.PENDING,
        )
        .correlate(Product)
        .exists()
    )
    expiring = db.session.scalars(
        sa.select(OcopCertificate)
        .join(OcopCertificate.product)
        .where(
            OcopCertificate.review_status == ReviewStatus.APPROVED,
            OcopCertificate.stars >= CERTIFIED_MIN_STARS,
            OcopCertificate.expires_on.between(today, today + timedelta(days=max(REMINDER_DAYS))),
            Product.status != ProductStatus.ARCHIVED,
            ~renewal_pending,
        )
        .options(selectinload(OcopCertificate.product))
        .order_by(OcopCertificate.expires_on, OcopCertificate.id)
    ).all()
    staff = staff_of(c.product.cooperative_id for c in expiring) if expiring else {}
    sent = []
    batch = batch or Batch("certificates remind")
    for certificate in expiring:
        with batch.row(f"certificate {certificate.id}"):
            days_left = (certificate.expires_on - today).days
            threshold = reminder_threshold(days_left)
            product = certificate.product
            sent += notify(
                staff.get(product.cooperative_id, []),
                "certificate_expiring",
                link=_path("portal.certificate_new", product=product.id),
                params={
                    "product": product.name_vi,
                    "stars": certificate.stars,
                    "days": days_left,
                    "expires_on": certificate.expires_on.isoformat(),
                },
                email=True,
                dedupe_key=f"certificate-expiry:{certificate.id}:{threshold}",
            )
    return sent
