"""Forms of the cooperative portal. Numbers are typed as text and checked here with our own
messages (prices as people write them: 85.000, 85,000 ₫); services check the rules again."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, Optional, ValidationError

from marketplace import places
from marketplace.catalog.rules import CRITERIA_VERSIONS
from marketplace.forms import EMAIL_INVALID, ChoiceIn, MoneyField, choices, data_required, max_length, optional_int, strip
from marketplace.i18n import current_language
from marketplace.money import parse_vnd
from marketplace.portal import services
from marketplace.producers.profile import ProfileDetails
from marketplace.program.labels import LEVEL_LABELS
from marketplace.program.services import CertificateDetails
from marketplace.stock.services import MAX_STOCK

DESCRIPTION_MAX = 5000


def whole_number(text):
    """A whole number typed with spaces or thousands dots ("1.000"), else None."""
    digits = (text or "").strip().replace(" ", "").replace(".", "").replace(",", "")
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 12 else None


class WholeNumber:
    """A text field holding a whole number from `low` to `high`."""

    def __init__(self, low, high, message):
        self.low, self.high, self.message = low, high, message

    def __call__(self, form, field):
        if not (field.data or "").strip():
            return
        value = whole_number(field.data)
        if value is None or not self.low <= value <= self.high:
            raise ValidationError(self.message)


class Price:
    def __call__(self, form, field):
        if (field.data or "").strip():
            value = parse_vnd(field.data)
            if value is None or value > services.MAX_PRICE:
                raise ValidationError(_l("Enter the price in whole đồng, e.g. 85.000."))


class DateText:
    """A date field (type=date in browsers; YYYY-MM-DD when typed) with our message."""

    def __call__(self, form, field):
        if (field.data or "").strip() and parse_date(field.data) is None:
            raise ValidationError(_l("Enter a date, e.g. 2025-03-31."))


def parse_date(text):
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def number_field(label, low, high, message, required=False, **kwargs):
    validators = ([data_required()] if required else [Optional()]) + [WholeNumber(low, high, message)]
    return StringField(label, validators=validators, render_kw={"inputmode": "numeric", **kwargs})


def date_field(label, required=False):
    validators = ([data_required()] if required else [Optional()]) + [DateText()]
    return StringField(label, validators=validators, render_kw={"type": "date"})


class ProductForm(FlaskForm):
    name_vi = StringField(_l("Name in Vietnamese"), filters=[strip], validators=[data_required(), max_length(200)])
    name_en = StringField(_l("Name in English (optional)"), filters=[strip], validators=[max_length(200)])
    category = SelectField(_l("OCOP category"), validate_choice=False)
    price = StringField(_l("Price (đồng)"), validators=[Optional(), Price()], render_kw={"inputmode": "numeric"})
    unit = StringField(_l("Sold by (unit)"), filters=[strip], validators=[data_required(), max_length(60)])
    weight_g = number_field(_l("Weight in grams (optional)"), 1, 1_000_000, _l("Enter the weight in whole grams, e.g. 400."))
    shelf_life_days = number_field(_l("Shelf life in days (optional)"), 1, 3650,
                                    _l("Enter a number of days from 1 to 3650."))
    description_vi = TextAreaField(_l("Description in Vietnamese"), validators=[max_length(DESCRIPTION_MAX)])
    description_en = TextAreaField(_l("Description in English (optional)"), validators=[max_length(DESCRIPTION_MAX)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        english = current_language() == "en"
        options = [
            (sub.code, f"{sub.parent.name_en if english else sub.parent.name_vi} › {sub.name_en if english else sub.name_vi}")
            for sub in services.subgroups()
        ]
        self.category.choices = choices([("", _l("Choose…"))] + options)
        self._codes = {code for code, _label in options}

    def validate_category(self, field):
        if field.data not in self._codes:
            raise ValidationError(_l("Choose the product's OCOP category."))

    def details(self):
        return services.ListingDetails(
            name_vi=self.name_vi.data or "",
            name_en=self.name_en.data or "",
            category_code=self.category.data,
            unit=self.unit.data or "",
            price_vnd=parse_vnd(self.price.data) or 0,
            description_vi=self.description_vi.data or "",
            description_en=self.description_en.data or "",
            weight_g=whole_number(self.weight_g.data),
            shelf_life_days=whole_number(self.shelf_life_days.data),
        )

    @classmethod
    def for_product(cls, product, **kwargs):
        return cls(
            data={
                "name_vi": product.name_vi, "name_en": product.name_en, "category": product.category.code,
                "price": str(product.price_vnd) if product.price_vnd else "", "unit": product.unit,
                "weight_g": str(product.weight_g or ""), "shelf_life_days": str(product.shelf_life_days or ""),
                "description_vi": product.description_vi, "description_en": product.description_en,
            },
            **kwargs,
        )


class NewProductForm(ProductForm):
    stock = number_field(_l("Stock"), 0, MAX_STOCK,
                          _l("Enter the stock as a whole number from 0 to %(max)s.", max=MAX_STOCK))

    def starting_stock(self):
        return whole_number(self.stock.data) or 0


class StockForm(FlaskForm):
    stock = number_field(_l("Stock now"), 0, MAX_STOCK,
                          _l("Enter the stock as a whole number from 0 to %(max)s.", max=MAX_STOCK),
                          required=True)
    seen = HiddenField()
    note = StringField(_l("Why (optional, e.g. new batch, damaged boxes)"), filters=[strip], validators=[max_length(200)])

    def values(self):
        return whole_number(self.stock.data), whole_number(self.seen.data)


class ProfileForm(FlaskForm):
    story_vi = TextAreaField(_l("Your story in Vietnamese"), validators=[max_length(DESCRIPTION_MAX)])
    story_en = TextAreaField(_l("Your story in English (optional)"), validators=[max_length(DESCRIPTION_MAX)])
    founded_year = number_field(_l("Founded in (year)"), 1900, 2100, _l("Enter a year from 1900 to this year."))
    members = number_field(_l("Number of members"), 1, 100_000, _l("Enter a whole number from 1 to 100000."))
    province_code = SelectField(_l("Province"), coerce=optional_int, validate_choice=False, validators=[ChoiceIn()])
    ward_code = SelectField(_l("Commune or ward"), coerce=optional_int, validate_choice=False, validators=[ChoiceIn()])
    street = StringField(_l("Street address"), filters=[strip], validators=[max_length(200)])
    phone = StringField(_l("Phone"), filters=[strip], validators=[max_length(20)], render_kw={"autocomplete": "tel", "inputmode": "tel"})
    email = StringField(_l("Contact email"), filters=[strip],
                        validators=[Optional(), Email(message=EMAIL_INVALID), max_length(254)], render_kw={"type": "email"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.province_code.choices = choices((p.code, p.name) for p in places.provinces())
        self.ward_code.choices = choices(
            [("", _l("Choose…"))] + [(w.code, w.name) for w in places.wards(self.province_code.data)]
        )

    @classmethod
    def for_cooperative(cls, cooperative, **kwargs):
        return cls(
            data={
                "story_vi": cooperative.story_vi, "story_en": cooperative.story_en,
                "founded_year": str(cooperative.founded_year or ""), "members": str(cooperative.members or ""),
                "province_code": cooperative.province_code or places.VINH_LONG, "ward_code": cooperative.ward_code,
                "street": cooperative.street, "phone": cooperative.phone, "email": cooperative.email,
            },
            **kwargs,
        )

    def details(self):
        return ProfileDetails(
            story_vi=self.story_vi.data or "", story_en=self.story_en.data or "",
            province_code=self.province_code.data, ward_code=self.ward_code.data,
            street=self.street.data or "", phone=self.phone.data or "", email=self.email.data or "",
            founded_year=whole_number(self.founded_year.data), members=whole_number(self.members.data),
        )


class CertificateForm(FlaskForm):
    product = SelectField(_l("Product"), coerce=optional_int, validate_choice=False, validators=[ChoiceIn()])
    stars = SelectField(_l("Stars"), coerce=optional_int, validate_choice=False, validators=[ChoiceIn()],
                        choices=choices([("", _l("Choose…"))] + [(n, "★" * n) for n in range(5, 0, -1)]))
    score = number_field(_l("Score (of 100)"), 0, 100, _l("The score must be a whole number from 0 to 100."),
                          required=True)
    assessing_level = SelectField(
        _l("Assessed by"), validate_choice=False, validators=[ChoiceIn()],
        choices=choices([("", _l("Choose…"))] + [(level.value, label) for level, label in LEVEL_LABELS.items()]),
    )
    issuing_body = StringField(_l("Issuing body (e.g. UBND tỉnh Vĩnh Long)"), filters=[strip],
                               validators=[data_required(), max_length(200)])
    decision_number = StringField(_l("Decision number"), filters=[strip], validators=[max_length(64)])
    decision_date = date_field(_l("Decision date"))
    certificate_number = StringField(_l("Certificate number (3★ and above)"), filters=[strip], validators=[max_length(64)])
    issued_on = date_field(_l("Issued on"), required=True)
    expires_on = date_field(_l("Valid until (leave empty for 36 months after issue)"))
    scan = FileField(_l("Scan of the certificate (PDF or photo, at most 8 MB)"),
                     render_kw={"accept": "application/pdf,image/jpeg,image/png,image/webp"})
    criteria_version = SelectField(_l("Criteria"), validate_choice=False, validators=[ChoiceIn()],
                                   choices=choices((version, version) for version in CRITERIA_VERSIONS))

    def __init__(self, products, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.product.choices = choices([("", _l("Choose…"))] + [(p.id, p.name_vi) for p in products])

    def details(self):
        issued_on = parse_date(self.issued_on.data)
        return CertificateDetails(
            stars=self.stars.data,
            score=whole_number(self.score.data),
            assessing_level=self.assessing_level.data,
            issuing_body=self.issuing_body.data or "",
            issued_on=issued_on,
            criteria_version=self.criteria_version.data,
            certificate_number=self.certificate_number.data or "",
            decision_number=self.decision_number.data or "",
            decision_date=parse_date(self.decision_date.data),
            expires_on=parse_date(self.expires_on.data),
        )


class TaxProfileForm(FlaskForm):
    """The tax code and the owner's citizen ID; the service checks them (producers/tax.py)."""

    tax_code = StringField(_l("Tax code (MST)"), filters=[strip], validators=[max_length(20)],
                           render_kw={"inputmode": "numeric", "autocomplete": "off"})
    personal_id = StringField(_l("Citizen ID (CCCD) of the owner"), filters=[strip], validators=[max_length(20)],
                              render_kw={"inputmode": "numeric", "autocomplete": "off"})


class WholesaleForm(FlaskForm):
    """Quantity breaks of a listing for approved distributors: up to five rows of "from N
    units" and a price; empty rows are left out (the service checks the rest)."""

    ROWS = 5

    def rows(self):
        return [(self[f"quantity_{n}"], self[f"price_{n}"]) for n in range(1, self.ROWS + 1)]

    def values(self):
        return [(whole_number(q.data) if (q.data or "").strip() else None, p.data) for q, p in self.rows()]

    @classmethod
    def for_tiers(cls, tiers):
        data = {}
        for n, tier in enumerate(tiers, start=1):
            data[f"quantity_{n}"], data[f"price_{n}"] = str(tier.min_quantity), tier.price_vnd
        return cls(formdata=None, data=data)


def _typed_amount(form, field):
    if (field.raw or "").strip() and field.data is None:
        raise ValidationError(_l("Enter the price in whole đồng, e.g. 85.000."))


for _n in range(1, WholesaleForm.ROWS + 1):
    setattr(WholesaleForm, f"quantity_{_n}", number_field(
        _l("From (units), row %(n)s", n=_n), 2, 10**6, _l("Enter a whole number of units, 2 or more.")))
    setattr(WholesaleForm, f"price_{_n}", MoneyField(_l("Price per unit, row %(n)s", n=_n), validators=[_typed_amount]))
