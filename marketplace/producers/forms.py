"""Forms of cooperatives' registration and of organisations' staff. Services check again."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Email, Optional, ValidationError

from marketplace import i18n, places
from marketplace.accounts.services import normalise_phone
from marketplace.forms import (
    EMAIL_INVALID,
    ChoiceIn,
    choices,
    data_required,
    email_field,
    email_validators,
    max_length,
    optional_int,
)
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.producers.models import EntityKind
from marketplace.producers.registration import CooperativeDetails


class CooperativeForm(FlaskForm):
    name = StringField(_l("Name"), validators=[data_required(), max_length(200)])
    kind = SelectField(_l("Kind of producer"), validate_choice=False, validators=[ChoiceIn()])
    province_code = SelectField(
        _l("Province"), coerce=optional_int, default=places.VINH_LONG, validate_choice=False, validators=[ChoiceIn()]
    )
    ward_code = SelectField(_l("Commune or ward"), coerce=optional_int, validate_choice=False, validators=[ChoiceIn()])
    legacy_district = SelectField(
        _l("Former district (Bến Tre, before 2025)"), validate_choice=False, validators=[Optional(), ChoiceIn()]
    )
    street = StringField(_l("Street address"), validators=[max_length(200)])
    phone = StringField(_l("Phone"), validators=[max_length(20)], render_kw={"autocomplete": "tel", "inputmode": "tel"})
    email = email_field(_l("Contact email"), [Optional(), Email(message=EMAIL_INVALID), max_length(254)])
    tax_code = StringField(_l("Tax code (MST)"), validators=[max_length(20)], render_kw={"inputmode": "numeric"})
    personal_id = StringField(_l("Citizen ID (CCCD) of the owner"), validators=[max_length(20)],
                              render_kw={"inputmode": "numeric"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices((k.value, i18n.entity_kind_label(k)) for k in EntityKind)
        self.province_code.choices = choices((p.code, p.name) for p in places.provinces())
        self.ward_code.choices = choices(
            [("", _l("Choose…"))] + [(w.code, w.name) for w in places.wards(self.province_code.data)]
        )
        self.legacy_district.choices = choices([("", _l("None"))] + list(LEGACY_DISTRICTS.items()))

    def validate_phone(self, field):
        if field.data and field.data.strip():
            try:
                normalise_phone(field.data)
            except ValueError:
                raise ValidationError(_l("Enter a Vietnamese phone number, e.g. 0912 345 678.")) from None

    def details(self):
        return CooperativeDetails(
            name=self.name.data, kind=self.kind.data, province_code=self.province_code.data,
            ward_code=self.ward_code.data, legacy_district=self.legacy_district.data or None,
            street=self.street.data or "", phone=self.phone.data or "", email=self.email.data or "",
            tax_code=self.tax_code.data or "", personal_id=self.personal_id.data or "",
        )


class InviteForm(FlaskForm):
    email = email_field(_l("Email of the person to add"), email_validators(), autocomplete="off")
