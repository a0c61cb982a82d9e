"""The digest (cron): mail each cooperative's staff the sourcing requests that newly fit it."""
from collections import defaultdict

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, gettext as _, ngettext
from sqlalchemy.orm import joinedload

from marketplace import clock, unitofwork
from marketplace.batch import Batch
from marketplace.extensions import db
from marketplace.mail import send_mail
from marketplace.producers.models import Cooperative
from marketplace.valuechain import labels, matching
from marketplace.valuechain.checks import today_or
from marketplace.valuechain.models import MatchNotification, SourcingRequest
from marketplace.producers.staff import staff_of
from marketplace.valuechain.notifications import site_link
from marketplace.valuechain.sourcing import announce_matches, close_past_deadlines


def send_digest(today=None, batch=None):
    """Mail each cooperative's staff the requests that newly fit it since the last digest.

    First closes requests past their deadline and announces matches that appeared since
    publication (a product certified later); then every (request, cooperative) match not
    mailed yet goes into one mail per staff member, in their language. Running it again
    mails nothing new; a cooperative whose mail fails is rolled back and tried again next
    time (each is its own transaction in `batch`). Returns the number of mails sent."""
    today = today_or(today)
    close_past_deadlines(today)
    for request in db.session.scalars(
        sa.select(SourcingRequest).where(SourcingRequest.takes_offers(today))
        .options(joinedload(SourcingRequest.category))
    ).all():
        announce_matches(request, today)
    unitofwork.commit()

    pending = db.session.execute(
        sa.select(MatchNotification)
        .join(SourcingRequest, SourcingRequest.id == MatchNotification.request_id)
        .where(MatchNotification.emailed_at.is_(None), SourcingRequest.takes_offers(today))
        .order_by(MatchNotification.cooperative_id, MatchNotification.id)
    ).scalars().all()
    by_cooperative = defaultdict(list)
    for row in pending:
        by_cooperative[row.cooperative_id].append(row)
    staff = staff_of(list(by_cooperative))
    sent = 0
    batch = batch or Batch("valuechain digest")
    for cooperative_id, rows in by_cooperative.items():
        with batch.row(f"cooperative {cooperative_id}"):  # one cooperative failing stops no other
            cooperative = db.session.get(Cooperative, cooperative_id)
            matches = matching.recommended_requests(cooperative, today, [r.request_id for r in rows])
            mails = []
            for user in staff.get(cooperative_id, []) if matches else []:
                with force_locale(user.language or current_app.config["BABEL_DEFAULT_LOCALE"]):
                    mails.append((user.email, *_digest_mail(cooperative, matches)))
            now = clock.utcnow()
            for row in rows:
                row.emailed_at = now
            # Sent inside the row's transaction: a mail that fails rolls the row back, so the
            # next run tries it again (the outbox will make this exactly-once).
            _send(mails)
            sent += len(mails)
    return sent


def _send(mails):
    for to, subject, body in mails:
        send_mail(to, subject, body)


def _digest_mail(cooperative, matches):
    subject = ngettext("%(num)s new sourcing request fits %(name)s",
                       "%(num)s new sourcing requests fit %(name)s", len(matches), name=cooperative.name)
    lines = [_("These sourcing requests fit your products:"), ""]
    for match in matches:
        request = match.request
        lines += [
            f"• {request.title}",
            "  " + _("%(quantity)s %(period)s · offers until %(deadline)s",
                     quantity=labels.quantity(request.quantity, request.unit),
                     period=labels.per_period(request.frequency), deadline=request.deadline.strftime("%d/%m/%Y")),
            "  " + _("Why: %(reasons)s", reasons=match.reason_text()),
            "  " + site_link("valuechain.request_detail", request_id=request.id),
            "",
        ]
    lines += [_("All requests recommended for you:"), site_link("valuechain.recommended"),
              "", "-- ", _("OCOP Bến Tre marketplace")]
    return subject, "\n".join(lines)

