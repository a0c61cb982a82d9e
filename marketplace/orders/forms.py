"""Forms of the cart, checkout, order pages and the cooperative's order portal.

Services check every rule again (a form only spares the shopper a round trip); the validators
here call the same functions, so the messages agree.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
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
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from marketplace import places
from marketplace.money import parse_vnd
from marketplace.orders import services
from marketplace.orders.models import Carrier, PaymentMethod
from marketplace.payments.gateway import available_methods

REQUIRED = _l("This field is required.")


def _required():
    return DataRequired(message=REQUIRED)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _at_most(n):
    return Length(max=n, message=_l("Use at most %(n)s characters.", n=n))


class CheckoutForm(FlaskForm):
    name = StringField(_l("Full name of the receiver"), filters=[_strip], validators=[_required(), _at_most(100)],
                       render_kw={"autocomplete": "name"})
    phone = TelField(_l("Mobile phone"), filters=[_strip], validators=[_required()],
                     render_kw={"autocomplete": "tel", "inputmode": "tel"})
    email = EmailField(_l("Email (for the confirmation)"), filters=[_strip],
                       validators=[_required(), Email(message=_l("Enter an email address like name@example.com.")),
                                   _at_most(254)], render_kw={"autocomplete": "email"})
    province_code = SelectField(_l("Province or city"), coerce=_int_or_none, validate_choice=False)
    ward_code = SelectField(_l("Commune or ward"), coerce=_int_or_none, validate_choice=False)
    street = StringField(_l("House number, street, hamlet"), filters=[_strip], validators=[_required(), _at_most(200)],
                         render_kw={"autocomplete": "street-address"})
    note = TextAreaField(_l("Delivery note (optional)"), filters=[_strip], validators=[Optional(), _at_most(500)],
                         render_kw={"rows": 2})
    want_invoice = BooleanField(_l("I need a VAT invoice"))
    # Checked by the validate_* methods below only when an invoice is asked for.
    invoice_company = StringField(_l("Company name"), filters=[_strip], validators=[_at_most(200)])
    invoice_tax_code = StringField(_l("Tax code (MST)"), filters=[_strip], validators=[_at_most(14)],
                                   render_kw={"inputmode": "numeric"})
    invoice_address = StringField(_l("Company address"), filters=[_strip], validators=[_at_most(300)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.province_code.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(p.code, p.name) for p in places.provinces()
        ]
        self.ward_code.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(w.code, w.name) for w in places.wards(self.province_code.data)
        ]

    def validate_phone(self, field):
        try:
            field.data = services.normalise_mobile(field.data)
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
                field.data = services.normalise_tax_code(field.data)
            except ValueError:
                raise ValidationError(
                    _l("Enter the tax code (MST) as 10 digits, or 10 digits, a dash and 3 digits.")
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
        return {
            "name": self.name.data, "phone": self.phone.data, "email": self.email.data,
            "province_code": self.province_code.data, "ward_code": self.ward_code.data,
            "street": self.street.data, "note": self.note.data or "",
            "invoice_company": self.invoice_company.data if invoice else "",
            "invoice_tax_code": self.invoice_tax_code.data if invoice else "",
            "invoice_address": self.invoice_address.data if invoice else "",
        }


class PlaceOrderForm(FlaskForm):
    token = HiddenField(validators=[_required(), Length(min=16, max=64)])
    payment_method = RadioField(
        _l("Payment"), choices=[SelectChoice(PaymentMethod.COD.value, services.PAYMENT_LABELS[PaymentMethod.COD])],
        default=PaymentMethod.COD.value, validators=[_required()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Card payment only when Stripe is configured (payments.gateway).
        self.payment_method.choices = [SelectChoice(m.value, services.PAYMENT_LABELS[m]) for m in available_methods()]


class LookupForm(FlaskForm):
    number = StringField(_l("Order number"), filters=[_strip], validators=[_required(), _at_most(20)],
                         render_kw={"placeholder": "OCOP-2026-000123"})
    phone = TelField(_l("Mobile phone used for the order"), filters=[_strip], validators=[_required(), _at_most(20)],
                     render_kw={"autocomplete": "tel", "inputmode": "tel"})


class CancelOrderForm(FlaskForm):
    reason = TextAreaField(_l("Why? (optional)"), filters=[_strip], validators=[Optional(), _at_most(500)],
                           render_kw={"rows": 2})


class ReviewForm(FlaskForm):
    rating = RadioField(_l("Your rating"), choices=[SelectChoice(str(n), str(n)) for n in range(5, 0, -1)],
                        validators=[_required()], validate_choice=False)
    body = TextAreaField(_l("Your review (optional)"), filters=[_strip], validators=[Optional(), _at_most(2000)],
                         render_kw={"rows": 3})


# Cooperative portal


class ActionForm(FlaskForm):
    """A button that moves a shipment (confirm, delivered): only the CSRF token."""


class ShipForm(FlaskForm):
    carrier = SelectField(_l("Carrier"), validate_choice=False, validators=[_required()])
    tracking_number = StringField(_l("Tracking number"), filters=[_strip], validators=[Optional(), _at_most(64)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.carrier.choices = [SelectChoice("", _l("Choose…"))] + [
            SelectChoice(c.value, services.CARRIER_LABELS[c]) for c in Carrier
        ]


class CancelShipmentForm(FlaskForm):
    reason = TextAreaField(_l("Reason (the buyer reads it)"), filters=[_strip], validators=[_required(), _at_most(500)],
                           render_kw={"rows": 2})


class ExportForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that downloads a file

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To (inclusive)"), validators=[Optional()])


class MoneyField(StringField):
    """An amount in đồng typed as "30.000", "30000" or "30.000 ₫"."""

    raw = None  # what was typed, shown again when it is not an amount

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.raw = self.data
        self.data = parse_vnd(self.data) if (self.data or "").strip() else None

    def _value(self):
        if self.raw is not None:
            return self.raw
        return f"{self.data:,}".replace(",", ".") if isinstance(self.data, int) else ""


UNITS_MESSAGE = _l("Enter a number of units from 1 to %(max)s.", max=services.MAX_QUANTITY)


class ShippingSettingsForm(FlaskForm):
    shipping_fee_vnd = MoneyField(_l("Shipping fee per order (₫)"), render_kw={"inputmode": "numeric"})
    free_shipping_from_vnd = MoneyField(_l("Free shipping from a goods total of (₫, optional)"),
                                        render_kw={"inputmode": "numeric"})

    max_units_per_order = IntegerField(
        _l("Most units of one product in one order"),
        validators=[Optional(), NumberRange(1, services.MAX_QUANTITY, UNITS_MESSAGE)],
        render_kw={"inputmode": "numeric"},
    )

    def validate_shipping_fee_vnd(self, field):
        if field.data is None:
            raise ValidationError(_l("Enter the fee in đồng, e.g. 30.000."))

    def validate_free_shipping_from_vnd(self, field):
        if field.data is None and (field.raw or "").strip():
            raise ValidationError(_l("Enter an amount in đồng, e.g. 500.000, or leave it empty."))
