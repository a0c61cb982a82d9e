"""The rules of stock, in one place: taking it for a sale, giving it back, setting it by hand,
and the history row every change writes.

Every change is one UPDATE guarded by what it may assume (`… WHERE stock >= n` to take,
`… WHERE stock = <what the person saw>` to set), so that concurrent orders and edits never
oversell nor overwrite each other, and the table's CHECK (stock >= 0) holds. These statements
pass beside the ORM, so each function also tells search (a product sold out or back in stock)
and the page cache, after the commit. The caller owns the transaction unless a function says
it commits.
"""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from marketplace import clock, unitofwork
from marketplace.catalog.models import Product
from marketplace.core import pagecache
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.search import sync as search_sync
from marketplace.stock.models import StockChange, StockChangeReason
from marketplace.text import nfc

MAX_STOCK = 1_000_000
MAX_NOTE = 200


class StockError(Refusal):
    """A stock change the rules refuse; `field` names the form field, when there is one."""


class StockConflict(StockError):
    """The stock changed (an order, another person) since the form was shown."""

    def __init__(self, current):
        super().__init__(
            _l("The stock changed to %(current)s while you were editing. Check it and save again.", current=current),
            "stock",
        )
        self.current = current


class StockShort(StockError):
    """A sale wanted more than is left (sold meanwhile); nothing of the sale may be kept."""

    def __init__(self, product_id):
        super().__init__(_l("This product is sold out."))
        self.product_id = product_id


def check(value):
    """Refuse a stock that is not a whole number from 0 to MAX_STOCK."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_STOCK:
        raise StockError(_l("Enter a stock from 0 to %(max)s.", max=MAX_STOCK), "stock")


def _changed(product_ids):
    """The stock of these products changed through UPDATE statements: search reindexes the
    given ones (in stock or not is a facet), and every cached page is forgotten, after the commit."""
    search_sync.note_changed(product_ids=product_ids)
    unitofwork.after_commit(pagecache.invalidate)


def history_row(product_id, before, after, reason, user_id, note="", changed_at=None):
    """The values of one history row, to insert in bulk."""
    row = {"product_id": product_id, "user_id": user_id, "stock_before": before, "stock_after": after,
           "reason": reason, "note": note}
    if changed_at is not None:
        row["changed_at"] = changed_at
    return row


def take(quantities, user_id=None, note=""):
    """Take `quantities` ({product id: n}) for a sale, in id order, each with the guarded
    decrement (`… WHERE stock >= n`), and record it (the note: the order number). StockShort
    when a product had fewer left (only where the caller's row lock locks nothing: SQLite);
    the caller rolls the transaction back then."""
    products = Product.__table__
    rows, sold_out = [], []
    for product_id in sorted(quantities):
        quantity = quantities[product_id]
        left = db.session.execute(
            sa.update(products)
            .where(products.c.id == product_id, products.c.stock >= quantity)
            .values(stock=products.c.stock - quantity)
            .returning(products.c.stock)
        ).scalar()
        if left is None:
            raise StockShort(product_id)
        rows.append(history_row(product_id, left + quantity, left, StockChangeReason.SALE, user_id, note))
        if left == 0:
            sold_out.append(product_id)
    if rows:
        db.session.execute(sa.insert(StockChange), rows)
        _changed(sold_out)


def give_back(quantities, user_id=None, note=""):
    """Give `quantities` ({product id: n}, e.g. of a cancelled order's lines) back to stock,
    in id order, and record it. Products deleted since are skipped."""
    products = Product.__table__
    rows, back_in_stock = [], []
    for product_id in sorted(quantities):
        quantity = quantities[product_id]
        left = db.session.execute(
            sa.update(products)
            .where(products.c.id == product_id)
            .values(stock=products.c.stock + quantity)
            .returning(products.c.stock)
        ).scalar()
        if left is None:
            continue
        rows.append(history_row(product_id, left - quantity, left, StockChangeReason.ORDER_CANCELLED, user_id, note))
        if left == quantity:
            back_in_stock.append(product_id)
    if rows:
        db.session.execute(sa.insert(StockChange), rows)
    _changed(back_in_stock)


def record_new_listing(product, user):
    """The starting stock of a new product is its first history row."""
    if product.stock:
        db.session.add(StockChange(product_id=product.id, user_id=user.id, stock_before=0,
                                   stock_after=product.stock, reason=StockChangeReason.NEW_LISTING))


def guarded_set(product_id, seen, new):
    """Set the stock only if it still is what the person saw: concurrent changes (another
    person, an order taking stock) are never overwritten. Returns True when it was set."""
    result = db.session.execute(
        sa.update(Product)
        .where(Product.id == product_id, Product.stock == seen)
        .values(stock=new, updated_at=clock.utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 1:
        _changed([product_id])
    return result.rowcount == 1


def change(product, new_stock, seen_stock, user, note=""):
    """Set one product's stock from `seen_stock` (what the form showed) to `new_stock`,
    recording the change, and commit. StockConflict when it changed in the meantime; False
    when there was nothing to change."""
    check(new_stock)
    note = nfc((note or "").strip())
    if len(note) > MAX_NOTE:
        raise StockError(_l("Use at most 200 characters."), "note")
    if new_stock == seen_stock:
        return False
    if not guarded_set(product.id, seen_stock, new_stock):
        unitofwork.rollback()
        raise StockConflict(db.session.scalar(sa.select(Product.stock).where(Product.id == product.id)))
    db.session.execute(sa.insert(StockChange), [history_row(product.id, seen_stock, new_stock, StockChangeReason.EDIT,
                                                         user.id, note)])
    unitofwork.commit()
    db.session.expire(product)
    return True


def history(product, limit=100):
    """The product's latest stock changes, newest first, with who made them."""
    return db.session.scalars(
        sa.select(StockChange)
        .where(StockChange.product_id == product.id)
        .options(selectinload(StockChange.user))
        .order_by(StockChange.changed_at.desc(), StockChange.id.desc())
        .limit(limit)
    ).all()


def lock(product_ids):
    """Lock these products' rows in id order until the commit (the order every writer of
    stock takes them in, so that none waits for another in a circle)."""
    db.session.execute(
        sa.select(Product.id).where(Product.id.in_(list(product_ids))).order_by(Product.id).with_for_update()
    )

