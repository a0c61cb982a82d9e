"""The certificate each product shows, kept on the product row.

Which certificate a product shows depends on the day (a badge shows only from issue to expiry),
so computing it is a subquery per product — the largest cost of a listing at national scale.
Each product therefore stores the certificate it shows (`shown_certificate_id`) and the last day
that choice holds (`shown_through`: the shown badge's expiry, or the day before another approved
3★+ certificate takes effect), and its stars (`shown_stars`, by which listings are ordered with
an index). They are refreshed in the same transaction as every certificate
change and daily (`flask certificates refresh-shown`, run by the scheduler); a row not refreshed
in time falls back to the subquery, so a page never shows a badge that is no longer valid (only
its place in a listing ordered by stars may lag until the refresh).
"""
import functools
from collections import defaultdict
from datetime import date, timedelta

import sqlalchemy as sa

from marketplace import clock
from marketplace.catalog.models import CERTIFIED_MIN_STARS, OcopCertificate, Product, ReviewStatus
from marketplace.extensions import db

# `shown_through` when nothing known ahead can change the choice.
FOREVER = date(9999, 12, 31)
BATCH = 1000


def choose(certificates, today):
    """(the certificate shown on `today` or None, the last day that holds) from a product's
    certificates: its best valid badge, else an approved 1–2★ (potential) rating."""
    approved = [c for c in certificates if c.review_status == ReviewStatus.APPROVED]
    candidates = [c for c in approved if c.grants_badge(today) or c.rates_potential]
    shown = max(candidates, key=lambda c: (c.stars, c.issued_on, c.id), default=None)
    through = FOREVER
    if shown is not None and shown.stars >= CERTIFIED_MIN_STARS:
        through = shown.expires_on
    starting = [c.issued_on for c in approved if c.stars >= CERTIFIED_MIN_STARS and c.issued_on > today]
    if starting:
        through = min(through, min(starting) - timedelta(days=1))
    return shown, through


def _computed_id(today):
    """Correlated subquery: the same choice as `choose`, in SQL."""
    cert = sa.orm.aliased(OcopCertificate)
    return (
        sa.select(cert.id)
        .where(cert.product_id == Product.id, sa.or_(cert.grants_badge(today), cert.rates_potential))
        .order_by(cert.stars.desc(), cert.issued_on.desc(), cert.id.desc())
        .limit(1)
        .correlate(Product)
        .scalar_subquery()
    )


@functools.lru_cache(maxsize=4)
def shows_certificate(today):
    """Join condition of OcopCertificate to the Product it is shown on, on `today` (a date or a
    bind parameter). Built once a day: building it costs more than running it on a page."""
    shown_id = sa.case((Product.shown_through >= today, Product.shown_certificate_id), else_=_computed_id(today))
    # The stored choice is trusted for dates only; a certificate no longer approved never shows.
    return sa.and_(OcopCertificate.id == shown_id, OcopCertificate.review_status == ReviewStatus.APPROVED)


def refresh(product_ids=None, today=None, progress=None):
    """Store what each product (all when `product_ids` is None) shows on `today`. Returns how many
    products were refreshed; `progress(n)` is told after each batch."""
    today = today or clock.today()
    if product_ids is None:
        product_ids = db.session.scalars(sa.select(Product.id).order_by(Product.id)).all()
    product_ids = sorted(set(product_ids))
    table = Product.__table__
    statement = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("pid"))
        # Keep updated_at: what the product says has not changed.
        .values(shown_certificate_id=sa.bindparam("cid"), shown_through=sa.bindparam("through"),
                shown_stars=sa.bindparam("stars"), updated_at=table.c.updated_at)
    )
    for start in range(0, len(product_ids), BATCH):
        batch = product_ids[start:start + BATCH]
        by_product = defaultdict(list)
        for certificate in db.session.scalars(
            sa.select(OcopCertificate).where(OcopCertificate.product_id.in_(batch))
            .execution_options(populate_existing=True)
        ):
            by_product[certificate.product_id].append(certificate)
        rows = []
        for pid in batch:
            shown, through = choose(by_product[pid], today)
            rows.append({"pid": pid, "cid": shown.id if shown else None, "through": through,
                         "stars": shown.stars if shown else 0})
        db.session.execute(statement, rows)
        if progress:
            progress(len(batch))
    return len(product_ids)


def stale_products(today=None):
    """Products whose stored choice no longer holds (the daily refresh's work)."""
    today = today or clock.today()
    return db.session.scalars(
        sa.select(Product.id).where(sa.or_(Product.shown_through.is_(None), Product.shown_through < today))
    ).all()


# Keep the stored choice in step within the transaction that changes a certificate: objects
# flushed (added, changed, deleted) and status moves made by UPDATE statements (statemachine).
_STALE = "catalog.shown.stale"
_MOVED = "catalog.shown.moved"


@sa.event.listens_for(db.session, "after_flush")
def _note_flushed(session, flush_context):
    ids = {obj.product_id for obj in (*session.new, *session.dirty, *session.deleted)
           if isinstance(obj, OcopCertificate)}
    if ids:
        session.info.setdefault(_STALE, set()).update(ids)


@sa.event.listens_for(db.session, "do_orm_execute")
def _note_statement(state):
    if (state.is_update or state.is_delete) and state.bind_mapper is sa.inspect(OcopCertificate):
        state.session.info[_MOVED] = True


@sa.event.listens_for(db.session, "before_commit")
def _refresh_noted(session):
    session.flush()
    ids = session.info.pop(_STALE, set())
    if session.info.pop(_MOVED, False):
        # The statement's rows are not known here; the certificates it moved are loaded.
        ids |= {obj.product_id for obj in session.identity_map.values() if isinstance(obj, OcopCertificate)}
    if ids:
        refresh(ids)


@sa.event.listens_for(db.session, "after_rollback")
def _forget_noted(session):
    session.info.pop(_STALE, None)
    session.info.pop(_MOVED, None)
