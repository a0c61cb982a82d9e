"""Forms of accounts. Every message is ours (translated), including those of choices.

Services check the rules again; a form only spares the user a round trip.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from marketplace import i18n, places
from marketplace.accounts import services
from marketplace.accounts.labels import LANGUAGE_NAMES, ROLE_LABELS, distributor_kind_label
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.producers.models import EntityKind
from marketplace.valuechain.models import DistributorKind

REQUIRED = _l("This field is required.")
EMAIL_INVALID = _l("Enter an email address like name@example.com.")
PASSWORDS_DIFFER = _l("The two passwords are not the same.")


def _required():
    return DataRequired(message=REQUIRED)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _email_validators():
    return [_required(), Email(message=EMAIL_INVALID), _max_length(254)]


def _max_length(n):
    return Length(max=n, message=_l("Use at most %(max)d characters."))


def _email_field(label, validators, autocomplete="email"):
    """An email input, trimmed before validation (pasted addresses often carry spaces)."""
    return EmailField(label, validators=validators, filters=[_strip], render_kw={"autocomplete": autocomplete})


def _optional_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _choices(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


class _ChoiceIn:
    """Like WTForms' choice check, with our message."""

    def __call__(self, form, field):
        if field.data in (None, "") or field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose one of the options."))


class _GoodPassword:
    """The password rules of services.password_problem, against the form's email."""

    def __call__(self, form, field):
        problem = services.password_problem(field.data or "", form.account_email())
        if problem:
            raise ValidationError(problem)


def _new_password_field(label):
    return PasswordField(
        label,
        validators=[_required(), _GoodPassword()],
        render_kw={"autocomplete": "new-password", "minlength": services.PASSWORD_MIN_LENGTH},
    )


def _confirm_field(other):
    return PasswordField(
        _l("Repeat the password"),
        validators=[_required(), EqualTo(other, message=PASSWORDS_DIFFER)],
        render_kw={"autocomplete": "new-password"},
    )


class SignUpForm(FlaskForm):
    display_name = StringField(
        _l("Your name"), validators=[_required(), _max_length(100)],
        render_kw={"autocomplete": "name"},
    )
    email = _email_field(_l("Email"), _email_validators())
    password = _new_password_field(_l("Password"))
    confirm = _confirm_field("password")
    next = HiddenField()

    def account_email(self):
        return self.email.data or ""


class SignInForm(FlaskForm):
    email = _email_field(_l("Email"), [_required(), _max_length(254)], autocomplete="username")
    password = PasswordField(_l("Password"), validators=[_required()], render_kw={"autocomplete": "current-password"})
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
        _l("Your name"), validators=[_required(), _max_length(100)],
        render_kw={"autocomplete": "name"},
    )
    language = SelectField(
        _l("Language of pages and emails"), choices=_choices(LANGUAGE_NAMES.items()),
        validate_choice=False, validators=[_ChoiceIn()],
    )


class ChangePasswordForm(_ForAccount, FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[_required()], render_kw={"autocomplete": "current-password"}
    )
    new_password = _new_password_field(_l("New password"))
    confirm = _confirm_field("new_password")


class ChangeEmailForm(FlaskForm):
    email = _email_field(_l("New email"), _email_validators())
    current_password = PasswordField(
        _l("Current password"), validators=[_required()], render_kw={"autocomplete": "current-password"}
    )


class DeleteAccountForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[_required()], render_kw={"autocomplete": "current-password"}
    )


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token (sign out, confirm, accept, remove)."""


class CooperativeForm(FlaskForm):
    name = StringField(_l("Name"), validators=[_required(), _max_length(200)])
    kind = SelectField(_l("Kind of producer"), validate_choice=False, validators=[_ChoiceIn()])
    province_code = SelectField(
        _l("Province"), coerce=_optional_int, default=places.VINH_LONG, validate_choice=False, validators=[_ChoiceIn()]
    )
    ward_code = SelectField(_l("Commune or ward"), coerce=_optional_int, validate_choice=False, validators=[_ChoiceIn()])
    legacy_district = SelectField(
        _l("Former district (Bến Tre, before 2025)"), validate_choice=False, validators=[Optional(), _ChoiceIn()]
    )
    street = StringField(_l("Street address"), validators=[_max_length(200)])
    phone = StringField(_l("Phone"), validators=[_max_length(20)], render_kw={"autocomplete": "tel", "inputmode": "tel"})
    email = _email_field(_l("Contact email"), [Optional(), Email(message=EMAIL_INVALID), _max_length(254)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices((k.value, i18n.entity_kind_label(k)) for k in EntityKind)
        self.province_code.choices = _choices((p.code, p.name) for p in places.provinces())
        self.ward_code.choices = _choices(
            [("", _l("Choose…"))] + [(w.code, w.name) for w in places.wards(self.province_code.data)]
        )
        self.legacy_district.choices = _choices([("", _l("None"))] + list(LEGACY_DISTRICTS.items()))

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
    name = StringField(_l("Company name"), validators=[_required(), _max_length(200)])
    kind = SelectField(_l("Kind of business"), validate_choice=False, validators=[_ChoiceIn()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = _choices((k.value, distributor_kind_label(k)) for k in DistributorKind)


class InviteForm(FlaskForm):
    email = _email_field(_l("Email of the person to add"), _email_validators(), autocomplete="off")


class ReviewForm(FlaskForm):
    decision = SelectField(
        _l("Decision"), choices=_choices([("approve", _l("Approve")), ("reject", _l("Reject"))]),
        validate_choice=False, validators=[_ChoiceIn()],
    )
    reason = TextAreaField(_l("Reason (required to reject; the owner reads it)"), validators=[_max_length(2000)])


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Role"), choices=_choices((role.value, label) for role, label in ROLE_LABELS.items()
                                     if role in services.ASSIGNABLE_ROLES),
        validate_choice=False, validators=[_ChoiceIn()],
    )
