"""What roles, statuses and kinds are called on pages (translated)."""
from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import Role
from marketplace.producers.models import ApprovalStatus
from marketplace.valuechain.models import DistributorKind

ROLE_LABELS = {
    Role.CONSUMER: _l("Consumer"),
    Role.COOPERATIVE_STAFF: _l("Cooperative staff"),
    Role.DISTRIBUTOR_STAFF: _l("Distributor staff"),
    Role.COUNCIL_REVIEWER: _l("Council reviewer"),
    Role.ADMIN: _l("Administrator"),
}

STATUS_LABELS = {
    ApprovalStatus.PENDING: _l("Waiting for the council's review"),
    ApprovalStatus.APPROVED: _l("Approved"),
    ApprovalStatus.REJECTED: _l("Not approved"),
}

DISTRIBUTOR_KIND_LABELS = {
    DistributorKind.WHOLESALER: _l("Wholesaler"),
    DistributorKind.RETAIL_CHAIN: _l("Retail chain"),
    DistributorKind.EXPORTER: _l("Exporter"),
    DistributorKind.HORECA: _l("Hotels, restaurants and cafés"),
    DistributorKind.ECOMMERCE: _l("Online shop"),
    DistributorKind.PROCESSOR: _l("Processor"),
}

# Language names are written in their own language.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def role_label(role):
    return ROLE_LABELS.get(role, str(role))


def status_label(status):
    return STATUS_LABELS.get(status, str(status))


def distributor_kind_label(kind):
    return DISTRIBUTOR_KIND_LABELS.get(kind, str(kind))


def init_app(app):
    app.jinja_env.globals.update(
        role_label=role_label, status_label=status_label, distributor_kind_label=distributor_kind_label
    )
