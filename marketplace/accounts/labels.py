"""What roles and languages are called on pages (translated)."""
from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import Role

ROLE_LABELS = {
    Role.CONSUMER: _l("Consumer"),
    Role.COOPERATIVE_STAFF: _l("Cooperative staff"),
    Role.DISTRIBUTOR_STAFF: _l("Distributor staff"),
    Role.COUNCIL_REVIEWER: _l("Council reviewer"),
    Role.ADMIN: _l("Administrator"),
}

# Language names are written in their own language.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def role_label(role):
    return ROLE_LABELS.get(role, str(role))


def init_app(app):
    app.jinja_env.globals.update(role_label=role_label)
