"""The value chain's rules: company profiles, sourcing requests, offers, their threads,
partnerships, and telling the right people. Plain functions that own their transaction and
raise ValueChainError (with the offending field) when a rule refuses.

Who may call what (approved organisations, own objects) is checked by the views through
marketplace.accounts.authz; the services check again what must hold whatever the caller:
approval (`check_can_publish`), ownership of offered products, and every state change.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, gettext as _, lazy_gettext as _l, ngettext
from sqlalchemy.orm import joinedload, selectinload

from marketplace import clock, places
from marketplace.accounts.models import User
from marketplace.accounts.services import normalise_email, normalise_phone
from marketplace.catalog.models import OcopCategory, OcopCertificate, Product, ProductStatus
from marketplace.catalog.ocop_categories import CATEGORIES_148_2023
from marketplace.extensions import db
from marketplace.mail import send_mail
from marketplace.notices.services import absolute_url, notify, register_kind
from marketplace.pagination import Page
from marketplace.distributors.models import DistributorCompany, DistributorMember
from marketplace.producers.models import ApprovalStatus, Cooperative
from marketplace.producers.organisations import check_can_publish
from marketplace.producers.staff import staff_of
from marketplace.text import nfc
from marketplace.valuechain import geo, labels, matching
from marketplace.valuechain.models import (
    DECLARED_CERTIFICATIONS,
    Certification,
    CooperativeCertification,
    DeliveryTerm,
    Frequency,
    MatchNotification,
    Offer,
    OfferMessage,
    OfferStatus,
    Partnership,
    PartnershipStatus,
    ProductCapacity,
    RequestStatus,
    SourcingRequest,
    Unit,
    ValueChainError,
)

MAX_QUANTITY = 10**12
MAX_PRICE = 10**12
MAX_LEAD_DAYS = 365
GROUP_CODES = tuple(code for code, parent, *_ in CATEGORIES_148_2023 if parent is None)

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
register_kind("valuechain.partnership_proposed", _l("%(distributor)s proposes a partnership"),
              _l("Accept or decline it under Partnerships."))
register_kind("valuechain.partnership_accepted", _l("%(cooperative)s accepted your partnership"))
register_kind("valuechain.partnership_declined", _l("%(cooperative)s declined your partnership"))
register_kind("valuechain.partnership_ended", _l("The partnership of %(distributor)s and %(cooperative)s has ended"))


def path(endpoint, **values):
    """The site path of a page, for notices and mail: works without a request (cron, tests)."""
    return current_app.url_map.bind("").build(endpoint, values)


def _today(today):
    return today or clock.today()


def _text(value, limit, field_name, required=None):
    """Stripped NFC text of at most `limit` characters; `required` is the message when empty."""
    value = nfc((value or "").strip())
    if required and not value:
        raise ValueChainError(required, field_name)
    if len(value) > limit:
        raise ValueChainError(_("Use at most %(num)s characters.", num=limit), field_name)
    return value


def _whole(value, field_name, low=1, high=MAX_QUANTITY, message=None):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueChainError(message or _("Enter a whole number of at least %(num)s.", num=low), field_name)
    return value


def _enum(enum_class, value, field_name):
    try:
        return enum_class(value)
    except ValueError:
        raise ValueChainError(_("Choose one of the options."), field_name) from None


# ---------------------------------------------------------------------------------------
# Staff to notify


def distributor_staff(distributor_id):
    return db.session.scalars(
        sa.select(User).join(DistributorMember, DistributorMember.user_id == User.id)
        .where(DistributorMember.distributor_id == distributor_id, User.deleted_at.is_(None))
        .order_by(User.id)
    ).all()


# ---------------------------------------------------------------------------------------
# Distributor companies


@dataclass
class CompanyProfile:
    description: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    website: str = ""
    market_provinces: list = field(default_factory=list)
    export_countries: list = field(default_factory=list)
    groups_sought: list = field(default_factory=list)
    certifications_required: list = field(default_factory=list)


def update_company_profile(company, profile):
    """Check and save what the public profile of `company` says."""
    description = _text(profile.description, 5000, "description")
    contact_name = _text(profile.contact_name, 100, "contact_name")
    phone = ""
    if (profile.contact_phone or "").strip():
        try:
            phone = normalise_phone(profile.contact_phone)
        except ValueError:
            raise ValueChainError(_("Enter a Vietnamese phone number, e.g. 0912 345 678."), "contact_phone") from None
    email = normalise_email(profile.contact_email or "")
    if email and ("@" not in email or len(email) > 254):
        raise ValueChainError(_("Enter an email address like name@example.com."), "contact_email")
    website = (profile.website or "").strip()
    if website and (not website.startswith(("https://", "http://")) or len(website) > 200 or " " in website):
        raise ValueChainError(_("Enter a web address starting with https://"), "website")
    provinces = sorted(set(profile.market_provinces))
    if any(not isinstance(code, int) or places.province(code) is None for code in provinces):
        raise ValueChainError(_("Choose provinces from the list."), "market_provinces")
    countries = sorted(set(profile.export_countries))
    if any(code not in labels.country_names() for code in countries):
        raise ValueChainError(_("Choose countries from the list."), "export_countries")
    groups = sorted(set(profile.groups_sought))
    if any(code not in GROUP_CODES for code in groups):
        raise ValueChainError(_("Choose OCOP groups from the list."), "groups_sought")
    certifications = [_enum(Certification, c, "certifications_required").value
                      for c in dict.fromkeys(profile.certifications_required)]
    company.description, company.contact_name, company.contact_phone = description, contact_name, phone
    company.contact_email, company.website = email, website
    company.market_provinces, company.export_countries = provinces, countries
    company.groups_sought, company.certifications_required = groups, certifications
    db.session.commit()


def approved_distributors():
    return db.session.scalars(
        sa.select(DistributorCompany).where(DistributorCompany.status == ApprovalStatus.APPROVED)
        .order_by(DistributorCompany.name)
    ).all()


def get_public_distributor(slug):
    return db.session.scalar(
        sa.select(DistributorCompany).where(DistributorCompany.slug == slug,
                                            DistributorCompany.status == ApprovalStatus.APPROVED)
    )


def distributor_page_data(company, today=None):
    """What the public profile shows besides the company: its open requests that are not
    anonymous and its public partnerships (2 queries + the partnerships' products)."""
    today = _today(today)
    requests = db.session.scalars(
        sa.select(SourcingRequest)
        .where(SourcingRequest.distributor_id == company.id, SourcingRequest.takes_offers(today),
               SourcingRequest.anonymous.is_(False))
        .options(joinedload(SourcingRequest.category))
        .order_by(SourcingRequest.deadline)
    ).all()
    partnerships = db.session.scalars(
        _public_partnerships().where(Partnership.distributor_id == company.id)
    ).all()
    return requests, partnerships


# ---------------------------------------------------------------------------------------
# What cooperatives declare: certifications and capacity


def cooperative_certifications(cooperative):
    return db.session.scalars(
        sa.select(CooperativeCertification).where(CooperativeCertification.cooperative_id == cooperative.id)
        .order_by(CooperativeCertification.kind, CooperativeCertification.valid_until.desc())
    ).all()


def add_certification(cooperative, kind, reference, valid_until, today=None):
    kind = _enum(Certification, kind, "kind")
    if kind not in DECLARED_CERTIFICATIONS:
        raise ValueChainError(_("OCOP ratings come from the products' certificates."), "kind")
    reference = _text(reference, 100, "reference")
    if not isinstance(valid_until, date):
        raise ValueChainError(_("Enter the date it is valid until."), "valid_until")
    if valid_until < _today(today):
        raise ValueChainError(_("This certification has expired: enter one that is still valid."), "valid_until")
    certification = CooperativeCertification(
        cooperative_id=cooperative.id, kind=kind, reference=reference, valid_until=valid_until
    )
    db.session.add(certification)
    db.session.commit()
    return certification


def remove_certification(certification):
    db.session.delete(certification)
    db.session.commit()


def supply_products(cooperative):
    """The cooperative's products (not archived) with their declared capacity, by name."""
    return db.session.execute(
        sa.select(Product, ProductCapacity)
        .outerjoin(ProductCapacity, ProductCapacity.product_id == Product.id)
        .where(Product.cooperative_id == cooperative.id, Product.status != ProductStatus.ARCHIVED)
        .order_by(Product.name_vi)
    ).all()


def set_capacity(cooperative, product_id, monthly_quantity, unit):
    """Declare (or, with no quantity, forget) how much of a product is supplied per month."""
    product = db.session.get(Product, product_id) if isinstance(product_id, int) else None
    if product is None or product.cooperative_id != cooperative.id:
        raise ValueChainError(_("Choose one of your own products."), "product_id")
    capacity = db.session.get(ProductCapacity, product.id)
    if monthly_quantity is None:
        if capacity is not None:
            db.session.delete(capacity)
        db.session.commit()
        return None
    monthly_quantity = _whole(monthly_quantity, "monthly_quantity",
                              message=_("The quantity must be a whole number above 0."))
    unit = _enum(Unit, unit, "unit")
    if capacity is None:
        capacity = ProductCapacity(product_id=product.id, monthly_quantity=monthly_quantity, unit=unit)
        db.session.add(capacity)
    else:
        capacity.monthly_quantity, capacity.unit = monthly_quantity, unit
    db.session.commit()
    return capacity


# ---------------------------------------------------------------------------------------
# Sourcing requests


@dataclass
class RequestDetails:
    """What a distributor writes in a sourcing request (checked by `_check_request`)."""

    title: str
    category_id: int | None
    quantity: int | None
    unit: str
    frequency: str
    delivery_term: str
    delivery_province_code: int | None
    deadline: date | None
    specification: str = ""
    period_start: date | None = None
    period_end: date | None = None
    target_price_min: int | None = None
    target_price_max: int | None = None
    min_stars: int | None = 3
    certifications: list = field(default_factory=list)
    packaging: str = ""
    anonymous: bool = False


def _check_request(details, today):
    """The checked values of `details`, as SourcingRequest column -> value."""
    title = _text(details.title, 200, "title", required=_("Enter a title."))
    category = db.session.get(OcopCategory, details.category_id) if isinstance(details.category_id, int) else None
    if category is None:
        raise ValueChainError(_("Choose an OCOP group or sub-group."), "category_id")
    quantity = _whole(details.quantity, "quantity", message=_("The quantity must be a whole number above 0."))
    if details.period_start and details.period_end and details.period_end < details.period_start:
        raise ValueChainError(_("The period cannot end before it starts."), "period_end")
    low, high = details.target_price_min, details.target_price_max
    for value, name in ((low, "target_price_min"), (high, "target_price_max")):
        if value is not None:
            _whole(value, name, low=0 if name == "target_price_min" else 1, high=MAX_PRICE,
                   message=_("Enter a price in whole đồng, e.g. 85.000."))
    if low is not None and high is not None and low > high:
        raise ValueChainError(_("The lowest price cannot be above the highest."), "target_price_max")
    min_stars = details.min_stars
    if isinstance(min_stars, bool) or not isinstance(min_stars, int) or not 1 <= min_stars <= 5:
        raise ValueChainError(_("Minimum stars must be between 1 and 5."), "min_stars")
    certifications = [_enum(Certification, c, "certifications").value for c in dict.fromkeys(details.certifications)]
    province = places.province(details.delivery_province_code)
    if province is None:
        raise ValueChainError(_("Choose the province to deliver to."), "delivery_province_code")
    if not isinstance(details.deadline, date):
        raise ValueChainError(_("Enter the deadline for offers."), "deadline")
    if details.deadline < today:
        raise ValueChainError(_("The deadline cannot be in the past."), "deadline")
    return {
        "title": title,
        "category_id": category.id,
        "specification": _text(details.specification, 5000, "specification"),
        "quantity": quantity,
        "unit": _enum(Unit, details.unit, "unit"),
        "frequency": _enum(Frequency, details.frequency, "frequency"),
        "period_start": details.period_start,
        "period_end": details.period_end,
        "target_price_min": low,
        "target_price_max": high,
        "min_stars": min_stars,
        "certifications": certifications,
        "packaging": _text(details.packaging, 200, "packaging"),
        "delivery_term": _enum(DeliveryTerm, details.delivery_term, "delivery_term"),
        "delivery_province_code": province.code,
        "delivery_province_name": province.name,
        "deadline": details.deadline,
        "anonymous": bool(details.anonymous),
    }


def create_request(company, user, details, publish=False, today=None):
    """A new request of `company`: a draft, or open at once with `publish`."""
    today = _today(today)
    check_can_publish(company)
    values = _check_request(details, today)
    request = SourcingRequest(distributor_id=company.id, created_by_id=user.id if user else None, **values)
    db.session.add(request)
    db.session.flush()
    if publish:
        _publish(request, today)
    db.session.commit()
    return request


def update_request(request, details, today=None):
    """Change a draft (an open request keeps the terms producers offered on)."""
    today = _today(today)
    if request.status != RequestStatus.DRAFT:
        raise ValueChainError(_("Only a draft can be changed. Close this request and post a new one instead."))
    for name, value in _check_request(details, today).items():
        setattr(request, name, value)
    db.session.commit()
    return request


def _publish(request, today):
    if request.deadline < today:
        raise ValueChainError(_("The deadline cannot be in the past."), "deadline")
    check_can_publish(request.distributor)
    request.move_to(RequestStatus.OPEN, today)
    request.published_at = clock.utcnow()
    db.session.flush()
    announce_matches(request, today)


def publish_request(request, today=None):
    """Open a draft to offers; the cooperatives that fit it are told."""
    _publish(request, _today(today))
    db.session.commit()


def close_request(request, today=None):
    """The buyer stops taking offers before the deadline."""
    request.move_to(RequestStatus.CLOSED, _today(today))
    request.closed_at = clock.utcnow()
    db.session.commit()


def close_past_deadlines(today=None):
    """Write down that open requests past their deadline are closed. Returns how many."""
    result = db.session.execute(
        sa.update(SourcingRequest)
        .where(SourcingRequest.status == RequestStatus.OPEN, SourcingRequest.deadline < _today(today))
        .values(status=RequestStatus.CLOSED, closed_at=clock.utcnow())
    )
    db.session.commit()
    return result.rowcount


def announce_matches(request, today=None):
    """Tell each cooperative that fits `request` (and was not told yet) with an in-app
    notice to its staff; the digest mails them later. Joins the caller's transaction."""
    today = _today(today)
    matches = matching.match_cooperatives(request, today)
    told = set(db.session.scalars(
        sa.select(MatchNotification.cooperative_id).where(MatchNotification.request_id == request.id)
    ))
    new = [m for m in matches if m.cooperative.id not in told]
    staff = staff_of([m.cooperative.id for m in new])
    link = path("valuechain.request_detail", request_id=request.id)
    for match in new:
        db.session.add(MatchNotification(request_id=request.id, cooperative_id=match.cooperative.id, score=match.score))
        notify(staff.get(match.cooperative.id, []), "valuechain.request_match", link=link,
               params={"title": request.title, "deadline": request.deadline.strftime("%d/%m/%Y")},
               dedupe_key=f"sourcing-match:{request.id}")
    db.session.flush()
    return new


def request_for_viewer(request_id, company=None):
    """The request with this id as `company` (the viewer's, or None) may see it: drafts
    only by their own company. None otherwise."""
    request = db.session.scalar(
        sa.select(SourcingRequest).where(SourcingRequest.id == request_id)
        .options(joinedload(SourcingRequest.category), joinedload(SourcingRequest.distributor))
    )
    if request is None:
        return None
    if request.status == RequestStatus.DRAFT and (company is None or company.id != request.distributor_id):
        return None
    return request


@dataclass(frozen=True)
class RequestFilters:
    group: str = ""
    min_stars: int | None = None
    province: int | None = None
    frequency: str = ""
    closes_within: int | None = None  # days


CLOSES_WITHIN_DAYS = (7, 14, 30, 90)


def parse_request_filters(args):
    """Filters of /sourcing from query arguments; unknown values are ignored."""
    def number(name, allowed):
        try:
            value = int(args.get(name, ""))
        except ValueError:
            return None
        return value if value in allowed else None

    group = args.get("group", "")
    frequency = args.get("frequency", "")
    province = number("province", {p.code for p in places.provinces()})
    return RequestFilters(
        group=group if group in GROUP_CODES else "",
        min_stars=number("min_stars", range(1, 6)),
        province=province,
        frequency=frequency if frequency in {f.value for f in Frequency} else "",
        closes_within=number("closes_within", CLOSES_WITHIN_DAYS),
    )




def open_requests(filters=RequestFilters(), page=1, per_page=20, today=None):
    """Open requests matching `filters`, closing soonest first (2 queries)."""
    today = _today(today)
    query = sa.select(SourcingRequest).join(SourcingRequest.category).where(SourcingRequest.takes_offers(today))
    if filters.group:
        query = query.where(OcopCategory.group_code == filters.group)
    if filters.min_stars:
        # "at least N stars": requests a producer with N stars can answer
        query = query.where(SourcingRequest.min_stars <= filters.min_stars)
    if filters.province:
        query = query.where(SourcingRequest.delivery_province_code == filters.province)
    if filters.frequency:
        query = query.where(SourcingRequest.frequency == filters.frequency)
    if filters.closes_within:
        query = query.where(SourcingRequest.deadline <= date.fromordinal(today.toordinal() + filters.closes_within))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.with_only_columns(SourcingRequest.id).subquery()))
    items = db.session.scalars(
        query.options(joinedload(SourcingRequest.category), joinedload(SourcingRequest.distributor))
        .order_by(SourcingRequest.deadline, SourcingRequest.id)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return Page(items, page, per_page, total)


def company_requests(company):
    """All requests of `company`, newest first, each with its count of live offers (1 query)."""
    live = (
        sa.select(sa.func.count(Offer.id))
        .where(Offer.request_id == SourcingRequest.id, Offer.status != OfferStatus.WITHDRAWN)
        .correlate(SourcingRequest).scalar_subquery()
    )
    return db.session.execute(
        sa.select(SourcingRequest, live)
        .where(SourcingRequest.distributor_id == company.id)
        .options(joinedload(SourcingRequest.category))
        .order_by(SourcingRequest.created_at.desc(), SourcingRequest.id.desc())
    ).all()


# ---------------------------------------------------------------------------------------
# Offers


@dataclass
class OfferDetails:
    product_ids: list
    unit_price: int | None
    quantity_per_period: int | None
    lead_time_days: int | None
    valid_until: date | None
    sample_available: bool = False
    message: str = ""
    show_if_accepted: bool = False


def _published_products_of(cooperative, product_ids, none_chosen, not_theirs):
    """The chosen products, each one published by `cooperative`; else an error on product_ids."""
    ids = {i for i in product_ids if isinstance(i, int)}
    if not ids or len(ids) != len(product_ids):
        raise ValueChainError(none_chosen, "product_ids")
    products = db.session.scalars(sa.select(Product).where(Product.id.in_(ids))).all()
    if len(products) != len(ids) or any(
        p.cooperative_id != cooperative.id or p.status != ProductStatus.PUBLISHED for p in products
    ):
        raise ValueChainError(not_theirs, "product_ids")
    return products


def _check_offer(request, cooperative, details, today):
    if not request.takes_offers(today):
        raise ValueChainError(_("This request no longer takes offers."))
    products = _published_products_of(cooperative, details.product_ids, _("Choose at least one of your products."),
                                       _("Offer only your own published products."))
    price = _whole(details.unit_price, "unit_price", high=MAX_PRICE,
                   message=_("Enter a price in whole đồng above 0, e.g. 85.000."))
    quantity = _whole(details.quantity_per_period, "quantity_per_period",
                      message=_("The quantity must be a whole number above 0."))
    lead = _whole(details.lead_time_days, "lead_time_days", low=0, high=MAX_LEAD_DAYS,
                  message=_("Enter the lead time in days, from 0 to %(num)s.", num=MAX_LEAD_DAYS))
    if not isinstance(details.valid_until, date):
        raise ValueChainError(_("Enter the date the offer is valid until."), "valid_until")
    if details.valid_until < today:
        raise ValueChainError(_("The offer cannot be valid only until a past date."), "valid_until")
    return products, {
        "unit_price": price,
        "quantity_per_period": quantity,
        "lead_time_days": lead,
        "valid_until": details.valid_until,
        "sample_available": bool(details.sample_available),
        "message": _text(details.message, 4000, "message"),
        "show_if_accepted": bool(details.show_if_accepted),
    }


def current_offer(request, cooperative):
    """The cooperative's live or accepted offer on `request`, else its latest one, or None."""
    offers = db.session.scalars(
        sa.select(Offer).where(Offer.request_id == request.id, Offer.cooperative_id == cooperative.id)
        .options(selectinload(Offer.products))
        .order_by(Offer.created_at.desc(), Offer.id.desc())
    ).all()
    standing = [o for o in offers if o.status in (OfferStatus.SUBMITTED, OfferStatus.SHORTLISTED, OfferStatus.ACCEPTED)]
    return (standing or offers or [None])[0]


def cooperative_offers(cooperative):
    """The cooperative's offers with their requests, newest first (1 query)."""
    return db.session.scalars(
        sa.select(Offer).where(Offer.cooperative_id == cooperative.id)
        .options(joinedload(Offer.request).joinedload(SourcingRequest.distributor))
        .order_by(Offer.created_at.desc(), Offer.id.desc())
    ).all()


def _offer_params(offer):
    return {"title": offer.request.title, "cooperative": offer.cooperative.name}


def _offer_link(offer):
    return path("valuechain.offer_thread", offer_id=offer.id)


def submit_offer(request, cooperative, user, details, today=None):
    """A cooperative's offer on an open request: one live offer each."""
    today = _today(today)
    check_can_publish(cooperative)
    existing = current_offer(request, cooperative)
    if existing is not None and existing.status in (OfferStatus.SUBMITTED, OfferStatus.SHORTLISTED):
        raise ValueChainError(_("You already have an offer on this request: change that one instead."))
    if existing is not None and existing.status == OfferStatus.ACCEPTED:
        raise ValueChainError(_("Your offer on this request was already accepted."))
    products, values = _check_offer(request, cooperative, details, today)
    offer = Offer(request=request, cooperative=cooperative, created_by_id=user.id if user else None,
                  products=products, **values)
    db.session.add(offer)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:  # two submissions at once: the unique live-offer index decides
        db.session.rollback()
        raise ValueChainError(_("You already have an offer on this request: change that one instead.")) from None
    notify(distributor_staff(request.distributor_id), "valuechain.offer_received",
           link=_offer_link(offer), params=_offer_params(offer))
    db.session.commit()
    return offer


def update_offer(offer, details, today=None):
    """Change a live offer while the request takes offers."""
    today = _today(today)
    if not offer.is_live:
        raise ValueChainError(_("Only a live offer can be changed."))
    products, values = _check_offer(offer.request, offer.cooperative, details, today)
    offer.products = products
    for name, value in values.items():
        setattr(offer, name, value)
    notify(distributor_staff(offer.request.distributor_id), "valuechain.offer_updated",
           link=_offer_link(offer), params=_offer_params(offer))
    db.session.commit()
    return offer


def withdraw_offer(offer):
    offer.move_to(OfferStatus.WITHDRAWN)
    notify(distributor_staff(offer.request.distributor_id), "valuechain.offer_withdrawn",
           link=path("valuechain.compare_offers", request_id=offer.request_id), params=_offer_params(offer))
    db.session.commit()


def _tell_cooperative(offer, kind):
    notify(staff_of([offer.cooperative_id])[offer.cooperative_id], kind,
           link=_offer_link(offer), params=_offer_params(offer))


def shortlist_offer(offer):
    offer.move_to(OfferStatus.SHORTLISTED)
    _tell_cooperative(offer, "valuechain.offer_shortlisted")
    db.session.commit()


def decline_offer(offer):
    offer.move_to(OfferStatus.DECLINED)
    _tell_cooperative(offer, "valuechain.offer_declined")
    db.session.commit()


def accept_offer(offer, user, today=None, shown=False):
    """Accept an offer: the request is awarded (more offers may still be accepted) and the
    offer becomes an active partnership on its terms. `shown` is the buyer's consent to show
    it publicly; the cooperative gave (or not) its own with the offer."""
    today = _today(today)
    request = offer.request
    offer.move_to(OfferStatus.ACCEPTED)
    if request.status_on(today) != RequestStatus.AWARDED:
        request.move_to(RequestStatus.AWARDED, today)
        request.closed_at = request.closed_at or clock.utcnow()
    starts_on = max(today, request.period_start or today)
    ends_on = request.period_end if request.period_end and request.period_end >= starts_on else None
    partnership = Partnership(
        distributor_id=request.distributor_id, cooperative_id=offer.cooperative_id, offer=offer,
        proposed_by_id=user.id if user else None, unit_price=offer.unit_price, unit=request.unit,
        volume_per_period=offer.quantity_per_period, frequency=request.frequency,
        starts_on=starts_on, ends_on=ends_on, products=list(offer.products),
        status=PartnershipStatus.ACTIVE, activated_at=clock.utcnow(),
        shown_by_distributor=bool(shown), shown_by_cooperative=offer.show_if_accepted,
    )
    db.session.add(partnership)
    _tell_cooperative(offer, "valuechain.offer_accepted")
    db.session.commit()
    return partnership


@dataclass
class OfferRow:
    """One offer as the buyer compares it with the others."""

    offer: Offer
    stars: int | None
    valid_to: date | None
    certifications: list
    distance_km: float | None


def offers_for_comparison(request, today=None):
    """The offers on `request` (withdrawn ones left out), cheapest first, with the stars of
    the offered products, the cooperative's valid certifications and its distance (4 queries)."""
    today = _today(today)
    offers = db.session.scalars(
        sa.select(Offer).where(Offer.request_id == request.id, Offer.status != OfferStatus.WITHDRAWN)
        .options(joinedload(Offer.cooperative), selectinload(Offer.products))
        .order_by(Offer.unit_price, Offer.id)
    ).all()
    product_ids = {p.id for o in offers for p in o.products}
    best = {}
    if product_ids:
        for product_id, stars, expires_on in db.session.execute(
            sa.select(OcopCertificate.product_id, OcopCertificate.stars, OcopCertificate.expires_on)
            .where(OcopCertificate.product_id.in_(product_ids), OcopCertificate.grants_badge(today))
        ):
            if product_id not in best or (stars, expires_on) > best[product_id]:
                best[product_id] = (stars, expires_on)
    held = matching.declared_certifications([o.cooperative_id for o in offers], today)
    rows = []
    for offer in offers:
        ratings = [best[p.id] for p in offer.products if p.id in best]
        stars, valid_to = max(ratings) if ratings else (None, None)
        rows.append(OfferRow(
            offer, stars, valid_to, sorted(held.get(offer.cooperative_id, {})),
            geo.province_distance_km(offer.cooperative.province_code, request.delivery_province_code),
        ))
    return rows


def get_offer(offer_id):
    return db.session.scalar(
        sa.select(Offer).where(Offer.id == offer_id)
        .options(joinedload(Offer.request).joinedload(SourcingRequest.distributor), joinedload(Offer.cooperative),
                 selectinload(Offer.products))
    )


def thread(offer):
    return db.session.scalars(
        sa.select(OfferMessage).where(OfferMessage.offer_id == offer.id)
        .options(joinedload(OfferMessage.author))
        .order_by(OfferMessage.created_at, OfferMessage.id)
    ).all()


def post_message(offer, user, from_distributor, body):
    """A question or answer in the offer's thread; the other side is told."""
    body = _text(body, 4000, "body", required=_("Write a message first."))
    message = OfferMessage(offer_id=offer.id, author_id=user.id, from_distributor=from_distributor, body=body)
    db.session.add(message)
    if from_distributor:
        recipients = staff_of([offer.cooperative_id])[offer.cooperative_id]
    else:
        recipients = distributor_staff(offer.request.distributor_id)
    notify([u for u in recipients if u.id != user.id], "valuechain.offer_message",
           link=_offer_link(offer), params=_offer_params(offer))
    db.session.commit()
    return message


# ---------------------------------------------------------------------------------------
# Partnerships


@dataclass
class PartnershipTerms:
    product_ids: list
    unit_price: int | None
    unit: str
    volume_per_period: int | None
    frequency: str
    starts_on: date | None
    ends_on: date | None = None
    message: str = ""


def propose_partnership(company, cooperative, user, terms, today=None):
    """A distributor proposes to buy from a cooperative directly; the cooperative decides."""
    today = _today(today)
    check_can_publish(company)
    if not cooperative.is_approved:
        raise ValueChainError(_("This producer cannot take partnerships yet."))
    products = _published_products_of(cooperative, terms.product_ids,
                                       _("Choose at least one of the producer's products."),
                                       _("Choose products of this producer only."))
    price = _whole(terms.unit_price, "unit_price", high=MAX_PRICE,
                   message=_("Enter a price in whole đồng above 0, e.g. 85.000."))
    volume = _whole(terms.volume_per_period, "volume_per_period",
                    message=_("The quantity must be a whole number above 0."))
    if not isinstance(terms.starts_on, date):
        raise ValueChainError(_("Enter the start date."), "starts_on")
    if terms.starts_on < today:
        raise ValueChainError(_("The start date cannot be in the past."), "starts_on")
    if terms.ends_on is not None and terms.ends_on < terms.starts_on:
        raise ValueChainError(_("The partnership cannot end before it starts."), "ends_on")
    partnership = Partnership(
        distributor_id=company.id, cooperative_id=cooperative.id, proposed_by_id=user.id if user else None,
        unit_price=price, unit=_enum(Unit, terms.unit, "unit"), volume_per_period=volume,
        frequency=_enum(Frequency, terms.frequency, "frequency"), starts_on=terms.starts_on,
        ends_on=terms.ends_on, message=_text(terms.message, 4000, "message"), products=products,
        status=PartnershipStatus.PROPOSED,
    )
    db.session.add(partnership)
    db.session.flush()
    notify(staff_of([cooperative.id])[cooperative.id], "valuechain.partnership_proposed",
           link=path("valuechain.partnerships"), params={"distributor": company.name})
    db.session.commit()
    return partnership


def _partnership_params(partnership):
    return {"distributor": partnership.distributor.name, "cooperative": partnership.cooperative.name}


def respond_to_proposal(partnership, accept):
    """The cooperative accepts (the partnership starts) or declines a proposal."""
    partnership.move_to(PartnershipStatus.ACTIVE if accept else PartnershipStatus.DECLINED)
    if accept:
        partnership.activated_at = clock.utcnow()
    notify(distributor_staff(partnership.distributor_id),
           "valuechain.partnership_accepted" if accept else "valuechain.partnership_declined",
           link=path("valuechain.partnerships"), params=_partnership_params(partnership))
    db.session.commit()


def end_partnership(partnership, by_distributor, today=None):
    """Either side ends an active partnership; the other side is told."""
    today = _today(today)
    partnership.move_to(PartnershipStatus.ENDED)
    partnership.ended_at = clock.utcnow()
    if partnership.ends_on is None or partnership.ends_on > today:
        partnership.ends_on = max(today, partnership.starts_on)
    if by_distributor:
        recipients = staff_of([partnership.cooperative_id])[partnership.cooperative_id]
    else:
        recipients = distributor_staff(partnership.distributor_id)
    notify(recipients, "valuechain.partnership_ended", link=path("valuechain.partnerships"),
           params=_partnership_params(partnership))
    db.session.commit()


def set_shown(partnership, by_distributor, shown):
    """One side's consent to show the partnership on the public value chain."""
    if by_distributor:
        partnership.shown_by_distributor = bool(shown)
    else:
        partnership.shown_by_cooperative = bool(shown)
    db.session.commit()


def partnerships_of(cooperative=None, company=None):
    """The partnerships of one cooperative or one company, newest first (2 queries)."""
    query = (
        sa.select(Partnership)
        .options(joinedload(Partnership.distributor), joinedload(Partnership.cooperative),
                 selectinload(Partnership.products))
        .order_by(Partnership.created_at.desc(), Partnership.id.desc())
    )
    if cooperative is not None:
        query = query.where(Partnership.cooperative_id == cooperative.id)
    else:
        query = query.where(Partnership.distributor_id == company.id)
    return db.session.scalars(query).all()


def _public_partnerships():
    return (
        sa.select(Partnership)
        .where(Partnership.status == PartnershipStatus.ACTIVE, Partnership.shown_by_distributor.is_(True),
               Partnership.shown_by_cooperative.is_(True))
        .options(joinedload(Partnership.distributor), joinedload(Partnership.cooperative),
                 selectinload(Partnership.products))
        .order_by(Partnership.activated_at, Partnership.id)
    )


# ---------------------------------------------------------------------------------------
# The digest


def _site_link(endpoint, **values):
    """An absolute link for mail sent by cron (SITE_URL + the page's path)."""
    return absolute_url(path(endpoint, **values))


def send_digest(today=None):
    """Mail each cooperative's staff the requests that newly fit it since the last digest.

    First closes requests past their deadline and announces matches that appeared since
    publication (a product certified later); then every (request, cooperative) match not
    mailed yet goes into one mail per staff member, in their language. Running it again
    mails nothing new. Returns the number of mails sent."""
    today = _today(today)
    close_past_deadlines(today)
    for request in db.session.scalars(
        sa.select(SourcingRequest).where(SourcingRequest.takes_offers(today))
        .options(joinedload(SourcingRequest.category))
    ).all():
        announce_matches(request, today)
    db.session.commit()

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
    for cooperative_id, rows in by_cooperative.items():
        cooperative = db.session.get(Cooperative, cooperative_id)
        matches = matching.recommended_requests(cooperative, today, [r.request_id for r in rows])
        for user in staff.get(cooperative_id, []) if matches else []:
            with force_locale(user.language or current_app.config["BABEL_DEFAULT_LOCALE"]):
                send_mail(user.email, *_digest_mail(cooperative, matches))
            sent += 1
        now = clock.utcnow()
        for row in rows:
            row.emailed_at = now
        db.session.commit()
    return sent


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
            "  " + _site_link("valuechain.request_detail", request_id=request.id),
            "",
        ]
    lines += [_("All requests recommended for you:"), _site_link("valuechain.recommended"),
              "", "-- ", _("OCOP Bến Tre marketplace")]
    return subject, "\n".join(lines)

