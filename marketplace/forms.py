"""Form helpers shared by the domains' forms and views: our own messages for the common checks,
and a service's refusal shown where the user looks for it."""
from flask import flash
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from marketplace.money import parse_vnd

REQUIRED = _l("This field is required.")
EMAIL_INVALID = _l("Enter an email address like name@example.com.")


def data_required():
    return DataRequired(message=REQUIRED)


def max_length(n):
    return Length(max=n, message=_l("Use at most %(max)d characters."))


def strip(value):
    """A filter: text without the spaces pasted around it."""
    return value.strip() if isinstance(value, str) else value


def email_validators():
    return [data_required(), Email(message=EMAIL_INVALID), max_length(254)]


def email_field(label, validators, autocomplete="email"):
    """An email input, trimmed before validation (pasted addresses often carry spaces)."""
    return EmailField(label, validators=validators, filters=[strip], render_kw={"autocomplete": autocomplete})


def optional_int(value):
    """A coerce for select fields: the number, or None when nothing (valid) was chosen."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def choices(pairs):
    return [SelectChoice(value, label) for value, label in pairs]


class ChoiceIn:
    """Like WTForms' choice check, with our message."""

    def __call__(self, form, field):
        if field.data in (None, "") or field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose one of the options."))


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token (sign out, confirm, accept, remove)."""


class ReviewForm(FlaskForm):
    """The council's decision on something submitted (an organisation, a certificate)."""

    decision = SelectField(
        _l("Decision"), choices=choices([("approve", _l("Approve")), ("reject", _l("Reject"))]),
        validate_choice=False, validators=[ChoiceIn()],
    )
    reason = TextAreaField(_l("Reason (required to reject; the owner reads it)"), validators=[max_length(2000)])
class MoneyField(StringField):
    """An amount in đồng typed as "30.000", "30000" or "30.000 ₫"."""

    raw = None  # what was typed, shown again when it is not an amount

    def process_formdata(self, valuelist):
        # A field missing from the post counts as empty (the object's int stays out of it).
        self.raw = valuelist[0] if valuelist else ""
        self.data = parse_vnd(self.raw) if self.raw.strip() else None

    def _value(self):
        if self.raw is not None:
            return self.raw
        return f"{self.data:,}".replace(",", ".") if isinstance(self.data, int) else ""


class PeriodForm(FlaskForm):
    """A period of days, e.g. of a CSV export or a statement (a GET form that downloads a file)."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To (inclusive)"), validators=[Optional()])


def show_refusal(form, error):
    """Put a service's refusal (`marketplace.errors.Refusal`) next to its field, or above the
    form when it names none."""
    # str(): a lazy message would pass Jinja's escaping (and the session) as markup.
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, *error.problems]
    else:
        flash_problems(error.problems)


def flash_problems(problems):
    for problem in problems:
        flash(str(problem), "error")


def flash_form_errors(form):
    """Each of a form's errors as a flash message (for buttons that redirect back)."""
    flash_problems(message for messages in form.errors.values() for message in messages)
