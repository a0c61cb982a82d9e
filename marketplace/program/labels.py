"""What certificate states and council levels are called on pages (translated)."""
from flask_babel import lazy_gettext as _l

from marketplace.catalog.models import AssessingLevel, ReviewStatus

REVIEW_STATUS_LABELS = {
    ReviewStatus.PENDING: _l("Waiting for the council"),
    ReviewStatus.APPROVED: _l("Approved"),
    ReviewStatus.REJECTED: _l("Not approved"),
    ReviewStatus.SUPERSEDED: _l("Replaced by a renewal"),
}

LEVEL_LABELS = {
    AssessingLevel.DISTRICT: _l("District council"),
    AssessingLevel.PROVINCE: _l("Provincial council"),
    AssessingLevel.CENTRAL: _l("Central council"),
}


def certificate_status_label(status):
    return REVIEW_STATUS_LABELS.get(status, str(status))


def assessing_level_label(level):
    return LEVEL_LABELS.get(level, str(level))


def init_app(app):
    app.jinja_env.globals.update(
        certificate_status_label=certificate_status_label, assessing_level_label=assessing_level_label
    )
