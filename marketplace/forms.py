"""Form helpers shared by the domains' forms and views: our own messages for the common checks,
and a service's refusal shown where the user looks for it."""
from flask import flash
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

REQUIRED = _l("This field is required.")
EMAIL_INVALID = _l("Enter an email address like name@example.com.")


def data_required():
    return DataRequired(message=REQUIRED)


def max_length(n):
    return Length(max=n, message=_l("Use at most %(max)d characters."))


def strip(value):
    """A filter: text without the spaces pasted around it."""
    return value.strip() if isinstance(value, str) else value


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


def show_refusal(form, error):
    """Put a service's refusal (an exception with `message` and `field`) next to its field,
    or above the form when it names none."""
    # str(): a lazy message would pass Jinja's escaping (and the session) as markup.
    message = str(error.message)
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, message]
    else:
        flash(message, "error")
