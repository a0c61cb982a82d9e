"""Forms of the admin's refund, payout and transfer-matching pages (the buyer's pay button
and the statement's dates are marketplace.forms.ActionForm and PeriodForm)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, ValidationError

from marketplace.forms import REQUIRED, MoneyField, strip


class RefundForm(FlaskForm):
    scope = RadioField(_l("Refund"), validate_choice=False, validators=[DataRequired(message=REQUIRED)])
    restock = BooleanField(_l("Put the goods back in stock (they were not shipped, or came back unharmed)"))
    reason = TextAreaField(_l("Reason (the buyer reads it)"), filters=[strip],
                           validators=[DataRequired(message=REQUIRED),
                                       Length(max=500, message=_l("Use at most %(n)s characters.", n=500))],
                           render_kw={"rows": 2})


class PayoutForm(FlaskForm):
    cooperative_id = SelectField(_l("Cooperative"), coerce=int, validate_choice=False,
                                 validators=[DataRequired(message=REQUIRED)])
    amount_vnd = MoneyField(_l("Amount transferred (₫)"), render_kw={"inputmode": "numeric"})
    bank_reference = StringField(_l("Bank transfer reference"), filters=[strip],
                                 validators=[DataRequired(message=REQUIRED),
                                             Length(max=100, message=_l("Use at most %(n)s characters.", n=100))])
    paid_on = DateField(_l("Day of the transfer"), validators=[DataRequired(message=_l("Enter the day of the transfer."))])
    note = StringField(_l("Note (optional)"), filters=[strip],
                       validators=[Optional(), Length(max=500, message=_l("Use at most %(n)s characters.", n=500))])

    def validate_amount_vnd(self, field):
        if not field.data:
            raise ValidationError(_l("Enter the amount in đồng, e.g. 1.500.000."))


class MonthForm(FlaskForm):
    """A calendar month, e.g. of the withholding report (a GET form that downloads a file)."""

    class Meta:
        csrf = False

    month = SelectField(_l("Month"), validators=[DataRequired(message=REQUIRED)])


class ResolveTransferForm(FlaskForm):
    """One transfer to match: the admin presses "accept" or "refund owed" (the button's value)
    after writing what was done."""

    decision = StringField(validators=[AnyOf(("accept", "refund"), message=_l("Choose to accept the transfer or to "
                                                                              "record the refund owed."))])
    note = TextAreaField(_l("What was done (bank reference of the refund, or why it is accepted)"), filters=[strip],
                         validators=[DataRequired(message=_l("Write what was done (e.g. the bank reference of the "
                                                             "refund, or why it is accepted).")),
                                     Length(max=500, message=_l("Use at most %(n)s characters.", n=500))],
                         render_kw={"rows": 2})
