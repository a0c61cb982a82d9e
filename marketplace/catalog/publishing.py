"""Publishing a listing: what it needs before shoppers may see it (plain rule functions) and
the one way its status moves (draft ⇄ published, either → archived → draft), with a history row.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified

from marketplace.catalog.models import ProductStatus
from marketplace.statemachine import StateMachine

DRAFT, PUBLISHED, ARCHIVED = ProductStatus.DRAFT, ProductStatus.PUBLISHED, ProductStatus.ARCHIVED


def _illegal(product, old, new):
    if old == ARCHIVED and new == PUBLISHED:
        return _l("This product is archived. Restore it first.")
    return None  # the machine's own message


PUBLISHING = StateMachine(
    "product",
    {DRAFT: {PUBLISHED, ARCHIVED}, PUBLISHED: {DRAFT, ARCHIVED}, ARCHIVED: {DRAFT}},
    illegal=_illegal,
)


def move(product, new, actor, reason=""):
    """Move the listing to `new` (legal moves only, one winner when two people act at once,
    a history row). Refuses with IllegalTransition or StatusConflict (both Refusals)."""
    PUBLISHING.move(product, new, actor, reason)
    # The UPDATE statement passes by the flush; marked changed, the product is seen by what
    # follows catalogue changes at flush (the page cache, search) like any other edit.
    flag_modified(product, "status")


@dataclass(frozen=True)
class Missing:
    field: str  # the form field where it is entered ("photos" for the photo list)
    message: object  # lazy string: what to add


def missing_for_publication(product):
    """What `product` still lacks to be published: a name, a unit, a price, a category, stock
    and one photo. An empty list means it can be published."""
    missing = []
    if not (product.name_vi or "").strip():
        missing.append(Missing("name_vi", _l("a Vietnamese name")))
    if not (product.unit or "").strip():
        missing.append(Missing("unit", _l("the unit it is sold by")))
    if not product.price_vnd or product.price_vnd <= 0:
        missing.append(Missing("price", _l("a price above 0 ₫")))
    if product.category_id is None and product.category is None:
        missing.append(Missing("category", _l("an OCOP category")))
    if not product.stock or product.stock <= 0:
        missing.append(Missing("stock", _l("stock (at least 1)")))
    if not product.images:
        missing.append(Missing("photos", _l("at least one photo")))
    return missing


def missing_to_stay_published(product):
    """What an edit would take away from a published product. Selling out is allowed: a
    published product may reach 0 stock (it shows "out of stock")."""
    return [m for m in missing_for_publication(product) if m.field != "stock"]
