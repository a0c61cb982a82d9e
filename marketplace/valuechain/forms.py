"""Forms of the value chain. They turn what was typed into values (numbers, dates, đồng);
the rules themselves (positive quantities, price ranges, deadlines, stars…) are checked by
the services, whose refusals are shown next to the field they name."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace import places
from marketplace.forms import choices, optional_int
from marketplace.i18n import current_language
from marketplace.money import parse_vnd
from marketplace.valuechain import companies, kinds, labels, offers, partnerships, sourcing
from marketplace.valuechain.models import (
    DECLARED_CERTIFICATIONS,
    Certification,
    DeliveryTerm,
    Frequency,
    Unit,
)


class ChoiceIn:
    """Like WTForms' choice check, with our message (choices are checked again by services)."""

    def __init__(self, optional=False):
        self.optional = optional

    def __call__(self, form, field):
        values = field.data if isinstance(field.data, list) else [field.data]
        if self.optional and values in ([None], [""], []):
            return
        known = {choice.value for choice in field.choices}
        if not values or any(v in (None, "") or v not in known for v in values):
            raise ValidationError(_l("Choose from the options."))


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes, each with its label."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        pass  # ChoiceIn says what is wrong, in our words


class WholeNumberField(StringField):
    """A whole number typed with or without thousands separators ("1.500", "85,000 ₫");
    None when left empty."""

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.data = parse_vnd(text) if text else None
        if text and self.data is None:
            self.raw = text
            raise ValueError(_l("Enter a whole number, e.g. 1.500."))

    def _value(self):
        if getattr(self, "raw", None) is not None:
            return self.raw
        return "" if self.data is None else str(self.data)


class DateInput(StringField):
    """An <input type=date> (yyyy-mm-dd); None when left empty."""

    def __init__(self, label=None, **kwargs):
        kwargs.setdefault("render_kw", {})["type"] = "date"
        super().__init__(label, **kwargs)

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if text:
            try:
                self.data = date.fromisoformat(text)
            except ValueError:
                self.raw = text
                raise ValueError(_l("Enter a date like 31/12/2026.")) from None

    def _value(self):
        if getattr(self, "raw", None) is not None:
            return self.raw
        return self.data.isoformat() if isinstance(self.data, date) else ""


def category_choices(categories):
    """OCOP groups and their sub-groups, the sub-groups indented under their group."""
    language = current_language()
    pairs = [("", _l("Choose…"))]
    for group in categories:
        pairs.append((group.id, f"{group.code}. {group.name(language)}"))
        pairs += [(sub.id, f"\u00a0\u00a0{sub.code}. {sub.name(language)}") for sub in group.children]
    return choices(pairs)


def province_choices(blank=None):
    pairs = [("", blank)] if blank else []
    return choices(pairs + [(p.code, p.name) for p in places.provinces()])


class RequestForm(FlaskForm):
    title = StringField(_l("Title"), render_kw={"maxlength": 200},
                        description=_l("What you are looking for, e.g. “Coconut candy, 400 g boxes, for our shops”."))
    category_id = SelectField(_l("OCOP group or sub-group"), coerce=optional_int, validate_choice=False,
                              validators=[ChoiceIn()])
    specification = TextAreaField(_l("Specification"), render_kw={"rows": 4, "maxlength": 5000})
    quantity = WholeNumberField(_l("Quantity"), render_kw={"inputmode": "numeric"})
    unit = SelectField(_l("Unit"), validate_choice=False, validators=[ChoiceIn()])
    frequency = SelectField(_l("Frequency"), validate_choice=False, validators=[ChoiceIn()])
    period_start = DateInput(_l("Supply from"))
    period_end = DateInput(_l("Supply until"))
    target_price_min = WholeNumberField(_l("Target price from (đồng per unit)"), render_kw={"inputmode": "numeric"})
    target_price_max = WholeNumberField(_l("Target price up to (đồng per unit)"), render_kw={"inputmode": "numeric"})
    min_stars = SelectField(_l("Minimum OCOP stars"), coerce=optional_int, default=3, validate_choice=False)
    certifications = CheckboxesField(_l("Required certifications"), validators=[ChoiceIn(optional=True)])
    packaging = StringField(_l("Packaging"), render_kw={"maxlength": 200})
    delivery_term = SelectField(_l("Delivery term"), validate_choice=False, validators=[ChoiceIn()])
    delivery_province_code = SelectField(_l("Deliver to (province)"), coerce=optional_int, validate_choice=False,
                                         validators=[ChoiceIn()])
    delivery_ward_code = SelectField(_l("Commune or ward delivered to (optional)"), coerce=optional_int,
                                     validate_choice=False, validators=[ChoiceIn(optional=True)],
                                     description=_l("Distances to producers start here; the province's communes "
                                                    "are listed once the province is saved."))
    product_kind = SelectField(_l("Kind of product (optional)"), validate_choice=False,
                               validators=[ChoiceIn(optional=True)],
                               description=_l("Producers of this kind are suggested first; left empty, it is "
                                              "read from the title."))
    deadline = DateInput(_l("Deadline for offers"))
    anonymous = BooleanField(_l("Post anonymously (producers do not see our company name)"))

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.product_kind.choices = choices([("", _l("Read it from the title"))] + kinds.kind_choices())
        province = self.delivery_province_code.data
        self.delivery_ward_code.choices = choices(
            [("", _l("Anywhere in the province"))]
            + [(w.code, w.name) for w in (places.wards(province) if isinstance(province, int) else [])])
        self.category_id.choices = category_choices(categories)
        self.unit.choices = choices((u.value, labels.unit_label(u)) for u in Unit)
        self.frequency.choices = choices((f.value, labels.frequency_label(f)) for f in Frequency)
        self.min_stars.choices = choices((n, f"{n}★") for n in range(1, 6))
        self.certifications.choices = choices((c.value, labels.certification_label(c)) for c in Certification)
        self.delivery_term.choices = choices((t.value, labels.delivery_term_label(t)) for t in DeliveryTerm)
        self.delivery_province_code.choices = province_choices(_l("Choose…"))

    def details(self):
        return sourcing.RequestDetails(
            title=self.title.data or "", category_id=self.category_id.data, quantity=self.quantity.data,
            unit=self.unit.data, frequency=self.frequency.data, delivery_term=self.delivery_term.data,
            delivery_province_code=self.delivery_province_code.data, deadline=self.deadline.data,
            specification=self.specification.data or "", period_start=self.period_start.data,
            period_end=self.period_end.data, target_price_min=self.target_price_min.data,
            target_price_max=self.target_price_max.data, min_stars=self.min_stars.data,
            certifications=self.certifications.data or [], packaging=self.packaging.data or "",
            anonymous=self.anonymous.data, delivery_ward_code=self.delivery_ward_code.data,
            product_kind=self.product_kind.data or None,
        )


def product_choices(products):
    language = current_language()
    return choices((p.id, f"{p.name(language)} ({p.unit})") for p in products)


class OfferForm(FlaskForm):
    product_ids = CheckboxesField(_l("Products offered"), coerce=optional_int)
    unit_price = WholeNumberField(_l("Unit price (đồng per unit of the request)"), render_kw={"inputmode": "numeric"})
    quantity_per_period = WholeNumberField(_l("Quantity you can supply per period"), render_kw={"inputmode": "numeric"})
    lead_time_days = WholeNumberField(_l("Lead time (days)"), default=7, render_kw={"inputmode": "numeric"})
    sample_available = BooleanField(_l("We can send a sample"))
    valid_until = DateInput(_l("Offer valid until"))
    message = TextAreaField(_l("Message to the buyer"), render_kw={"rows": 4, "maxlength": 4000})
    show_if_accepted = BooleanField(_l("If our offer is accepted, the partnership may be shown on the public value chain"))
    min_order_quantity = WholeNumberField(_l("Minimum order (optional)"), render_kw={"inputmode": "numeric"})
    delivery_term = SelectField(_l("Delivery term"), validate_choice=False, validators=[ChoiceIn()],
                                default=DeliveryTerm.WAREHOUSE.value)
    tier1_quantity = WholeNumberField(_l("From quantity"), render_kw={"inputmode": "numeric"})
    tier1_price = WholeNumberField(_l("Unit price"), render_kw={"inputmode": "numeric"})
    tier2_quantity = WholeNumberField(_l("From quantity"), render_kw={"inputmode": "numeric"})
    tier2_price = WholeNumberField(_l("Unit price"), render_kw={"inputmode": "numeric"})

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.product_ids.choices = product_choices(products)
        self.delivery_term.choices = choices((t.value, labels.delivery_term_label(t)) for t in DeliveryTerm)

    def fill_tiers(self, tiers):
        """Show an offer's price tiers in the tier rows."""
        for (quantity, price), n in zip(tiers or [], (1, 2)):
            getattr(self, f"tier{n}_quantity").data = quantity
            getattr(self, f"tier{n}_price").data = price

    def tiers(self):
        """The tier rows filled in; a half-filled row goes to the service, which names it."""
        rows = [(getattr(self, f"tier{n}_quantity").data, getattr(self, f"tier{n}_price").data) for n in (1, 2)]
        return [list(row) for row in rows if row != (None, None)]

    def details(self):
        return offers.OfferDetails(
            product_ids=self.product_ids.data or [], unit_price=self.unit_price.data,
            quantity_per_period=self.quantity_per_period.data, lead_time_days=self.lead_time_days.data,
            valid_until=self.valid_until.data, sample_available=self.sample_available.data,
            message=self.message.data or "", show_if_accepted=self.show_if_accepted.data,
            min_order_quantity=self.min_order_quantity.data, delivery_term=self.delivery_term.data,
            price_tiers=self.tiers(),
        )


class CounterForm(FlaskForm):
    """New terms from either side of a negotiation; `revision` is the one the person read."""

    revision = HiddenField()
    unit_price = WholeNumberField(_l("Unit price (đồng per unit of the request)"), render_kw={"inputmode": "numeric"})
    quantity_per_period = WholeNumberField(_l("Quantity per period"), render_kw={"inputmode": "numeric"})
    min_order_quantity = WholeNumberField(_l("Minimum order (optional)"), render_kw={"inputmode": "numeric"})
    tier1_quantity = OfferForm.tier1_quantity
    tier1_price = OfferForm.tier1_price
    tier2_quantity = OfferForm.tier2_quantity
    tier2_price = OfferForm.tier2_price
    delivery_term = SelectField(_l("Delivery term"), validate_choice=False, validators=[ChoiceIn()])
    lead_time_days = WholeNumberField(_l("Lead time (days)"), render_kw={"inputmode": "numeric"})
    valid_until = DateInput(_l("Valid until"))
    message = TextAreaField(_l("Why these terms (optional)"), render_kw={"rows": 3, "maxlength": 4000})

    fill_tiers = OfferForm.fill_tiers
    tiers = OfferForm.tiers

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.delivery_term.choices = choices((t.value, labels.delivery_term_label(t)) for t in DeliveryTerm)

    def fill(self, offer):
        """Start from the offer's latest terms."""
        for name in ("unit_price", "quantity_per_period", "min_order_quantity", "lead_time_days", "valid_until"):
            getattr(self, name).data = getattr(offer, name)
        self.delivery_term.data = offer.delivery_term.value
        self.revision.data = offer.revision
        self.fill_tiers(offer.price_tiers)

    def seen_revision(self):
        try:
            return int(self.revision.data)
        except (TypeError, ValueError):
            return None

    def terms(self):
        return offers.Terms(
            unit_price=self.unit_price.data, quantity_per_period=self.quantity_per_period.data,
            lead_time_days=self.lead_time_days.data, valid_until=self.valid_until.data,
            delivery_term=self.delivery_term.data, min_order_quantity=self.min_order_quantity.data,
            price_tiers=self.tiers(), message=self.message.data or "",
        )


class AcceptTermsForm(FlaskForm):
    """Accepting the other side's latest terms, as read (`revision`)."""

    revision = HiddenField()
    shown = BooleanField(_l("Show this partnership on the public value chain"))

    def seen_revision(self):
        return CounterForm.seen_revision(self)


class SampleForm(FlaskForm):
    sample_quantity = WholeNumberField(_l("Sample quantity"), render_kw={"inputmode": "numeric"})
    sample_price = WholeNumberField(_l("Price per unit you offer for the samples (đồng)"),
                                    render_kw={"inputmode": "numeric"})


class ReceiveForm(FlaskForm):
    quantity_received = WholeNumberField(_l("Quantity received"), render_kw={"inputmode": "numeric"})


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Your message"), render_kw={"rows": 3, "maxlength": 4000})


class PartnershipForm(FlaskForm):
    product_ids = CheckboxesField(_l("Products"), coerce=optional_int)
    unit_price = WholeNumberField(_l("Price (đồng per unit)"), render_kw={"inputmode": "numeric"})
    unit = SelectField(_l("Unit"), validate_choice=False, validators=[ChoiceIn()])
    volume_per_period = WholeNumberField(_l("Volume per period"), render_kw={"inputmode": "numeric"})
    frequency = SelectField(_l("Frequency"), validate_choice=False, validators=[ChoiceIn()])
    starts_on = DateInput(_l("Starting"))
    ends_on = DateInput(_l("Until (optional)"))
    message = TextAreaField(_l("Message to the producer"), render_kw={"rows": 4, "maxlength": 4000})

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.product_ids.choices = product_choices(products)
        self.unit.choices = choices((u.value, labels.unit_label(u)) for u in Unit)
        self.frequency.choices = choices((f.value, labels.frequency_label(f)) for f in Frequency)

    def terms(self):
        return partnerships.PartnershipTerms(
            product_ids=self.product_ids.data or [], unit_price=self.unit_price.data, unit=self.unit.data,
            volume_per_period=self.volume_per_period.data, frequency=self.frequency.data,
            starts_on=self.starts_on.data, ends_on=self.ends_on.data, message=self.message.data or "",
        )


class CapacityForm(FlaskForm):
    monthly_quantity = WholeNumberField(_l("Per month"), render_kw={"inputmode": "numeric"})
    unit = SelectField(_l("Unit"), validate_choice=False, validators=[ChoiceIn()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit.choices = choices((u.value, labels.unit_label(u)) for u in Unit)


class CertificationForm(FlaskForm):
    kind = SelectField(_l("Certification"), validate_choice=False, validators=[ChoiceIn()])
    reference = StringField(_l("Certificate number"), render_kw={"maxlength": 100})
    valid_until = DateInput(_l("Valid until"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices((c.value, labels.certification_label(c)) for c in DECLARED_CERTIFICATIONS)


class CompanyProfileForm(FlaskForm):
    description = TextAreaField(_l("About the company"), render_kw={"rows": 5, "maxlength": 5000})
    contact_name = StringField(_l("Contact person"), render_kw={"maxlength": 100, "autocomplete": "name"})
    contact_phone = StringField(_l("Phone"), render_kw={"maxlength": 20, "autocomplete": "tel", "inputmode": "tel"})
    contact_email = StringField(_l("Email"), render_kw={"maxlength": 254, "autocomplete": "email", "type": "email"})
    website = StringField(_l("Website"), render_kw={"maxlength": 200, "type": "url"})
    market_provinces = CheckboxesField(_l("Provinces we sell in"), coerce=optional_int,
                                       validators=[ChoiceIn(optional=True)])
    export_countries = SelectMultipleField(_l("Countries we export to"), validators=[ChoiceIn(optional=True)],
                                           validate_choice=False, render_kw={"size": 8})
    groups_sought = CheckboxesField(_l("OCOP groups we buy"), validators=[ChoiceIn(optional=True)])
    certifications_required = CheckboxesField(_l("Certifications we usually require"),
                                              validators=[ChoiceIn(optional=True)])

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        language = current_language()
        self.market_provinces.choices = province_choices()
        self.export_countries.choices = choices(labels.country_names().items())
        self.groups_sought.choices = choices((g.code, f"{g.code}. {g.name(language)}") for g in groups)
        self.certifications_required.choices = choices(
            (c.value, labels.certification_label(c)) for c in Certification
        )

    def profile(self):
        return companies.CompanyProfile(
            description=self.description.data or "", contact_name=self.contact_name.data or "",
            contact_phone=self.contact_phone.data or "", contact_email=self.contact_email.data or "",
            website=self.website.data or "", market_provinces=self.market_provinces.data or [],
            export_countries=self.export_countries.data or [], groups_sought=self.groups_sought.data or [],
            certifications_required=self.certifications_required.data or [],
        )


class VisibilityForm(FlaskForm):
    shown = BooleanField(_l("Show on the public value chain"))
