"""Pages of the value chain: the public chain and sourcing board, distributor profiles, and
the pages where distributors post and award requests, cooperatives offer, and both sides
talk and keep their partnerships."""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from marketplace import cache, clock, places, unitofwork
from marketplace.accounts.authz import Role, require_role, signed_in_user
from marketplace.distributors.authz import (
    current_distributor,
    owned_by_current_distributor,
    require_approved_distributor,
    require_distributor_staff,
)
from marketplace.producers.authz import (
    current_cooperative,
    owned_by_current_cooperative,
    require_approved_cooperative,
    require_cooperative_staff,
)
from marketplace.catalog.models import Product
from marketplace.catalog.services import categories_tree, published_products
from marketplace.core import pagecache
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.forms import ActionForm, show_refusal
from marketplace.i18n import current_language
from marketplace.producers import services as producers
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.valuechain import (
    chain,
    companies,
    labels,
    matching,
    offers,
    partnerships,
    purchasing,
    sourcing,
    supply,
)
from marketplace.valuechain.cli import valuechain_cli
from marketplace.valuechain.forms import (
    AcceptTermsForm,
    CapacityForm,
    CounterForm,
    CertificationForm,
    CompanyProfileForm,
    MessageForm,
    OfferForm,
    PartnershipForm,
    ReceiveForm,
    RequestForm,
    SampleForm,
    VisibilityForm,
)
from marketplace.valuechain.models import (
    CooperativeCertification,
    Offer,
    OfferStatus,
    Partnership,
    RequestStatus,
    SourcingRequest,
)
from marketplace.views import act

bp = Blueprint("valuechain", __name__)


@bp.record_once
def _setup(state):
    labels.init_app(state.app)
    state.app.jinja_env.globals.update(can_propose_partnership=can_propose_partnership, buyer_name=buyer_name)
    state.app.cli.add_command(valuechain_cli)


def can_propose_partnership():
    """Whether the visitor may propose partnerships to producers (approved distributor staff)."""
    company = current_distributor()
    return company is not None and company.is_approved


def buyer_name(rfq):
    """The buyer's name, unless the request is anonymous (its own company still sees it)."""
    company = current_distributor()
    if rfq.anonymous and (company is None or company.id != rfq.distributor_id):
        return _("Anonymous buyer")
    return rfq.distributor.name


def _page_number():
    try:
        return max(1, min(int(request.args.get("page", 1)), 10**6))
    except ValueError:
        return 1


# ---------------------------------------------------------------------------------------
# Public pages


@bp.get("/value-chain")
def value_chain():
    group = request.args.get("group", "")
    group = group if group in chain.GROUP_CODES else ""
    district = request.args.get("district", "")
    district = district if district in LEGACY_DISTRICTS else ""
    # Computed from every product: rendered once per kind of viewer (the links and an anonymous
    # buyer's name depend on it) and shared until the catalogue or the value chain changes.
    company = current_distributor()
    viewer = f"{current_user.role.value}:{company.id if company else 0}" if current_user.is_authenticated else "guest"
    key = f"value-chain:{pagecache.generation()}:{current_language()}:{clock.today()}:{group}:{district}:{viewer}"
    body = cache.remember_json(key, lambda: render_template(
        "valuechain/_value_chain_body.html", page=chain.value_chain(group, district), group=group,
        district=district, group_codes=chain.GROUP_CODES, group_name=chain.group_name, districts=LEGACY_DISTRICTS,
    ))
    return render_template("valuechain/value_chain.html", body=Markup(body))


@bp.get("/sourcing")
def request_list():
    filters = sourcing.parse_request_filters(request.args)
    results = sourcing.open_requests(filters, _page_number())
    args = {k: v for k, v in vars(filters).items() if v not in (None, "")}
    return render_template(
        "valuechain/request_list.html", results=results, filters=filters, args=args,
        group_codes=chain.GROUP_CODES, group_name=chain.group_name, provinces=places.provinces(),
        closes_within=sourcing.CLOSES_WITHIN_DAYS,
    )


@bp.get("/sourcing/<int:request_id>")
def request_detail(request_id):
    company, cooperative = current_distributor(), current_cooperative()
    rfq = sourcing.request_for_viewer(request_id, company)
    if rfq is None:
        abort(404)
    today = clock.today()
    is_owner = company is not None and company.id == rfq.distributor_id
    context = {"rfq": rfq, "is_owner": is_owner, "today": today, "status": rfq.status_on(today),
               "action_form": ActionForm()}
    if is_owner:
        context["matches"] = matching.match_cooperatives(rfq, today, limit=10)
        context["offer_count"] = db.session.scalar(
            sa.select(sa.func.count()).where(Offer.request_id == rfq.id, Offer.status != OfferStatus.WITHDRAWN)
        )
    if cooperative is not None:
        context["own_offer"] = offers.current_offer(rfq, cooperative)
        fits = matching.recommended_requests(cooperative, today, [rfq.id])
        context["fit"] = fits[0] if fits else None
    return render_template("valuechain/request_detail.html", **context)


@bp.get("/distributors")
def distributor_list():
    return render_template("valuechain/distributor_list.html", companies=companies.approved_distributors())


@bp.get("/distributors/<slug>")
def distributor_detail(slug):
    company = companies.get_public_distributor(slug)
    if company is None:
        abort(404)
    open_requests, shown = companies.distributor_page_data(company)
    return render_template(
        "valuechain/distributor_detail.html", company=company, requests=open_requests, partnerships=shown,
        group_name=chain.group_name, provinces={p.code: p.name for p in places.provinces()},
    )


# ---------------------------------------------------------------------------------------
# Distributors: requests and offers


@bp.get("/sourcing/mine")
@require_distributor_staff
def my_requests():
    company = current_distributor()
    return render_template("valuechain/my_requests.html", company=company, rows=sourcing.company_requests(company),
                           today=clock.today())


def _request_form_page(form, rfq=None, status=200):
    return render_template("valuechain/request_form.html", form=form, rfq=rfq), status


@bp.route("/sourcing/new", methods=["GET", "POST"])
@require_approved_distributor
def new_request():
    form = RequestForm(categories=categories_tree())
    if form.validate_on_submit():
        publish = "publish" in request.form
        try:
            rfq = sourcing.create_request(current_distributor(), signed_in_user(), form.details(), publish=publish)
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            flash(_("Your request is open to offers.") if publish else _("Saved as a draft."), "success")
            return redirect(url_for("valuechain.request_detail", request_id=rfq.id))
    return _request_form_page(form)


def _own_request(request_id):
    return owned_by_current_distributor(db.session.get(SourcingRequest, request_id))


@bp.route("/sourcing/<int:request_id>/edit", methods=["GET", "POST"])
@require_approved_distributor
def edit_request(request_id):
    rfq = _own_request(request_id)
    if rfq.status != RequestStatus.DRAFT:
        flash(_("Only a draft can be changed. Close this request and post a new one instead."), "error")
        return redirect(url_for("valuechain.request_detail", request_id=rfq.id))
    form = RequestForm(obj=rfq, categories=categories_tree())
    if form.validate_on_submit():
        publish = "publish" in request.form
        try:
            sourcing.update_request(rfq, form.details(), publish=publish, actor=signed_in_user())
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            flash(_("Your request is open to offers.") if publish else _("Saved as a draft."), "success")
            return redirect(url_for("valuechain.request_detail", request_id=rfq.id))
    return _request_form_page(form, rfq)


def _request_action(request_id, action, done):
    rfq = _own_request(request_id)
    act(lambda form: action(rfq, actor=signed_in_user()), done)
    return redirect(url_for("valuechain.request_detail", request_id=rfq.id))


@bp.post("/sourcing/<int:request_id>/publish")
@require_approved_distributor
def publish_request(request_id):
    return _request_action(request_id, sourcing.publish_request, _("Your request is open to offers."))


@bp.post("/sourcing/<int:request_id>/close")
@require_approved_distributor
def close_request(request_id):
    return _request_action(request_id, sourcing.close_request, _("The request is closed to new offers."))


@bp.get("/sourcing/<int:request_id>/offers")
@require_approved_distributor
def compare_offers(request_id):
    rfq = _own_request(request_id)
    return render_template("valuechain/compare_offers.html", rfq=rfq, rows=offers.offers_for_comparison(rfq),
                           action_form=ActionForm())


def _offer_action(offer_id, action, done):
    offer = offers.get_offer(offer_id)
    if offer is None:
        abort(404)
    owned_by_current_distributor(offer.request)
    act(lambda form: action(offer, signed_in_user()), done)
    return redirect(url_for("valuechain.compare_offers", request_id=offer.request_id))


@bp.post("/sourcing/offers/<int:offer_id>/shortlist")
@require_approved_distributor
def shortlist_offer(offer_id):
    return _offer_action(offer_id, offers.shortlist_offer, _("Offer shortlisted."))


@bp.post("/sourcing/offers/<int:offer_id>/decline")
@require_approved_distributor
def decline_offer(offer_id):
    return _offer_action(offer_id, offers.decline_offer, _("Offer declined; the producer is told."))


@bp.post("/sourcing/offers/<int:offer_id>/accept")
@require_approved_distributor
def accept_offer(offer_id):
    form = AcceptTermsForm()
    shown, seen = form.shown.data, form.seen_revision()
    return _offer_action(offer_id, lambda offer, user: offers.accept_offer(offer, user, shown=shown, seen_revision=seen),
                         _("Offer accepted: it is now a partnership with a purchase order."))


@bp.route("/value-chain/company", methods=["GET", "POST"])
@require_distributor_staff
def company_profile():
    company = current_distributor()
    form = CompanyProfileForm(obj=company, groups=categories_tree())
    if form.validate_on_submit():
        try:
            companies.update_company_profile(company, form.profile())
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            flash(_("The company profile is saved."), "success")
            return redirect(url_for("valuechain.company_profile"))
    return render_template("valuechain/company_profile.html", form=form, company=company)


@bp.route("/value-chain/propose/<slug>", methods=["GET", "POST"])
@require_approved_distributor
def propose_partnership(slug):
    cooperative = producers.get_approved_cooperative(slug)
    if cooperative is None:
        abort(404)
    form = PartnershipForm(products=published_products(cooperative.id))
    if form.validate_on_submit():
        try:
            partnerships.propose_partnership(current_distributor(), cooperative, signed_in_user(), form.terms())
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            flash(_("Proposal sent to %(name)s.", name=cooperative.name), "success")
            return redirect(url_for("valuechain.partnerships"))
    return render_template("valuechain/propose.html", form=form, cooperative=cooperative)


# ---------------------------------------------------------------------------------------
# Cooperatives: recommendations, offers, what they declare


@bp.get("/sourcing/recommended")
@require_cooperative_staff
def recommended():
    cooperative = current_cooperative()
    return render_template(
        "valuechain/recommended.html", cooperative=cooperative,
        matches=matching.recommended_requests(cooperative), offers=offers.cooperative_offers(cooperative),
    )


def _offerable_request(request_id):
    rfq = sourcing.request_for_viewer(request_id)
    if rfq is None:
        abort(404)
    return rfq


@bp.route("/sourcing/<int:request_id>/offer", methods=["GET", "POST"])
@require_approved_cooperative
def make_offer(request_id):
    rfq = _offerable_request(request_id)
    cooperative = current_cooperative()
    today = clock.today()
    if not rfq.takes_offers(today):
        flash(_("This request no longer takes offers."), "error")
        return redirect(url_for("valuechain.request_detail", request_id=rfq.id))
    existing = offers.current_offer(rfq, cooperative)
    if existing is not None and existing.status == OfferStatus.ACCEPTED:
        flash(_("Your offer on this request was already accepted."), "info")
        return redirect(url_for("valuechain.offer_thread", offer_id=existing.id))
    if existing is not None and not existing.is_live:
        existing = None  # withdrawn or declined: a new offer
    form = OfferForm(obj=existing, products=published_products(cooperative.id))
    if request.method == "GET" and existing is not None:
        form.product_ids.data = [p.id for p in existing.products]
        form.delivery_term.data = existing.delivery_term.value
        form.fill_tiers(existing.price_tiers)
    elif request.method == "GET":
        form.valid_until.data = rfq.deadline
        form.delivery_term.data = rfq.delivery_term.value
    if form.validate_on_submit():
        try:
            if existing is not None:
                offer = offers.update_offer(existing, form.details(), today, user=signed_in_user())
            else:
                offer = offers.submit_offer(rfq, cooperative, signed_in_user(), form.details(), today)
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            flash(_("Your offer is saved; the buyer is told."), "success")
            return redirect(url_for("valuechain.offer_thread", offer_id=offer.id))
    return render_template("valuechain/offer_form.html", form=form, rfq=rfq, offer=existing)


@bp.post("/sourcing/<int:request_id>/offer/withdraw")
@require_cooperative_staff
def withdraw_offer(request_id):
    rfq = _offerable_request(request_id)
    offer = offers.current_offer(rfq, current_cooperative())
    if offer is None:
        abort(404)
    act(lambda form: offers.withdraw_offer(offer, signed_in_user()), _("Your offer is withdrawn."))
    return redirect(url_for("valuechain.request_detail", request_id=rfq.id))


def _supply_page(capacity_form=None, certification_form=None, status=200):
    """The supply page; `capacity_form` is (product id, form) of a row that failed."""
    cooperative = current_cooperative()
    failed_id, failed_form = capacity_form or (None, None)
    rows = [(product, capacity, failed_form if product.id == failed_id else CapacityForm(
        formdata=None, monthly_quantity=capacity.monthly_quantity if capacity else None,
        unit=capacity.unit.value if capacity else "kg",
    )) for product, capacity in supply.supply_products(cooperative)]
    return render_template(
        "valuechain/supply.html", cooperative=cooperative, rows=rows,
        certifications=supply.cooperative_certifications(cooperative),
        certification_form=certification_form or CertificationForm(), action_form=ActionForm(), today=clock.today(),
    ), status


@bp.get("/value-chain/supply")
@require_cooperative_staff
def supply_profile():
    return _supply_page()


@bp.post("/value-chain/supply/products/<int:product_id>/capacity")
@require_cooperative_staff
def save_capacity(product_id):
    product = owned_by_current_cooperative(db.session.get(Product, product_id))
    form = CapacityForm()
    if form.validate_on_submit():
        try:
            supply.set_capacity(current_cooperative(), product.id, form.monthly_quantity.data, form.unit.data)
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            flash(_("Capacity saved."), "success")
            return redirect(url_for("valuechain.supply_profile"))
    return _supply_page(capacity_form=(product.id, form))


@bp.post("/value-chain/supply/certifications")
@require_cooperative_staff
def add_certification():
    form = CertificationForm()
    if form.validate_on_submit():
        try:
            supply.add_certification(current_cooperative(), form.kind.data, form.reference.data, form.valid_until.data)
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            flash(_("Certification added."), "success")
            return redirect(url_for("valuechain.supply_profile"))
    return _supply_page(certification_form=form)


@bp.post("/value-chain/supply/certifications/<int:certification_id>/remove")
@require_cooperative_staff
def remove_certification(certification_id):
    certification = owned_by_current_cooperative(db.session.get(CooperativeCertification, certification_id))
    act(lambda form: supply.remove_certification(certification), _("Certification removed."))
    return redirect(url_for("valuechain.supply_profile"))


# ---------------------------------------------------------------------------------------
# Both sides: the offer's thread and partnerships

STAFF = (Role.COOPERATIVE_STAFF, Role.DISTRIBUTOR_STAFF)


def _buyer_side(cooperative_id, distributor_id):
    """Whether the viewer is the buyer (True) or the seller (False) of what these two parties
    share; 404 for anyone else (as if it did not exist)."""
    cooperative, company = current_cooperative(), current_distributor()
    if cooperative is not None and cooperative_id == cooperative.id:
        return False
    if company is not None and distributor_id == company.id:
        return True
    abort(404)


def _offer_side(offer_id):
    """The offer and whether the viewer is its buyer."""
    offer = offers.get_offer(offer_id)
    if offer is None:
        abort(404)
    return offer, _buyer_side(offer.cooperative_id, offer.request.distributor_id)


def _thread_page(offer, from_distributor, form=None, counter_form=None, sample_form=None, status=200):
    if counter_form is None:
        counter_form = CounterForm(formdata=None)
        counter_form.fill(offer)
    accept_form = AcceptTermsForm(formdata=None, revision=offer.revision)
    return render_template(
        "valuechain/offer_thread.html", offer=offer, rfq=offer.request, form=form or MessageForm(formdata=None),
        messages=offers.thread(offer), from_distributor=from_distributor, revisions=offers.revisions(offer),
        counter_form=counter_form, accept_form=accept_form, sample_form=sample_form or SampleForm(formdata=None),
        my_turn=offer.is_live and from_distributor != offer.awaiting_cooperative,
        rounds_left=offers.max_rounds() - offer.revision, today=clock.today(),
    ), status


@bp.route("/sourcing/offers/<int:offer_id>", methods=["GET", "POST"])
@require_role(*STAFF)
def offer_thread(offer_id):
    offer, from_distributor = _offer_side(offer_id)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            offers.post_message(offer, signed_in_user(), from_distributor, form.body.data)
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            return redirect(url_for("valuechain.offer_thread", offer_id=offer.id) + "#thread")
    return _thread_page(offer, from_distributor, form=form)


@bp.post("/sourcing/offers/<int:offer_id>/counter")
@require_role(*STAFF)
def counter_offer(offer_id):
    offer, from_distributor = _offer_side(offer_id)
    form = CounterForm()
    if form.validate_on_submit():
        try:
            offers.counter(offer, signed_in_user(), form.terms(), from_distributor, form.seen_revision())
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            flash(_("Your counter-offer is sent; the other side is told."), "success")
            return redirect(url_for("valuechain.offer_thread", offer_id=offer.id))
    return _thread_page(offers.get_offer(offer_id), from_distributor, counter_form=form)


@bp.post("/sourcing/offers/<int:offer_id>/accept-terms")
@require_approved_cooperative
def accept_terms(offer_id):
    offer, from_distributor = _offer_side(offer_id)
    if from_distributor:
        abort(404)
    form = AcceptTermsForm()
    act(lambda _form: offers.accept_offer(offer, signed_in_user(), by_distributor=False,
                                          seen_revision=form.seen_revision()),
        _("You accepted the buyer's terms: it is now a partnership with a purchase order."), form)
    return redirect(url_for("valuechain.offer_thread", offer_id=offer.id))


@bp.post("/sourcing/offers/<int:offer_id>/samples")
@require_approved_distributor
def request_samples(offer_id):
    offer, from_distributor = _offer_side(offer_id)
    if not from_distributor:
        abort(404)
    form = SampleForm()
    if form.validate_on_submit():
        try:
            order = offers.request_samples(offer, signed_in_user(), form.sample_quantity.data, form.sample_price.data)
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            flash(_("Samples asked for: a sample purchase order is sent to the producer."), "success")
            return redirect(url_for("valuechain.purchase_order", order_id=order.id))
    return _thread_page(offers.get_offer(offer_id), True, sample_form=form)


@bp.get("/value-chain/partnerships", endpoint="partnerships")
@require_role(*STAFF)
def partnership_list():
    cooperative, company = current_cooperative(), current_distributor()
    if cooperative is None and company is None:
        abort(403)
    rows = partnerships.partnerships_of(cooperative=cooperative, company=company)
    return render_template("valuechain/partnerships.html", partnerships=rows, is_cooperative=cooperative is not None,
                           action_form=ActionForm(), visibility_form=VisibilityForm())


def _partnership_side(partnership_id):
    """The partnership and whether the viewer is its distributor."""
    partnership = db.session.get(Partnership, partnership_id)
    if partnership is None:
        abort(404)
    return partnership, _buyer_side(partnership.cooperative_id, partnership.distributor_id)


def _partnership_action(action, done):
    act(lambda form: action(signed_in_user()), done)
    return redirect(url_for("valuechain.partnerships"))


@bp.post("/value-chain/partnerships/<int:partnership_id>/accept")
@require_cooperative_staff
def accept_partnership(partnership_id):
    partnership = owned_by_current_cooperative(db.session.get(Partnership, partnership_id))
    return _partnership_action(lambda user: partnerships.respond_to_proposal(partnership, True, user),
                               _("Partnership accepted."))


@bp.post("/value-chain/partnerships/<int:partnership_id>/decline")
@require_cooperative_staff
def decline_partnership(partnership_id):
    partnership = owned_by_current_cooperative(db.session.get(Partnership, partnership_id))
    return _partnership_action(lambda user: partnerships.respond_to_proposal(partnership, False, user),
                               _("Proposal declined."))


@bp.post("/value-chain/partnerships/<int:partnership_id>/end")
@require_role(*STAFF)
def end_partnership(partnership_id):
    partnership, by_distributor = _partnership_side(partnership_id)
    return _partnership_action(lambda user: partnerships.end_partnership(partnership, by_distributor, actor=user),
                               _("The partnership has ended."))


@bp.post("/value-chain/partnerships/<int:partnership_id>/visibility")
@require_role(*STAFF)
def partnership_visibility(partnership_id):
    partnership, by_distributor = _partnership_side(partnership_id)
    form = VisibilityForm()
    done = (_("Shown on the public value chain once both sides agree.") if form.shown.data
            else _("No longer shown on the public value chain."))
    act(lambda form: partnerships.set_shown(partnership, by_distributor, form.shown.data), done, form)
    return redirect(url_for("valuechain.partnerships"))


@bp.post("/value-chain/partnerships/<int:partnership_id>/renew")
@require_approved_distributor
def renew_partnership(partnership_id):
    partnership = owned_by_current_distributor(db.session.get(Partnership, partnership_id))
    order = []
    act(lambda form: order.append(purchasing.renew(partnership, signed_in_user())),
        _("Renewed: a new purchase order is sent to the producer."))
    if order:
        return redirect(url_for("valuechain.purchase_order", order_id=order[0].id))
    return redirect(url_for("valuechain.partnerships"))


# ---------------------------------------------------------------------------------------
# Purchase orders (both sides)


@bp.get("/value-chain/purchase-orders", endpoint="purchase_orders")
@require_role(*STAFF)
def purchase_order_list():
    cooperative, company = current_cooperative(), current_distributor()
    if cooperative is None and company is None:
        abort(403)
    rows = purchasing.purchase_orders_of(cooperative=cooperative, company=company)
    return render_template("valuechain/purchase_orders.html", orders=rows, is_cooperative=cooperative is not None)


def _purchase_order_side(order_id):
    """The purchase order and whether the viewer is its buyer."""
    order = purchasing.get_purchase_order(order_id)
    if order is None:
        abort(404)
    return order, _buyer_side(order.cooperative_id, order.distributor_id)


def _purchase_order_page(order, by_distributor, receive_forms=None, status=200):
    # One form per delivery, each with its own prefix: distinct field ids on one page.
    forms = {d.id: ReceiveForm(formdata=None, prefix=f"delivery{d.number}", quantity_received=d.quantity)
             for d in order.deliveries}
    forms.update(receive_forms or {})
    return render_template("valuechain/purchase_order.html", order=order, by_distributor=by_distributor,
                           receive_forms=forms, action_form=ActionForm(), today=clock.today()), status


@bp.get("/value-chain/purchase-orders/<int:order_id>", endpoint="purchase_order")
@require_role(*STAFF)
def purchase_order_detail(order_id):
    return _purchase_order_page(*_purchase_order_side(order_id))


def _delivery_of(order, delivery_id):
    delivery = next((d for d in order.deliveries if d.id == delivery_id), None)
    if delivery is None:
        abort(404)
    return delivery


@bp.post("/value-chain/purchase-orders/<int:order_id>/deliveries/<int:delivery_id>/shipped")
@require_cooperative_staff
def ship_delivery(order_id, delivery_id):
    order, by_distributor = _purchase_order_side(order_id)
    if by_distributor:
        abort(404)
    delivery = _delivery_of(order, delivery_id)
    act(lambda form: purchasing.confirm_shipment(delivery, signed_in_user()),
        _("Delivery confirmed shipped; the buyer is told."))
    return redirect(url_for("valuechain.purchase_order", order_id=order.id))


@bp.post("/value-chain/purchase-orders/<int:order_id>/deliveries/<int:delivery_id>/received")
@require_distributor_staff
def receive_delivery(order_id, delivery_id):
    order, by_distributor = _purchase_order_side(order_id)
    if not by_distributor:
        abort(404)
    delivery = _delivery_of(order, delivery_id)
    form = ReceiveForm(prefix=f"delivery{delivery.number}")
    if form.validate_on_submit():
        try:
            purchasing.confirm_delivery(delivery, form.quantity_received.data, signed_in_user())
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            flash(_("Delivery confirmed received; the producer is told."), "success")
            return redirect(url_for("valuechain.purchase_order", order_id=order.id))
    order = purchasing.get_purchase_order(order_id)
    return _purchase_order_page(order, True, {delivery.id: form})
