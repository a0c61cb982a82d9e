"""The rules of a cooperative running its shop: listings, photos, stock, profile, dashboard.

Every function takes objects the caller has already scoped to the signed-in cooperative
(`owned_by_current_cooperative`), except those that take the cooperative itself and scope
their own queries to it. Each owns its transaction.
"""
import base64
import binascii
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from marketplace import clock, media, places
from marketplace.accounts.services import check_can_publish, normalise_email, normalise_phone
from marketplace.catalog.models import (
    OcopCategory,
    OcopCertificate,
    Product,
    ProductImage,
    ProductStatus,
    ReviewStatus,
    StockChange,
    StockChangeReason,
)
from marketplace.catalog.photos import UploadError, open_image
from marketplace.catalog.publishing import missing_for_publication, missing_to_stay_published
from marketplace.catalog.services import display_certificate_id
from marketplace.core import pagecache
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.money import parse_vnd
from marketplace.producers.models import CooperativePhoto
from marketplace.slugs import unique_slug
from marketplace.text import nfc

MAX_PHOTOS = 8
MAX_STOCK = 1_000_000
MAX_PRICE = 1_000_000_000  # đồng
LOW_STOCK = 5  # a published product with this many or fewer left shows on the dashboard
EXPIRY_WARNING_DAYS = 90
MAX_STOCK_FILE_ROWS = 2000
MAX_STOCK_FILE_BYTES = 512 * 1024


class PortalError(Refusal):
    """A request the rules refuse; `field` names the form field, when there is one."""


# ------------------------------------------------------------------------------------------
# Listings


@dataclass
class ListingDetails:
    """What staff enter about a product; `price_vnd` in whole đồng (0 while unknown)."""

    name_vi: str
    category_code: str
    unit: str
    price_vnd: int = 0
    name_en: str = ""
    description_vi: str = ""
    description_en: str = ""
    weight_g: int | None = None
    shelf_life_days: int | None = None


def subgroups():
    """The OCOP sub-groups a product can be filed under, by group (one query)."""
    return db.session.scalars(
        sa.select(OcopCategory)
        .where(OcopCategory.parent_id.is_not(None))
        .options(selectinload(OcopCategory.parent))
        .order_by(OcopCategory.position)
    ).all()


def _apply_listing(product, details):
    name_vi, unit = nfc(details.name_vi.strip()), nfc(details.unit.strip())
    if not name_vi:
        raise PortalError(_l("Enter the product's Vietnamese name."), "name_vi")
    if not unit:
        raise PortalError(_l("Enter the unit it is sold by, e.g. hộp 400 g."), "unit")
    if not 0 <= details.price_vnd <= MAX_PRICE:
        raise PortalError(_l("Enter a price from 0 to 1.000.000.000 ₫."), "price")
    category = db.session.scalar(
        sa.select(OcopCategory).where(OcopCategory.code == details.category_code, OcopCategory.parent_id.is_not(None))
    )
    if category is None:
        raise PortalError(_l("Choose the product's OCOP category."), "category")
    product.name_vi, product.unit = name_vi, unit
    product.name_en = nfc((details.name_en or "").strip())
    product.description_vi = nfc((details.description_vi or "").strip())
    product.description_en = nfc((details.description_en or "").strip())
    product.category = category
    product.price_vnd = details.price_vnd
    product.weight_g = details.weight_g
    product.shelf_life_days = details.shelf_life_days


def create_product(cooperative, details, stock, user):
    """A new draft listing of `cooperative`; its starting stock is the first stock change."""
    _check_stock(stock)
    product = Product(cooperative_id=cooperative.id, status=ProductStatus.DRAFT, stock=stock)
    _apply_listing(product, details)
    product.slug = unique_slug(Product, product.name_vi)
    db.session.add(product)
    db.session.flush()
    if stock:
        db.session.add(StockChange(product_id=product.id, user_id=user.id, stock_before=0, stock_after=stock,
                                   reason=StockChangeReason.NEW_LISTING))
    db.session.commit()
    return product


def update_product(product, details):
    """Save the edited listing. A published product must keep what publishing required."""
    try:
        _apply_listing(product, details)
        if product.status == ProductStatus.PUBLISHED:
            missing = missing_to_stay_published(product)
            if missing:
                raise PortalError(_l("A published product needs %(what)s.", what=missing[0].message), missing[0].field)
    except PortalError:
        db.session.rollback()
        raise
    db.session.commit()
    return product


def publish(product):
    """Show the product to shoppers. Refused with the list of what is missing."""
    check_can_publish(product.cooperative)
    if product.status == ProductStatus.ARCHIVED:
        raise PortalError(_l("This product is archived. Restore it first."))
    missing = missing_for_publication(product)
    if missing:
        raise PortalError(_l("Before publishing, add: %(what)s.", what=", ".join(str(m.message) for m in missing)))
    product.status = ProductStatus.PUBLISHED
    db.session.commit()


def unpublish(product):
    if product.status != ProductStatus.PUBLISHED:
        raise PortalError(_l("This product is not published."))
    product.status = ProductStatus.DRAFT
    db.session.commit()


def archive(product):
    """Take the product off the shop and out of the working list; it can be restored."""
    product.status = ProductStatus.ARCHIVED
    db.session.commit()


def restore(product):
    if product.status != ProductStatus.ARCHIVED:
        raise PortalError(_l("This product is not archived."))
    product.status = ProductStatus.DRAFT
    db.session.commit()


@dataclass
class ListingRow:
    product: Product
    certificate: OcopCertificate | None  # the one the shop displays today
    pending_review: bool


def listings(cooperative, status=None, today=None):
    """The cooperative's products with the certificate each displays and whether one waits
    for review (2 queries: rows, then photos)."""
    today = today or clock.today()
    pending = (
        sa.select(OcopCertificate.id)
        .where(OcopCertificate.product_id == Product.id, OcopCertificate.review_status == ReviewStatus.PENDING)
        .correlate(Product)
        .exists()
    )
    query = (
        sa.select(Product, OcopCertificate, pending)
        .outerjoin(OcopCertificate, OcopCertificate.id == display_certificate_id(today))
        .where(Product.cooperative_id == cooperative.id)
        .options(selectinload(Product.images))
        .order_by(Product.updated_at.desc(), Product.id.desc())
    )
    if status is None:
        query = query.where(Product.status != ProductStatus.ARCHIVED)
    else:
        query = query.where(Product.status == status)
    return [ListingRow(*row) for row in db.session.execute(query).all()]


def listing_counts(cooperative):
    """Status -> number of the cooperative's products."""
    rows = db.session.execute(
        sa.select(Product.status, sa.func.count()).where(Product.cooperative_id == cooperative.id).group_by(Product.status)
    )
    return {status: count for status, count in rows}


# ------------------------------------------------------------------------------------------
# Photos: a product's (up to 8) and the cooperative's profile photos, position 0 the cover.


@dataclass
class Album:
    photos: list  # the ORM collection, ordered by position
    folder: str  # under UPLOAD_DIR (media.save_variants)
    make: type  # the photo model
    owner: dict  # the photo's foreign key, e.g. {"product_id": 3}
    keep_one: bool = False  # a published product may not lose its last photo
    cover_changed: object = None  # called after the order changes (cooperatives keep photo_stem)


def product_album(product):
    return Album(product.images, "products", ProductImage, {"product_id": product.id},
                 keep_one=product.status == ProductStatus.PUBLISHED)


def cooperative_album(cooperative):
    def sync_cover():
        cooperative.photo_stem = cooperative.photos[0].stem if cooperative.photos else None

    return Album(cooperative.photos, "cooperatives", CooperativePhoto, {"cooperative_id": cooperative.id},
                 cover_changed=sync_cover)


def _renumber(album):
    for position, photo in enumerate(album.photos):
        photo.position = position
    if album.cover_changed:
        album.cover_changed()


def _checked_images(uploads):
    """Decode every upload first: nothing is stored unless all of them are good photos."""
    images = []
    for name, data in uploads:
        try:
            images.append(open_image(data))
        except UploadError as error:
            raise PortalError(_l("%(name)s: %(problem)s", name=name or _l("the file"), problem=error.message), "photos")
    return images


def add_photos(album, uploads):
    """Add photos (a list of (file name, bytes)) at the end of the album."""
    if not uploads:
        raise PortalError(_l("Choose one or more photos."), "photos")
    room = MAX_PHOTOS - len(album.photos)
    if len(uploads) > room:
        raise PortalError(_l("At most %(max)s photos: you can add %(room)s more.", max=MAX_PHOTOS, room=max(room, 0)), "photos")
    for image in _checked_images(uploads):
        stem = media.save_variants(image, album.folder)
        album.photos.append(album.make(stem=stem, width=image.width, height=image.height, **album.owner))
    _renumber(album)
    db.session.commit()


def replace_photo(album, photo, upload):
    """Put a new photo in the place of `photo`; the old files are removed."""
    (image,) = _checked_images([upload])
    old_stem = photo.stem
    photo.stem = media.save_variants(image, album.folder)
    photo.width, photo.height = image.width, image.height
    _renumber(album)
    db.session.commit()
    media.delete_variants(old_stem, album.folder)


def delete_photo(album, photo):
    if album.keep_one and len(album.photos) == 1:
        raise PortalError(_l("A published product needs a photo: add another one first, or unpublish it."), "photos")
    album.photos.remove(photo)
    _renumber(album)
    db.session.commit()
    media.delete_variants(photo.stem, album.folder)  # after the commit: a rollback keeps the files


def move_photo(album, photo, where):
    """Move a photo "first" (the cover), "up" or "down" in the album's order."""
    photos = album.photos
    index = photos.index(photo)
    target = {"first": 0, "up": index - 1, "down": index + 1}.get(where)
    if target is None or not 0 <= target < len(photos):
        return
    photos.insert(target, photos.pop(index))
    _renumber(album)
    db.session.commit()


# ------------------------------------------------------------------------------------------
# Stock


class StockConflict(PortalError):
    """The stock changed (an order, another person) since the form was shown."""

    def __init__(self, current):
        super().__init__(
            _l("The stock changed to %(current)s while you were editing. Check it and save again.", current=current),
            "stock",
        )
        self.current = current


def _check_stock(value):
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_STOCK:
        raise PortalError(_l("Enter a stock from 0 to %(max)s.", max=MAX_STOCK), "stock")


def _guarded_stock_update(product_id, seen, new):
    """Set the stock only if it still is what the person saw: concurrent changes (another
    person, an order taking stock) are never overwritten. Returns True when it was set."""
    result = db.session.execute(
        sa.update(Product)
        .where(Product.id == product_id, Product.stock == seen)
        .values(stock=new, updated_at=clock.utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def change_stock(product, new_stock, seen_stock, user, note=""):
    """Set one product's stock from `seen_stock` (what the form showed) to `new_stock`,
    recording the change. Raises StockConflict when it changed in the meantime."""
    _check_stock(new_stock)
    note = nfc((note or "").strip())
    if len(note) > 200:
        raise PortalError(_l("Use at most 200 characters."), "note")
    if new_stock == seen_stock:
        return False
    if not _guarded_stock_update(product.id, seen_stock, new_stock):
        db.session.rollback()
        raise StockConflict(db.session.scalar(sa.select(Product.stock).where(Product.id == product.id)))
    db.session.add(StockChange(product_id=product.id, user_id=user.id, stock_before=seen_stock,
                               stock_after=new_stock, reason=StockChangeReason.EDIT, note=note))
    db.session.commit()
    db.session.expire(product)
    pagecache.invalidate()  # a bulk UPDATE does not go through the ORM's change tracking
    return True


def stock_history(product, limit=100):
    return db.session.scalars(
        sa.select(StockChange)
        .where(StockChange.product_id == product.id)
        .options(selectinload(StockChange.user))
        .order_by(StockChange.changed_at.desc(), StockChange.id.desc())
        .limit(limit)
    ).all()


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


def decode_stock_file(data):
    """The text of an uploaded stock file (UTF-8, as spreadsheets save "CSV UTF-8")."""
    if len(data) > MAX_STOCK_FILE_BYTES:
        raise PortalError(_l("The file is larger than 512 KB. Split it into smaller files."), "file")
    try:
        return nfc(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise PortalError(_l("The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8”."), "file") from None


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


def read_stock_file(cooperative, text):
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
    if len(lines) > MAX_STOCK_FILE_ROWS:
        result.errors.append(_l("The file has more than %(max)s lines. Split it into smaller files.", max=MAX_STOCK_FILE_ROWS))
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


def apply_stock_file(cooperative, text, user):
    """Apply a stock file all or nothing: every line must be valid, and every product's stock
    must still be what the check read (else nothing is applied). Returns the StockFile."""
    result = read_stock_file(cooperative, text)
    if not result.valid:
        raise PortalError(_l("The file has errors; nothing was changed."))
    rows = sorted((row for row in result.rows if row.changes), key=lambda row: row.product.id)
    # Lock the rows in id order (no deadlocks with orders taking stock), then update each
    # only if its stock is still the one checked above.
    db.session.execute(
        sa.select(Product.id).where(Product.id.in_([row.product.id for row in rows])).order_by(Product.id).with_for_update()
    )
    now = clock.utcnow()
    for row in rows:
        product = row.product
        if row.stock != product.stock:
            if not _guarded_stock_update(product.id, product.stock, row.stock):
                db.session.rollback()
                raise PortalError(_l("The stock of %(slug)s changed while the file was applied; nothing was changed. Check the file again.", slug=product.slug))
            db.session.add(StockChange(product_id=product.id, user_id=user.id, stock_before=product.stock,
                                       stock_after=row.stock, reason=StockChangeReason.FILE_UPLOAD, changed_at=now))
        if row.price_vnd is not None and row.price_vnd != product.price_vnd:
            db.session.execute(
                sa.update(Product).where(Product.id == product.id).values(price_vnd=row.price_vnd, updated_at=now)
                .execution_options(synchronize_session=False)
            )
    db.session.commit()
    db.session.expire_all()
    pagecache.invalidate()
    return result


def current_stock_file(cooperative):
    """The cooperative's current products as a stock file (slug,price,stock) to edit in a
    spreadsheet and upload again."""
    rows = db.session.execute(
        sa.select(Product.slug, Product.price_vnd, Product.stock)
        .where(Product.cooperative_id == cooperative.id, Product.status != ProductStatus.ARCHIVED)
        .order_by(Product.name_vi, Product.id)
    ).all()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
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
        raise PortalError(_l("The file could not be read back. Upload it again.")) from None


# ------------------------------------------------------------------------------------------
# Profile


@dataclass
class ProfileDetails:
    story_vi: str
    story_en: str
    province_code: int | None
    ward_code: int | None
    street: str = ""
    phone: str = ""
    email: str = ""
    founded_year: int | None = None
    members: int | None = None


def update_profile(cooperative, details):
    """Save the public profile. The name and kind were approved by the council: not here."""
    province = places.province(details.province_code)
    if province is None:
        raise PortalError(_l("Choose a province."), "province_code")
    ward = places.ward(details.province_code, details.ward_code)
    if ward is None:
        raise PortalError(_l("Choose a commune or ward of this province."), "ward_code")
    phone = ""
    if (details.phone or "").strip():
        try:
            phone = normalise_phone(details.phone)
        except ValueError:
            raise PortalError(_l("Enter a Vietnamese phone number, e.g. 0912 345 678."), "phone") from None
    if details.founded_year is not None and not 1900 <= details.founded_year <= clock.today().year:
        raise PortalError(_l("Enter a year from 1900 to this year."), "founded_year")
    cooperative.story_vi = nfc((details.story_vi or "").strip())
    cooperative.story_en = nfc((details.story_en or "").strip())
    cooperative.province_code, cooperative.province_name = province.code, province.name
    cooperative.ward_code, cooperative.ward_name = ward.code, ward.name
    cooperative.street = nfc((details.street or "").strip())
    cooperative.phone = phone
    cooperative.email = normalise_email(details.email or "")
    cooperative.founded_year = details.founded_year
    cooperative.members = details.members
    db.session.commit()


# ------------------------------------------------------------------------------------------
# Certificates and the dashboard


def certificates_of(cooperative):
    """Every certificate of the cooperative's products, newest first (one query)."""
    return db.session.scalars(
        sa.select(OcopCertificate)
        .join(OcopCertificate.product)
        .where(Product.cooperative_id == cooperative.id)
        .options(selectinload(OcopCertificate.product))
        .order_by(OcopCertificate.created_at.desc(), OcopCertificate.id.desc())
    ).all()


@dataclass
class Dashboard:
    """What needs doing."""

    to_confirm: int  # shipments placed (cash, or card once paid), waiting for the cooperative
    low_stock: list
    expiring: list  # approved certificates whose badge ends within 90 days
    expired: list  # approved certificates whose badge has ended, no renewal waiting
    rejected: list  # rejected submissions not yet followed by a new one
    pending: list  # submissions waiting for the council
    counts: dict  # product status -> count

    @property
    def nothing_to_do(self):
        return not (self.to_confirm or self.low_stock or self.expiring or self.expired or self.rejected)


def dashboard(cooperative, today=None):
    today = today or clock.today()
    low_stock = db.session.scalars(
        sa.select(Product)
        .where(Product.cooperative_id == cooperative.id, Product.status == ProductStatus.PUBLISHED,
               Product.stock <= LOW_STOCK)
        .order_by(Product.stock, Product.name_vi)
    ).all()
    certificates = [c for c in certificates_of(cooperative) if c.product.status != ProductStatus.ARCHIVED]
    newest_by_product = {}
    for certificate in certificates:  # newest first
        newest_by_product.setdefault(certificate.product_id, certificate)
    pending_products = {c.product_id for c in certificates if c.review_status == ReviewStatus.PENDING}
    approved = [c for c in certificates if c.review_status == ReviewStatus.APPROVED and c.stars >= 3]
    horizon = today + timedelta(days=EXPIRY_WARNING_DAYS)
    from marketplace.orders.services import orders_to_confirm

    return Dashboard(
        to_confirm=orders_to_confirm(cooperative),
        low_stock=low_stock,
        expiring=sorted((c for c in approved if today <= c.expires_on <= horizon), key=lambda c: c.expires_on),
        expired=[c for c in approved if c.expires_on < today and c.product_id not in pending_products],
        rejected=[c for c in certificates if c.review_status == ReviewStatus.REJECTED
                  and newest_by_product[c.product_id] is c],
        pending=[c for c in certificates if c.review_status == ReviewStatus.PENDING],
        counts=listing_counts(cooperative),
    )
