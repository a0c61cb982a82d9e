"""Forms of accounts. Every message is ours (translated), including those of choices.

Services check the rules again; a form only spares the user a round trip.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, EqualTo, Optional, ValidationError

from marketplace import i18n, places
from marketplace.accounts import services
from marketplace.forms import EMAIL_INVALID, ChoiceIn, choices, data_required, max_length, optional_int, strip
from marketplace.accounts.labels import LANGUAGE_NAMES, ROLE_LABELS, distributor_kind_label
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.producers.models import EntityKind
from marketplace.valuechain.models import DistributorKind

PASSWORDS_DIFFER = _l("The two passwords are not the same.")


def _email_validators():
    return [data_required(), Email(message=EMAIL_INVALID), max_length(254)]


def _email_field(label, validators, autocomplete="email"):
    """An email input, trimmed before validation (pasted addresses often carry spaces)."""
    return EmailField(label, validators=validators, filters=[strip], render_kw={"autocomplete": autocomplete})


class _GoodPassword:
    """The password rules of services.password_problem, against the form's email."""

    def __call__(self, form, field):
        problem = services.password_problem(field.data or "", form.account_email())
        if problem:
            raise ValidationError(problem)


def _new_password_field(label):
    return PasswordField(
        label,
        validators=[data_required(), _GoodPassword()],
        render_kw={"autocomplete": "new-password", "minlength": services.PASSWORD_MIN_LENGTH},
    )


def _confirm_field(other):
    return PasswordField(
        _l("Repeat the password"),
        validators=[data_required(), EqualTo(other, message=PASSWORDS_DIFFER)],
        render_kw={"autocomplete": "new-password"},
    )


class SignUpForm(FlaskForm):
    display_name = StringField(
        _l("Your name"), validators=[data_required(), max_length(100)],
        render_kw={"autocomplete": "name"},
    )
    email = _email_field(_l("Email"), _email_validators())
    password = _new_password_field(_l("Password"))
    confirm = _confirm_field("password")
    next = HiddenField()

    def account_email(self):
        return self.email.data or ""


class SignInForm(FlaskForm):
    email = _email_field(_l("Email"), [data_required(), max_length(254)], autocomplete="username")
    password = PasswordField(_l("Password"), validators=[data_required()], render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()


class ForgotPasswordForm(FlaskForm):
    email = _email_field(_l("Email"), _email_validators())


class _ForAccount:
    """Forms about an existing account check passwords against its email."""

    def __init__(self, *args, account_email="", **kwargs):
        super().__init__(*args, **kwargs)
        self._account_email = account_email

    def account_email(self):
        return self._account_email


class ResetPasswordForm(_ForAccount, FlaskForm):
    password = _new_password_field(_l("New password"))
    confirm = _confirm_field("password")


class ProfileForm(FlaskForm):
    display_name = StringField(
        _l("Your name"), validators=[data_required(), max_length(100)],
        render_kw={"autocomplete": "name"},
    )
    language = SelectField(
        _l("Language of pages and emails"), choices=choices(LANGUAGE_NAMES.items()),
        validate_choice=False, validators=[ChoiceIn()],
    )


class ChangePasswordForm(_ForAccount, FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[data_required()], render_kw={"autocomplete": "current-password"}
    )
    new_password = _new_password_field(_l("New password"))
    confirm = _confirm_field("new_password")


class ChangeEmailForm(FlaskForm):
    email = _email_field(_l("New email"), _email_validators())
    current_password = PasswordField(
        _l("Current password"), validators=[data_required()], render_kw={"autocomplete": "current-password"}
    )


class DeleteAccountForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[data_required()], render_kw={"autocomplete": "current-password"}
    )


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token (sign out, confirm, accept, remove)."""


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
    email = _email_field(_l("Contact email"), [Optional(), Email(message=EMAIL_INVALID), max_length(254)])

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
                services.normalise_phone(field.data)
            except ValueError:
                raise ValidationError(_l("Enter a Vietnamese phone number, e.g. 0912 345 678.")) from None

    def details(self):
        return services.CooperativeDetails(
            name=self.name.data, kind=self.kind.data, province_code=self.province_code.data,
            ward_code=self.ward_code.data, legacy_district=self.legacy_district.data or None,
            street=self.street.data or "", phone=self.phone.data or "", email=self.email.data or "",
        )


class DistributorForm(FlaskForm):
    name = StringField(_l("Company name"), validators=[data_required(), max_length(200)])
    kind = SelectField(_l("Kind of business"), validate_choice=False, validators=[ChoiceIn()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices((k.value, distributor_kind_label(k)) for k in DistributorKind)


class InviteForm(FlaskForm):
    email = _email_field(_l("Email of the person to add"), _email_validators(), autocomplete="off")


class ReviewForm(FlaskForm):
    decision = SelectField(
        _l("Decision"), choices=choices([("approve", _l("Approve")), ("reject", _l("Reject"))]),
        validate_choice=False, validators=[ChoiceIn()],
    )
    reason = TextAreaField(_l("Reason (required to reject; the owner reads it)"), validators=[max_length(2000)])


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Role"), choices=choices((role.value, label) for role, label in ROLE_LABELS.items()
                                     if role in services.ASSIGNABLE_ROLES),
        validate_choice=False, validators=[ChoiceIn()],
    )
