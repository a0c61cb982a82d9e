"""Stock files: a cooperative's stock (and prices) as a spreadsheet, downloaded, edited and
uploaded back. A file is checked line by line first (nothing changes), then applied all or
nothing."""
import base64
import csv
import io
import re
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from marketplace import clock, csvsafe, unitofwork
from marketplace.catalog.models import Product, ProductStatus
from marketplace.core import pagecache
from marketplace.extensions import db
from marketplace.money import MAX_PRICE, parse_vnd
from marketplace.stock import services as stock
from marketplace.stock.models import StockChange, StockChangeReason
from marketplace.stock.services import MAX_STOCK, StockError
from marketplace.text import nfc

MAX_ROWS = 2000
MAX_BYTES = 512 * 1024


@dataclass
class StockRow:
    """One line of a stock file and what applying it would do."""

    line: int
    slug: str
    product: Product | None = None
    price_vnd: int | None = None  # None: the file has no price column
    stock: int | None = None
    errors: list = field(default_factory=list)

    @property
    def changes(self):
        if self.product is None or self.errors:
            return False
        price_changes = self.price_vnd is not None and self.price_vnd != self.product.price_vnd
        return price_changes or self.stock != self.product.stock


@dataclass
class StockFile:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # about the whole file

    @property
    def valid(self):
        return bool(self.rows) and not self.errors and not any(row.errors for row in self.rows)

    @property
    def error_count(self):
        return len(self.errors) + sum(1 for row in self.rows if row.errors)

    @property
    def change_count(self):
        return sum(1 for row in self.rows if row.changes)


HEADERS = (("slug", "stock"), ("slug", "price", "stock"))
_WHOLE = re.compile(r"^\d+$")


def decode(data):
    """The text of an uploaded stock file (UTF-8, as spreadsheets save "CSV UTF-8")."""
    if len(data) > MAX_BYTES:
        raise StockError(_l("The file is larger than 512 KB. Split it into smaller files."), "file")
    try:
        return nfc(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise StockError(_l("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8”."), "file") from None


def _split(text):
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    # Spreadsheets in Vietnamese use ";" between columns (the comma marks decimals).
    delimiter = ";" if ";" in lines[0] and "," not in lines[0] else ("\t" if "\t" in lines[0] else ",")
    return [(number, [cell.strip() for cell in cells]) for number, cells in
            enumerate(csv.reader(text.splitlines(), delimiter=delimiter), start=1) if any(c.strip() for c in cells)]


def _read_stock_value(raw, row):
    value = raw.replace(" ", "")
    if not _WHOLE.match(value) or int(value) > MAX_STOCK:
        row.errors.append(_l("stock “%(value)s” is not a whole number from 0 to %(max)s", value=raw, max=MAX_STOCK))
        return None
    return int(value)


def _read_price(raw, row):
    price = parse_vnd(raw)
    if price is None or price > MAX_PRICE:
        row.errors.append(_l("price “%(value)s” is not a whole number of đồng (e.g. 85000)", value=raw))
    return price


def read(cooperative, text):
    """Check a stock file (`slug,stock` or `slug,price,stock` per line, header optional)
    against the cooperative's products. Nothing changes; the result says what would, line
    by line. A slug of another cooperative's product is as unknown as a made-up one."""
    result = StockFile()
    lines = _split(text)
    if not lines:
        result.errors.append(_l("The file is empty."))
        return result
    columns = None
    first_number, first = lines[0]
    if first and first[0].lower() == "slug":
        header = tuple(cell.lower() for cell in first)
        if header not in HEADERS:
            result.errors.append(_l("Line 1: the header must be slug,stock or slug,price,stock."))
            return result
        columns, lines = len(header), lines[1:]
    if len(lines) > MAX_ROWS:
        result.errors.append(_l("The file has more than %(max)s lines. Split it into smaller files.", max=MAX_ROWS))
        return result
    for number, cells in lines:
        row = StockRow(line=number, slug=cells[0] if cells else "")
        result.rows.append(row)
        expected = (columns,) if columns else (2, 3)
        if len(cells) not in expected:
            if columns:
                row.errors.append(_l("expected %(columns)s, found %(n)s values",
                                     columns={2: "slug,stock", 3: "slug,price,stock"}[columns], n=len(cells)))
            else:
                row.errors.append(_l("expected slug,stock or slug,price,stock, found %(n)s values", n=len(cells)))
            continue
        if len(cells) == 3:
            row.price_vnd = _read_price(cells[1], row)
        row.stock = _read_stock_value(cells[-1], row)
    slugs = {row.slug for row in result.rows if row.slug}
    products = {
        p.slug: p for p in db.session.scalars(
            sa.select(Product).where(Product.cooperative_id == cooperative.id, Product.slug.in_(slugs))
        )
    } if slugs else {}
    seen = {}
    for row in result.rows:
        row.product = products.get(row.slug)
        if row.product is None:
            row.errors.insert(0, _l("unknown product “%(slug)s”: none of your products has this code", slug=row.slug))
        elif row.slug in seen:
            row.errors.append(_l("this product is already on line %(line)s", line=seen[row.slug]))
        else:
            seen[row.slug] = row.line
            if row.price_vnd == 0 and row.product.status == ProductStatus.PUBLISHED:
                row.errors.append(_l("a published product needs a price above 0 ₫"))
    return result


def apply(cooperative, text, user):
    """Apply a stock file all or nothing: every line must be valid, and every product's stock
    must still be what the check read (else nothing is applied). Returns the StockFile."""
    result = read(cooperative, text)
    if not result.valid:
        raise StockError(_l("The file has errors; nothing was changed."))
    rows = sorted((row for row in result.rows if row.changes), key=lambda row: row.product.id)
    # Lock the rows in id order (no deadlocks with orders taking stock), then update each
    # only if its stock is still the one checked above.
    stock.lock(row.product.id for row in rows)
    now, history = clock.utcnow(), []
    for row in rows:
        product = row.product
        if row.stock != product.stock:
            if not stock.guarded_set(product.id, product.stock, row.stock):
                unitofwork.rollback()
                raise StockError(_l("The stock of %(slug)s changed while the file was applied; nothing was changed. Check the file again.", slug=product.slug))
            history.append(stock.history_row(product.id, product.stock, row.stock, StockChangeReason.FILE_UPLOAD,
                                             user.id, changed_at=now))
        if row.price_vnd is not None and row.price_vnd != product.price_vnd:
            db.session.execute(
                sa.update(Product).where(Product.id == product.id).values(price_vnd=row.price_vnd, updated_at=now)
                .execution_options(synchronize_session=False)
            )
    if history:
        db.session.execute(sa.insert(StockChange), history)
    unitofwork.after_commit(pagecache.invalidate)  # prices too change through UPDATE statements
    unitofwork.commit()
    db.session.expire_all()
    return result


def current(cooperative):
    """The cooperative's current products as a stock file (slug,price,stock) to edit in a
    spreadsheet and upload again."""
    rows = db.session.execute(
        sa.select(Product.slug, Product.price_vnd, Product.stock)
        .where(Product.cooperative_id == cooperative.id, Product.status != ProductStatus.ARCHIVED)
        .order_by(Product.name_vi, Product.id)
    ).all()
    out = io.StringIO()
    writer = csvsafe.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS[1])
    writer.writerows(rows)
    return out.getvalue()


def encode_for_form(text):
    """The checked file travels back with the "Apply" button as base64 (newlines intact)."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def decode_from_form(value):
    try:
        return base64.b64decode(value or "", validate=True).decode("utf-8")
    except ValueError:  # binascii.Error, UnicodeDecodeError, or non-ASCII text
        raise StockError(_l("The file could not be read back. Upload it again.")) from None
