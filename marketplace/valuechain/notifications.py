"""Telling the right people: the kinds of notice the value chain sends, the staff who read
them, and `tell`, which sends a notice once the change it reports is committed (an outbox task)."""
import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from marketplace import jobs
from marketplace.accounts.models import User
from marketplace.distributors.models import DistributorMember
from marketplace.extensions import db
from marketplace.notices.services import absolute_url, notify, register_kind
from marketplace.producers.staff import staff_of

# Notices (rendered in each reader's language when read).
register_kind("valuechain.request_match", _l("A new sourcing request fits your products: %(title)s"),
              _l("Offers are taken until %(deadline)s."))
register_kind("valuechain.offer_received", _l("New offer on “%(title)s” from %(cooperative)s"))
register_kind("valuechain.offer_updated", _l("%(cooperative)s changed its offer on “%(title)s”"))
register_kind("valuechain.offer_withdrawn", _l("%(cooperative)s withdrew its offer on “%(title)s”"))
register_kind("valuechain.offer_shortlisted", _l("Your offer on “%(title)s” is shortlisted"))
register_kind("valuechain.offer_declined", _l("Your offer on “%(title)s” was declined"))
register_kind("valuechain.offer_accepted", _l("Your offer on “%(title)s” is accepted"),
              _l("It is now a partnership: see it under Partnerships."))
register_kind("valuechain.offer_message", _l("New message about the offer on “%(title)s”"))
register_kind("valuechain.offer_countered", _l("Counter-offer (revision %(number)s) on “%(title)s”"),
              _l("Accept it or answer with your own terms."))
register_kind("valuechain.counter_accepted", _l("%(cooperative)s accepted your counter-offer on “%(title)s”"),
              _l("It is now a partnership with a purchase order."))
register_kind("valuechain.samples_requested", _l("Samples asked for on “%(title)s”"),
              _l("A sample purchase order is waiting under Purchase orders."))
register_kind("valuechain.purchase_order_created", _l("New purchase order no. %(number)s: %(title)s"),
              _l("Confirm each delivery when you send it."))
register_kind("valuechain.delivery_shipped", _l("Delivery %(delivery)s of purchase order no. %(number)s is on its way"),
              _l("Confirm it received, with the quantity, when it arrives."))
register_kind("valuechain.delivery_received", _l("Delivery %(delivery)s of purchase order no. %(number)s was received"))
register_kind("valuechain.partnership_proposed", _l("%(distributor)s proposes a partnership"),
              _l("Accept or decline it under Partnerships."))
register_kind("valuechain.partnership_accepted", _l("%(cooperative)s accepted your partnership"))
register_kind("valuechain.partnership_declined", _l("%(cooperative)s declined your partnership"))
register_kind("valuechain.partnership_ended", _l("The partnership of %(distributor)s and %(cooperative)s has ended"))


def path(endpoint, **values):
    """The site path of a page, for notices and mail: works without a request (cron, tests)."""
    return current_app.url_map.bind("").build(endpoint, values)


def site_link(endpoint, **values):
    """An absolute link for mail sent by cron (SITE_URL + the page's path)."""
    return absolute_url(path(endpoint, **values))


def distributor_staff(distributor_id):
    return db.session.scalars(
        sa.select(User).join(DistributorMember, DistributorMember.user_id == User.id)
        .where(DistributorMember.distributor_id == distributor_id, User.deleted_at.is_(None))
        .order_by(User.id)
    ).all()


def tell_cooperative(cooperative_id, kind, link, params, but=None):
    """Notify the cooperative's staff (except the user id `but`) once the change is committed."""
    tell(kind, link, params, cooperative_ids=[cooperative_id], but=but)


def tell_distributor(distributor_id, kind, link, params, but=None):
    """Notify the company's staff (except the user id `but`) once the change is committed."""
    tell(kind, link, params, distributor_id=distributor_id, but=but)


def tell(kind, link, params, cooperative_ids=(), distributor_id=None, but=None, dedupe_key=None):
    """Within the change's transaction: once it commits, notify the staff of the cooperatives
    and of the company (each person once, except the user id `but`). Nobody hears of a change
    that was rolled back (a refusal, or the loser of two people acting at once). Pass ids and
    plain values: it is an outbox task, run by the job worker."""
    jobs.defer(send_notices, kind=kind, link=link, params=params, cooperative_ids=list(cooperative_ids),
               distributor_id=distributor_id, but=but, dedupe_key=dedupe_key)


@jobs.task
def send_notices(kind, link, params, cooperative_ids, distributor_id, but, dedupe_key):
    people = {u.id: u for users in staff_of(cooperative_ids).values() for u in users} if cooperative_ids else {}
    if distributor_id is not None:
        people.update((u.id, u) for u in distributor_staff(distributor_id))
    notify([u for u in people.values() if u.id != but], kind, link=link, params=params, dedupe_key=dedupe_key)
