"""The lot form of the portal: the lot's facts, where its raw material came from, and its
processing steps as repeatable rows (blank rows are left out; "More rows" adds some without
JavaScript)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, SelectField, StringField
from wtforms.validators import Optional, ValidationError

from marketplace import places
from marketplace.forms import ChoiceIn, choices, data_required, max_length, optional_int, strip
from marketplace.portal.forms import DateText, date_field, number_field, parse_date, whole_number
from marketplace.traceability import services
from marketplace.traceability.services import LotDetails

BLANK_STEP_ROWS = 2


class StepForm(Form):
    """One processing step (a sub-form: the lot form carries the CSRF token)."""

    done_on = StringField(_l("Date"), validators=[Optional(), DateText()], render_kw={"type": "date"})
    step = StringField(_l("Step"), filters=[strip], validators=[max_length(200)])

    def validate_step(self, field):
        if bool(field.data) != bool((self.done_on.data or "").strip()):
            raise ValidationError(_l("Give both the date and the step, or leave both empty."))


class LotForm(FlaskForm):
    lot_code = StringField(_l("Lot number (as printed on the packs)"), filters=[strip],
                           validators=[data_required(), max_length(64)])
    produced_on = date_field(_l("Production date"), required=True)
    best_before = date_field(_l("Best before"), required=True)
    quantity = number_field(_l("Quantity"), 1, services.MAX_QUANTITY, _l("Enter a quantity from 1 to 10000000."),
                             required=True)
    unit = StringField(_l("Unit (e.g. boxes of 400 g)"), filters=[strip], validators=[max_length(60)])
    origin_text = StringField(_l("Farm or place the raw material came from"), filters=[strip],
                              validators=[max_length(300)])
    origin_province_code = SelectField(_l("Province of the raw material"), coerce=optional_int, validate_choice=False)
    origin_ward_code = SelectField(_l("Commune of the raw material"), coerce=optional_int, validate_choice=False)
    origin_cooperative_id = SelectField(_l("Or from a partner cooperative"), coerce=optional_int,
                                        validate_choice=False)
    steps = FieldList(FormField(StepForm), min_entries=BLANK_STEP_ROWS, max_entries=services.MAX_STEPS)

    def __init__(self, cooperative, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.origin_province_code.choices = choices(
            [("", _l("Choose…"))] + [(p.code, p.name) for p in places.provinces()])
        self.origin_ward_code.choices = choices(
            [("", _l("None"))] + [(w.code, w.name) for w in places.wards(self.origin_province_code.data)])
        self.origin_cooperative_id.choices = choices(
            [("", _l("None"))] + [(row.id, row.name) for row in services.partner_choices(cooperative)])
        # Always a few blank rows to type new steps in.
        while len(self.steps) < services.MAX_STEPS and sum(
                1 for row in self.steps if not (row.done_on.data or row.step.data)) < BLANK_STEP_ROWS:
            self.steps.append_entry()

    @classmethod
    def for_lot(cls, lot, **kwargs):
        data = {
            "lot_code": lot.lot_code,
            "produced_on": lot.produced_on.isoformat(), "best_before": lot.best_before.isoformat(),
            "quantity": str(lot.quantity), "unit": lot.unit, "origin_text": lot.origin_text,
            "origin_province_code": lot.origin_province_code or places.VINH_LONG,
            "origin_ward_code": lot.origin_ward_code, "origin_cooperative_id": lot.origin_cooperative_id,
            "steps": [{"done_on": s.done_on.isoformat(), "step": s.description} for s in lot.steps],
        }
        return cls(lot.cooperative, data=data, **kwargs)

    def add_rows(self):
        """"More rows": three more blank step rows (the form is shown again, nothing saved)."""
        for _ in range(3):
            if len(self.steps) < services.MAX_STEPS:
                self.steps.append_entry()

    def details(self):
        steps = tuple(
            (parse_date(row.done_on.data), row.step.data)
            for row in self.steps if (row.done_on.data or "").strip() and row.step.data
        )
        return LotDetails(
            lot_code=self.lot_code.data or "", produced_on=parse_date(self.produced_on.data),
            best_before=parse_date(self.best_before.data), quantity=whole_number(self.quantity.data) or 0,
            unit=self.unit.data or "", origin_text=self.origin_text.data or "",
            origin_province_code=self.origin_province_code.data, origin_ward_code=self.origin_ward_code.data,
            origin_cooperative_id=self.origin_cooperative_id.data, steps=steps,
        )


class NewLotForm(LotForm):
    """A new lot names its product; a recorded lot stays with its product."""

    product = SelectField(_l("Product"), coerce=optional_int, validate_choice=False, validators=[ChoiceIn()])

    def __init__(self, cooperative, products, *args, **kwargs):
        super().__init__(cooperative, *args, **kwargs)
        self.product.choices = choices([("", _l("Choose…"))] + [(p.id, p.name_vi) for p in products])
