"""Forms of accounts. Every message is ours (translated), including those of choices.

Services check the rules again; a form only spares the user a round trip.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import EqualTo, ValidationError

from marketplace.accounts import services
from marketplace.accounts.labels import LANGUAGE_NAMES, ROLE_LABELS
from marketplace.forms import ChoiceIn, choices, data_required, email_field, email_validators, max_length

PASSWORDS_DIFFER = _l("The two passwords are not the same.")


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
    email = email_field(_l("Email"), email_validators())
    password = _new_password_field(_l("Password"))
    confirm = _confirm_field("password")
    next = HiddenField()

    def account_email(self):
        return self.email.data or ""


class SignInForm(FlaskForm):
    email = email_field(_l("Email"), [data_required(), max_length(254)], autocomplete="username")
    password = PasswordField(_l("Password"), validators=[data_required()], render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me signed in on this device"))
    next = HiddenField()


class ForgotPasswordForm(FlaskForm):
    email = email_field(_l("Email"), email_validators())


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
    email = email_field(_l("New email"), email_validators())
    current_password = PasswordField(
        _l("Current password"), validators=[data_required()], render_kw={"autocomplete": "current-password"}
    )


class DeleteAccountForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[data_required()], render_kw={"autocomplete": "current-password"}
    )


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Role"), choices=choices((role.value, label) for role, label in ROLE_LABELS.items()
                                     if role in services.ASSIGNABLE_ROLES),
        validate_choice=False, validators=[ChoiceIn()],
    )
