"""How lots read on pages: the names of the fields a correction lists, and whole numbers with
Vietnamese thousands dots (1.200)."""
from marketplace.traceability.services import REVISED_FIELDS


def revised_field_label(name):
    return REVISED_FIELDS.get(name, name)


def thousands(number):
    return f"{number:,}".replace(",", ".")


def init_app(app):
    app.jinja_env.globals["revised_field_label"] = revised_field_label
    app.jinja_env.filters["thousands"] = thousands
