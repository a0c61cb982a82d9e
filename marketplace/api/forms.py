"""The form that makes an API key (the service checks again)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

from marketplace.api.models import Scope
from marketplace.forms import choices, data_required, max_length, optional_int
from marketplace.valuechain.forms import CheckboxesField

SCOPE_LABELS = {
    Scope.READ: _l("read: list and read requests, offers and partnerships"),
    Scope.SOURCING: _l("sourcing: also post, change, publish and close requests, accept and decline offers"),
}


class ApiKeyForm(FlaskForm):
    name = StringField(_l("Name (what uses the key)"), validators=[data_required(), max_length(100)])
    scopes = CheckboxesField(_l("Scopes"), default=[Scope.READ.value])
    rate_per_minute = StringField(_l("Requests a minute (empty: the default)"), render_kw={"inputmode": "numeric"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scopes.choices = choices((s.value, SCOPE_LABELS[s]) for s in Scope)

    def rate(self):
        """The typed limit: None when empty, -1 (refused by the service) when not a number."""
        text = (self.rate_per_minute.data or "").strip()
        if not text:
            return None
        value = optional_int(text)
        return -1 if value is None else value
