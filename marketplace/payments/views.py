"""Pages of payments: the buyer's way to Stripe and back, Stripe's webhook, the admin's refunds
and payouts, and the cooperative's ledger in its portal."""
import io
from datetime import date

import segno
from flask import Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from marketplace import clock, csvsafe
from marketplace.accounts.authz import Role, require_role, signed_in_user
from marketplace.producers.authz import current_cooperative, require_approved_cooperative
from marketplace.extensions import csrf, db
from marketplace.i18n import price
from marketplace.errors import Refusal
from marketplace.forms import ActionForm, PeriodForm
from marketplace.orders import fulfilment, reports, shopper, signals
from marketplace.orders.models import STATUS_LABELS, PaymentMethod, Status
from marketplace.payments import card, ledger, payouts, receivers, refund_failures, refunds, vietqr, webhooks, withholding
from marketplace.statemachine import IllegalTransition, StatusConflict
from marketplace.payments.forms import MonthForm, PayoutForm, RefundForm, ResolveTransferForm
from marketplace.payments.gateway import PaymentError, card_enabled, vietqr_enabled
from marketplace.payments.models import (
    LedgerKind, MatchReason, MatchStatus, PaymentStatus, RefundStatus, TaxableKind,
)
from marketplace.producers.models import Cooperative
from marketplace.views import no_store

bp = Blueprint("payments", __name__)

PER_PAGE = 50

KIND_LABELS = {
    LedgerKind.SALE_CREDIT: _l("Sale"),
    LedgerKind.COMMISSION_DEBIT: _l("Commission"),
    LedgerKind.SHIPPING_CREDIT: _l("Shipping"),
    LedgerKind.REFUND_DEBIT: _l("Refund"),
    LedgerKind.COMMISSION_RETURN: _l("Commission returned"),
    LedgerKind.PAYOUT_DEBIT: _l("Payout"),
    LedgerKind.REFUND_REVERSAL: _l("Failed refund reversed"),
    LedgerKind.COMMISSION_REVERSAL: _l("Commission of a failed refund"),
    LedgerKind.VAT_WITHHELD: _l("VAT withheld"),
    LedgerKind.PIT_WITHHELD: _l("Personal income tax withheld"),
    LedgerKind.VAT_RETURNED: _l("VAT withheld, given back"),
    LedgerKind.PIT_RETURNED: _l("Personal income tax withheld, given back"),
}
PAYMENT_STATUS_LABELS = {
    PaymentStatus.CREATING: _l("Starting"),
    PaymentStatus.OPEN: _l("Waiting for the buyer"),
    PaymentStatus.PAID: _l("Paid"),
    PaymentStatus.EXPIRED: _l("Expired"),
    PaymentStatus.FAILED: _l("Failed"),
}
MATCH_REASON_LABELS = {
    MatchReason.UNDERPAID: _l("Less than the order"),
    MatchReason.OVERPAID: _l("More than the order"),
    MatchReason.LATE: _l("After the link expired or the order closed"),
}
MATCH_STATUS_LABELS = {
    MatchStatus.OPEN: _l("To match"),
    MatchStatus.ACCEPTED: _l("Accepted as payment"),
    MatchStatus.REFUND_OWED: _l("Refund owed"),
}
REFUND_STATUS_LABELS = {
    RefundStatus.PENDING: _l("Waiting for Stripe"),
    RefundStatus.SUCCEEDED: _l("Refunded"),
    RefundStatus.FAILED: _l("Failed"),
}


@bp.record_once
def _template_helpers(state):
    # Globals, not context: macros imported by templates see only globals.
    state.app.jinja_env.globals.update(
        ledger_kind_label=lambda kind: KIND_LABELS.get(kind, kind),
        payment_status_label=lambda status: PAYMENT_STATUS_LABELS.get(status, status),
        refund_status_label=lambda status: REFUND_STATUS_LABELS.get(status, status),
        card_payment_refusal=card.card_refusal,
        transfer_payment_refusal=vietqr.vietqr_refusal,
        match_reason_label=lambda reason: MATCH_REASON_LABELS.get(reason, reason),
        match_status_label=lambda status: MATCH_STATUS_LABELS.get(status, status),
    )


@bp.record_once
def _connect_to_orders(state):
    """Checkout offers and starts card payments, and orders' moves reach the ledger, through
    orders.signals: orders never imports payments."""
    signals.register_payment_method(PaymentMethod.CARD, offered=card_enabled, refusal=card.card_refusal,
                                    start=start_payment)
    signals.register_payment_method(PaymentMethod.VIETQR, offered=vietqr_enabled, refusal=vietqr.vietqr_refusal,
                                    start=start_transfer)
    receivers.connect()


@bp.app_context_processor
def _order_payment():
    """`order_money(order)` for the order page (payments and refunds, queried when called)."""
    return {"order_money": lambda order: refunds.money_of([order])[0],
            "open_card_payment": card.open_payment}


bp.after_request(no_store)


def _visible_order(number):
    """The order if this visitor placed it (or looked it up as a guest), else 404."""
    order = fulfilment.get_order(number)
    if order is None or not shopper.may_open(order):
        abort(404)
    return order


# ---------------------------------------------------------------------------------------
# The buyer: to Stripe and back


def start_payment(order):
    """Send the buyer of a card order to Stripe's page; when Stripe refuses or does not answer,
    back to the order (kept, unpaid) with the reason and its "Pay by card" button."""
    try:
        url = card.start(
            order,
            success_url=url_for("payments.success", number=order.number, _external=True) + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=url_for("payments.cancelled", number=order.number, _external=True),
        )
    except PaymentError as error:
        flash(str(error.message), "error")
        flash(_("Your order %(number)s is kept for you, unpaid: nothing was charged. Pay with the button below "
                "when you are ready.", number=order.number), "info")
        return redirect(url_for("orders.order_detail", number=order.number))
    if url is None:
        return redirect(url_for("orders.order_detail", number=order.number))
    return redirect(url_for("payments.to_stripe", number=order.number))


@bp.post("/orders/<number>/pay")
def pay(number):
    """The buyer's "Pay" button on an unpaid order: by card or by a new VietQR, as ordered."""
    order = _visible_order(number)
    if not ActionForm().validate_on_submit():
        flash(_("This form has expired; please try again."), "error")
        return redirect(url_for("orders.order_detail", number=number))
    if order.payment_method == PaymentMethod.VIETQR:
        return start_transfer(order)
    return start_payment(order)


@bp.get("/orders/<number>/pay")
def to_stripe(number):
    """A page of our own between the form and Stripe: the browser goes on at once (Refresh
    header), so that no form posts across to Stripe (CSP form-action 'self')."""
    order = _visible_order(number)
    payment = card.open_payment(order)
    if payment is None:
        return redirect(url_for("orders.order_detail", number=number))
    response = current_app.make_response(render_template("payments/to_stripe.html", order=order, payment=payment))
    response.headers["Refresh"] = f"0; url={payment.checkout_url}"
    return response


@bp.get("/orders/<number>/paid")
def success(number):
    """Stripe's success URL. The webhook may not have arrived: ask Stripe (same idempotent path)."""
    order = _visible_order(number)
    session_id = request.args.get("session_id", "")[:255]
    if session_id:
        try:
            card.confirm_return(order, session_id)
        except (StatusConflict, IllegalTransition):
            # The webhook recorded the payment at the same moment (SQLite takes no row lock):
            # forget this attempt and show the order as it is now.
            db.session.rollback()
        order = fulfilment.get_order(number)
    return render_template("payments/returned.html", order=order, came_back_from="success", pay_form=ActionForm())


@bp.get("/orders/<number>/payment-cancelled")
def cancelled(number):
    """Stripe's cancel URL: the buyer left Stripe's page without paying."""
    order = _visible_order(number)
    return render_template("payments/returned.html", order=order, came_back_from="cancel", pay_form=ActionForm())


# ---------------------------------------------------------------------------------------
# The buyer: a VietQR bank transfer


def start_transfer(order):
    """Show the buyer of a transfer order its QR (made at payOS now if needed); when payOS
    refuses or does not answer, back to the order (kept, unpaid) with the reason and a button."""
    try:
        vietqr.start(order, success_url=url_for("payments.transfer", number=order.number, _external=True),
                     cancel_url=url_for("orders.order_detail", number=order.number, _external=True))
    except PaymentError as error:
        flash(str(error.message), "error")
        flash(_("Your order %(number)s is kept for you, unpaid: nothing was charged. Pay with the button below "
                "when you are ready.", number=order.number), "info")
        return redirect(url_for("orders.order_detail", number=order.number))
    return redirect(url_for("payments.transfer", number=order.number))


def _qr_svg(payload):
    """The VietQR payload drawn as inline SVG by segno (black on white, readable in dark mode)."""
    return segno.make(payload, error="m").svg_inline(scale=5, border=4, dark="#000", light="#fff", omitsize=True)


@bp.get("/orders/<number>/transfer")
def transfer(number):
    """The QR to scan, the account, amount and memo to copy, and the order's live status."""
    order = _visible_order(number)
    if order.payment_method != PaymentMethod.VIETQR:
        return redirect(url_for("orders.order_detail", number=number))
    found = vietqr.open_transfer(order) if order.status == Status.AWAITING_PAYMENT else None
    payment, details = found or (None, None)
    return render_template("payments/transfer.html", order=order, payment=payment, transfer=details,
                           qr_svg=_qr_svg(details.qr_code) if details else None, pay_form=ActionForm())


@bp.get("/orders/<number>/payment-status")
def payment_status(number):
    """The order's status as JSON, for the transfer page to turn "paid" without reloading."""
    order = _visible_order(number)
    return jsonify(status=order.status.value, label=str(STATUS_LABELS[order.status]),
                   paid=order.status not in (Status.AWAITING_PAYMENT, Status.CANCELLED))


@bp.post("/webhooks/payos")
@csrf.exempt
def payos_webhook():
    """Public, but only payOS knows the checksum key: a wrong checksum answers 400 and changes nothing."""
    try:
        data = vietqr.verify(request.get_data())
    except vietqr.BadTransfer as error:
        current_app.logger.warning("Refused a payOS webhook: %s", error)
        return jsonify(error="bad_event"), 400
    return jsonify(received=True, outcome=vietqr.handle(data))


# ---------------------------------------------------------------------------------------
# Stripe's webhook


@bp.post("/webhooks/stripe")
@csrf.exempt
def stripe_webhook():
    """Public, but only Stripe can sign: a missing or wrong signature answers 400 and changes nothing."""
    try:
        event = webhooks.verify(request.get_data(), request.headers.get("Stripe-Signature"),
                                current_app.config["STRIPE_WEBHOOK_SECRET"])
    except webhooks.BadEvent as error:
        current_app.logger.warning("Refused a Stripe webhook: %s", error)
        return jsonify(error="bad_event"), 400
    return jsonify(received=True, outcome=webhooks.handle(event))


# ---------------------------------------------------------------------------------------
# The admin: refunds


@bp.get("/admin/payments")
@require_role(Role.ADMIN)
def admin_payments():
    return render_template("payments/admin_payments.html", due=refunds.refunds_due(),
                           pending=refunds.pending_refunds(), recent=refunds.recent_payments(),
                           failed=refund_failures.failed_refunds(),
                           action_form=ActionForm())


def _admin_order(number):
    order = fulfilment.get_order(number)
    if order is None:
        abort(404)
    return order


def _refund_form(money):
    """The refund form offering what this order can still refund (a POST fills it in)."""
    form = RefundForm()
    choices = []
    whole = sum(money.refundable(s) for s in money.order.shipments)
    if whole:
        choices.append(("order", _("The whole order: %(amount)s", amount=price(whole))))
    for shipment in money.order.shipments:
        if money.refundable(shipment):
            choices.append((f"shipment:{shipment.id}", _("%(cooperative)s's part: %(amount)s",
                                                          cooperative=shipment.cooperative_name,
                                                          amount=price(money.refundable(shipment)))))
    for payment in money.surplus:
        choices.append((f"payment:{payment.id}", _("Payment #%(attempt)s, paid beyond the order: %(amount)s",
                                                    attempt=payment.attempt, amount=price(money.payment_left(payment)))))
    form.scope.choices = choices
    return form


@bp.get("/admin/payments/<number>")
@require_role(Role.ADMIN)
def admin_order(number):
    money = refunds.money_of([_admin_order(number)])[0]
    return render_template("payments/admin_order.html", money=money, order=money.order, form=_refund_form(money),
                           action_form=ActionForm())


@bp.post("/admin/payments/<number>/refund")
@require_role(Role.ADMIN)
def admin_refund(number):
    money = refunds.money_of([_admin_order(number)])[0]
    form = _refund_form(money)
    if form.validate_on_submit():
        try:
            made = refunds.refund(money.order, form.scope.data, form.restock.data, form.reason.data, signed_in_user())
        except refunds.RefundRefused as error:
            flash(str(error.message), "error")
        else:
            flash(_("Refunded %(amount)s; the buyer was told.", amount=price(made.amount_vnd)), "success")
        return redirect(url_for("payments.admin_order", number=number))
    return render_template("payments/admin_order.html", money=money, order=money.order, form=form,
                           action_form=ActionForm())


@bp.post("/admin/payments/refunds/<int:refund_id>/retry")
@require_role(Role.ADMIN)
def admin_retry_refund(refund_id):
    if not ActionForm().validate_on_submit():
        flash(_("This form has expired; please try again."), "error")
        return redirect(url_for("payments.admin_payments"))
    try:
        made = refunds.retry_refund(refund_id)
    except refunds.RefundRefused as error:
        flash(str(error.message), "error")
    else:
        flash(_("Refunded %(amount)s; the buyer was told.", amount=price(made.amount_vnd)), "success")
    return redirect(url_for("payments.admin_payments"))


# ---------------------------------------------------------------------------------------
# The admin: bank transfers to match


@bp.get("/admin/transfers")
@require_role(Role.ADMIN)
def admin_transfers():
    return render_template("payments/admin_transfers.html", matches=vietqr.transfers_to_match(),
                           form=ResolveTransferForm())


@bp.post("/admin/transfers/<int:match_id>/resolve")
@require_role(Role.ADMIN)
def admin_resolve_transfer(match_id):
    form = ResolveTransferForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
        return redirect(url_for("payments.admin_transfers"))
    try:
        match = vietqr.resolve(match_id, form.decision.data, form.note.data, signed_in_user())
    except vietqr.MatchRefused as error:
        flash(str(error.message), "error")
    else:
        flash(_("Transfer for order %(number)s: %(status)s.", number=match.order.number,
                status=MATCH_STATUS_LABELS[match.status]), "success")
    return redirect(url_for("payments.admin_transfers"))


# ---------------------------------------------------------------------------------------
# The admin: payouts


def _payout_form():
    """The payout form (a POST fills it in; the day defaults to today) and the balances it offers."""
    form = PayoutForm(paid_on=clock.today())
    balances = payouts.cooperative_balances()
    form.cooperative_id.choices = [(row.cooperative.id, f"{row.cooperative.name} ({price(row.balance)})")
                                   for row in balances]
    return form, balances


@bp.route("/admin/payouts", methods=["GET", "POST"])
@require_role(Role.ADMIN)
def admin_payouts():
    form, balances = _payout_form()
    if form.validate_on_submit():
        cooperative = db.session.get(Cooperative, form.cooperative_id.data)
        if cooperative is None:
            form.cooperative_id.errors = [_("Choose a cooperative.")]
        else:
            try:
                payouts.record_payout(cooperative, form.amount_vnd.data, form.bank_reference.data, form.paid_on.data,
                                       signed_in_user(), form.note.data)
            except payouts.PayoutRefused as error:
                form.amount_vnd.errors = [*form.amount_vnd.errors, str(error.message)]
            else:
                flash(_("Payout recorded; %(name)s was told.", name=cooperative.name), "success")
                return redirect(url_for("payments.admin_payouts"))
    return render_template("payments/admin_payouts.html", form=form, balances=balances)


@bp.get("/admin/payouts/<int:cooperative_id>")
@require_role(Role.ADMIN)
def admin_cooperative_ledger(cooperative_id):
    cooperative = db.session.get(Cooperative, cooperative_id)
    if cooperative is None:
        abort(404)
    return _ledger_page(cooperative, admin=True)


# ---------------------------------------------------------------------------------------
# The cooperative: its ledger


def _ledger_page(cooperative, admin=False, statement_form=None):
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10**6))
    entries, total = ledger.entries_of(cooperative.id, page, PER_PAGE)
    today = clock.today()
    return render_template(
        "payments/ledger.html", cooperative=cooperative, balance=ledger.balance(cooperative.id), entries=entries,
        months=ledger.monthly_totals(cooperative.id), payouts=payouts.payouts_of(cooperative.id), page=page, pages=max(1, -(-total // PER_PAGE)), admin=admin,
        statement_form=statement_form or PeriodForm(formdata=None, start=today.replace(day=1), end=today),
    )


@bp.get("/portal/ledger")
@require_approved_cooperative
def ledger_page():
    return _ledger_page(current_cooperative())


STATEMENT_HEADER = ("date", "kind", "reference", "amount_vnd", "balance_vnd")


@bp.get("/portal/ledger/statement")
@require_approved_cooperative
def statement():
    """The statement of a period as CSV: opening balance, every entry with the balance after
    it, closing balance (Vietnamese calendar days)."""
    if "start" not in request.args:
        return redirect(url_for("payments.ledger_page"))
    cooperative = current_cooperative()
    form = PeriodForm(request.args)
    if form.validate():
        try:
            reports.check_period(form.start.data, form.end.data)
        except Refusal as error:
            form.end.errors = [*form.end.errors, *error.problems]
        else:
            return _statement_csv(cooperative, form.start.data, form.end.data)
    return _ledger_page(cooperative, statement_form=form)


def _statement_csv(cooperative, start, end):
    report = ledger.statement(cooperative.id, *clock.day_bounds(start, end))
    out = io.StringIO()
    out.write("\ufeff")  # a BOM, so that Excel reads the Vietnamese as UTF-8
    writer = csvsafe.writer(out)
    writer.writerow(STATEMENT_HEADER)
    writer.writerow((start.isoformat(), "opening_balance", "", "", report.opening))
    for entry, balance in report.lines:
        writer.writerow((clock.local(entry.created_at).strftime("%Y-%m-%d %H:%M"), entry.kind.value,
                         entry.reference, entry.amount_vnd, balance))
    writer.writerow((end.isoformat(), "closing_balance", "", "", report.closing))
    filename = f"statement-{cooperative.slug}-{start:%Y%m%d}-{end:%Y%m%d}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


# ---------------------------------------------------------------------------------------
# The admin: the monthly withholding report (Decree 117/2025/NĐ-CP)

WITHHOLDING_HEADER = ("seller", "kind", "tax_code", "citizen_id", "revenue_goods_vnd", "revenue_services_vnd",
                      "revenue_transport_vnd", "vat_vnd", "pit_vnd")


def _month_form():
    form = MonthForm(request.args)
    first = clock.today().replace(day=1)
    form.month.choices = [(f"{day:%Y-%m}", f"{day:%m/%Y}") for day in (clock.add_months(first, -n) for n in range(24))]
    return form


@bp.get("/admin/withholding")
@require_role(Role.ADMIN)
def admin_withholding():
    """The tax withheld per seller and month, as the monthly declaration needs it: a CSV."""
    form = _month_form()
    if "month" in request.args and form.validate():
        month = date.fromisoformat(f"{form.month.data}-01")
        return _withholding_csv(month, withholding.monthly_report(month))
    return render_template("payments/admin_withholding.html", form=form)


def _withholding_csv(month, report):
    out = io.StringIO()
    out.write("\ufeff")  # a BOM, so that Excel reads the Vietnamese as UTF-8
    writer = csvsafe.writer(out)
    writer.writerow(WITHHOLDING_HEADER)
    for line in report:
        seller = line.cooperative
        writer.writerow((seller.name, seller.kind.value, seller.tax_code, seller.personal_id,
                         line.revenue[TaxableKind.GOODS], line.revenue[TaxableKind.SERVICES],
                         line.revenue[TaxableKind.TRANSPORT], line.vat, line.pit))
    filename = f"withholding-{month:%Y-%m}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
