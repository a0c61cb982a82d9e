"""The form of a distributor company's registration. Services check again."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField

from marketplace.distributors.labels import distributor_kind_label
from marketplace.distributors.models import DistributorKind
from marketplace.forms import ChoiceIn, choices, data_required, max_length


class DistributorForm(FlaskForm):
    name = StringField(_l("Company name"), validators=[data_required(), max_length(200)])
    kind = SelectField(_l("Kind of business"), validate_choice=False, validators=[ChoiceIn()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = choices((k.value, distributor_kind_label(k)) for k in DistributorKind)
