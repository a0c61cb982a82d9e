"""Forms of the cart, checkout, order pages and the cooperative's order portal.

Services check every rule again (a form only spares the shopper a round trip); the validators
here call the same functions, so the messages agree.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, Length, NumberRange, Optional, ValidationError

from marketplace import places, taxids
from marketplace.forms import REQUIRED, MoneyField, data_required, max_length, optional_int, strip
from marketplace.orders import carts
from marketplace.orders.models import CARRIER_LABELS, PAYMENT_LABELS, Carrier, PaymentMethod
from marketplace.orders.signals import offered_payment_methods

ADDRESS_FIELDS = ("province_code", "ward_code", "street", "note")


class CheckoutForm(FlaskForm):
    name = StringField(_l("Full name of the receiver"), filters=[strip], validators=[data_required(), max_length(100)],
                       render_kw={"autocomplete": "name"})
    phone = TelField(_l("Mobile phone"), filters=[strip], validators=[data_required()],
                     render_kw={"autocomplete": "tel", "inputmode": "tel"})
    email = EmailField(_l("Email (for the confirmation)"), filters=[strip],
                       validators=[data_required(), Email(message=_l("Enter an email address like name@example.com.")),
                                   max_length(254)], render_kw={"autocomplete": "email"})
    province_code = SelectField(_l("Province or city"), coerce=optional_int, validate_choice=False)
    ward_code = SelectField(_l("Commune or ward"), coerce=optional_int, validate_choice=False)
    street = StringField(_l("House number, street, hamlet"), filters=[strip], validators=[data_required(), max_length(200)],
                         render_kw={"autocomplete": "street-address"})
    note = TextAreaField(_l("Delivery note (optional)"), filters=[strip], validators=[Optional(), max_length(500)],
                         render_kw={"rows": 2})
    want_invoice = BooleanField(_l("My company needs an invoice"))
    # Checked by the validate_* methods below only when an invoice is asked for.
    invoice_company = StringField(_l("Company name"), filters=[strip], validators=[max_length(200)])
    invoice_tax_code = StringField(_l("Tax code (MST)"), filters=[strip], validators=[max_length(14)],
                                   render_kw={"inputmode": "numeric"})
    invoice_address = StringField(_l("Company address"), filters=[strip], validators=[max_length(300)])

    def __init__(self, *args, needs_address=True, **kwargs):
        super().__init__(*args, **kwargs)
        # A cart of bookings only: nothing is delivered, so no address is asked for.
        self.needs_address = needs_address
        if not needs_address:
            for name in ADDRESS_FIELDS:
                delattr(self, name)
            return
        self.province_code.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(p.code, p.name) for p in places.provinces()
        ]
        self.ward_code.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(w.code, w.name) for w in places.wards(self.province_code.data)
        ]

    def validate_phone(self, field):
        try:
            field.data = carts.normalise_mobile(field.data)
        except ValueError:
            raise ValidationError(
                _l("Enter a Vietnamese mobile number: 10 digits starting with 03, 05, 07, 08 or 09 (+84 is fine).")
            ) from None

    def validate_province_code(self, field):
        if places.province(field.data) is None:
            raise ValidationError(_l("Choose a province."))

    def validate_ward_code(self, field):
        province = places.province(self.province_code.data)
        if province is not None and places.ward(province.code, field.data) is None:
            raise ValidationError(_l("Choose a commune or ward of %(province)s.", province=province.name))

    def validate_invoice_tax_code(self, field):
        if self.want_invoice.data:
            try:
                field.data = taxids.normalise_mst(field.data)
            except ValueError:
                raise ValidationError(
                    _l("Enter a valid tax code (MST): 10 digits, or 10 digits, a dash and 3 digits; check it for typos.")
                ) from None

    def validate_invoice_company(self, field):
        if self.want_invoice.data and not field.data:
            raise ValidationError(REQUIRED)

    def validate_invoice_address(self, field):
        if self.want_invoice.data and not field.data:
            raise ValidationError(REQUIRED)

    def details(self):
        """The delivery as a plain dict (kept in the session until the order is placed)."""
        invoice = self.want_invoice.data
        address = self.needs_address
        return {
            "name": self.name.data, "phone": self.phone.data, "email": self.email.data,
            "province_code": self.province_code.data if address else None,
            "ward_code": self.ward_code.data if address else None,
            "street": self.street.data if address else "", "note": (self.note.data or "") if address else "",
            "invoice_company": self.invoice_company.data if invoice else "",
            "invoice_tax_code": self.invoice_tax_code.data if invoice else "",
            "invoice_address": self.invoice_address.data if invoice else "",
        }


class PlaceOrderForm(FlaskForm):
    token = HiddenField(validators=[data_required(), Length(min=16, max=64)])
    payment_method = RadioField(
        _l("Payment"), choices=[SelectChoice(PaymentMethod.COD.value, PAYMENT_LABELS[PaymentMethod.COD])],
        default=PaymentMethod.COD.value, validators=[data_required()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Card payment only when payments offers it (Stripe configured).
        self.payment_method.choices = [SelectChoice(m.value, PAYMENT_LABELS[m]) for m in offered_payment_methods()]


class LookupForm(FlaskForm):
    number = StringField(_l("Order number"), filters=[strip], validators=[data_required(), max_length(20)],
                         render_kw={"placeholder": "OCOP-2026-000123"})
    phone = TelField(_l("Mobile phone used for the order"), filters=[strip], validators=[data_required(), max_length(20)],
                     render_kw={"autocomplete": "tel", "inputmode": "tel"})


class CancelOrderForm(FlaskForm):
    reason = TextAreaField(_l("Why? (optional)"), filters=[strip], validators=[Optional(), max_length(500)],
                           render_kw={"rows": 2})


class ReviewForm(FlaskForm):
    rating = RadioField(_l("Your rating"), choices=[SelectChoice(str(n), str(n)) for n in range(5, 0, -1)],
                        validators=[data_required()], validate_choice=False)
    body = TextAreaField(_l("Your review (optional)"), filters=[strip], validators=[Optional(), max_length(2000)],
                         render_kw={"rows": 3})


# Cooperative portal


class ShipForm(FlaskForm):
    carrier = SelectField(_l("Carrier"), validate_choice=False, validators=[data_required()])
    tracking_number = StringField(_l("Tracking number"), filters=[strip], validators=[Optional(), max_length(64)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.carrier.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(c.value, CARRIER_LABELS[c]) for c in Carrier
        ]


class CancelShipmentForm(FlaskForm):
    reason = TextAreaField(_l("Reason (the buyer reads it)"), filters=[strip], validators=[data_required(), max_length(500)],
                           render_kw={"rows": 2})


UNITS_MESSAGE = _l("Enter a number of units from 1 to %(max)s.", max=carts.MAX_QUANTITY)


class ShippingSettingsForm(FlaskForm):
    shipping_fee_vnd = MoneyField(_l("Shipping fee per order (₫)"), render_kw={"inputmode": "numeric"})
    free_shipping_from_vnd = MoneyField(_l("Free shipping from a goods total of (₫, optional)"),
                                        render_kw={"inputmode": "numeric"})

    max_units_per_order = IntegerField(
        _l("Most units of one product in one order"),
        validators=[Optional(), NumberRange(1, carts.MAX_QUANTITY, UNITS_MESSAGE)],
        render_kw={"inputmode": "numeric"},
    )

    def validate_shipping_fee_vnd(self, field):
        if field.data is None:
            raise ValidationError(_l("Enter the fee in đồng, e.g. 30.000."))

    def validate_free_shipping_from_vnd(self, field):
        if field.data is None and (field.raw or "").strip():
            raise ValidationError(_l("Enter an amount in đồng, e.g. 500.000, or leave it empty."))
