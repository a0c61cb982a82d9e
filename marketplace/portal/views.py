"""Pages of the cooperative portal (/portal): staff of an approved cooperative only.

Every object reached by id goes through `owned_by_current_cooperative`: another
cooperative's product, photo or certificate answers 404, as if it did not exist.
"""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from marketplace.accounts.authz import signed_in_user
from marketplace.bookings import services as bookings
from marketplace.bookings.models import BOOKING_KIND_LABELS
from marketplace.catalog import wholesale
from marketplace.catalog.models import Product, ProductImage, ProductStatus
from marketplace.catalog.photos import UploadError, read_upload
from marketplace.catalog.publishing import missing_for_publication
from marketplace.catalog.rules import CertificateError
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.forms import show_refusal
from marketplace.portal import photos, services
from marketplace.portal.forms import (
    CertificateForm, NewProductForm, ProductForm, ProfileForm, StockForm, TaxProfileForm, WholesaleForm,
)
from marketplace.producers import profile as cooperative_profile, tax
from marketplace.producers.authz import current_cooperative, owned_by_current_cooperative, require_approved_cooperative
from marketplace.producers.models import CooperativePhoto
from marketplace.producers.organisations import NotApproved
from marketplace.program import services as program
from marketplace.safety import query_id
from marketplace.stock import files as stock_files, services as stock
from marketplace.views import act, no_store

bp = Blueprint("portal", __name__, url_prefix="/portal")

STATUS_FILTERS = {s.value: s for s in ProductStatus}


bp.after_request(no_store)


def _product(product_id):
    return owned_by_current_cooperative(db.session.get(Product, product_id))


def _uploads(name):
    """(file name, bytes) of each file sent in the field `name`, each at most 8 MB."""
    uploads = []
    for storage in request.files.getlist(name):
        if storage and storage.filename:
            filename = storage.filename[-80:]
            try:
                uploads.append((filename, read_upload(storage.stream)))
            except UploadError as error:
                raise services.PortalError(_("%(name)s: %(problem)s", name=filename, problem=error.message), "photos") from None
    return uploads


# ---------------------------------------------------------------------------------------
# Dashboard and profile


@bp.get("")
@require_approved_cooperative
def dashboard():
    return render_template("portal/dashboard.html", cooperative=current_cooperative(),
                           board=services.dashboard(current_cooperative()))


@bp.route("/profile", methods=["GET", "POST"])
@require_approved_cooperative
def profile():
    cooperative = current_cooperative()
    form = ProfileForm.for_cooperative(cooperative)
    # Without JavaScript, "Show the communes" re-renders the form for the chosen province.
    if "refresh_wards" not in request.form and form.validate_on_submit():
        try:
            cooperative_profile.update_profile(cooperative, form.details())
        except Refusal as error:
            show_refusal(form, error)
        else:
            flash(_("Your public profile is saved."), "success")
            return redirect(url_for("portal.profile"))
    return render_template("portal/profile.html", form=form, cooperative=cooperative)


@bp.route("/tax-profile", methods=["GET", "POST"])
@require_approved_cooperative
def tax_profile():
    """What the marketplace needs to withhold and declare tax for the cooperative (Decree
    117/2025/NĐ-CP) and to pay it out: payouts wait until it is filled in."""
    cooperative = current_cooperative()
    form = TaxProfileForm(data={"tax_code": cooperative.tax_code, "personal_id": cooperative.personal_id})
    if form.validate_on_submit():
        try:
            tax.update_tax_profile(cooperative, form.tax_code.data, form.personal_id.data)
        except Refusal as error:
            show_refusal(form, error)
        else:
            flash(_("Your tax profile is saved."), "success")
            return redirect(url_for("portal.tax_profile"))
    return render_template("portal/tax_profile.html", form=form, cooperative=cooperative)


def _cooperative_photo(photo_id):
    return owned_by_current_cooperative(db.session.get(CooperativePhoto, photo_id))


@bp.post("/profile/photos")
@require_approved_cooperative
def profile_photo_add():
    act(lambda form: photos.add_photos(photos.cooperative_album(current_cooperative()), _uploads("photos")),
        _("Photos added."))
    return redirect(url_for("portal.profile", _anchor="photos"))


@bp.post("/profile/photos/<int:photo_id>/delete")
@require_approved_cooperative
def profile_photo_delete(photo_id):
    photo = _cooperative_photo(photo_id)
    photos.delete_photo(photos.cooperative_album(current_cooperative()), photo)
    flash(_("Photo removed."), "success")
    return redirect(url_for("portal.profile", _anchor="photos"))


@bp.post("/profile/photos/<int:photo_id>/move")
@require_approved_cooperative
def profile_photo_move(photo_id):
    photo = _cooperative_photo(photo_id)
    photos.move_photo(photos.cooperative_album(current_cooperative()), photo, request.form.get("where", ""))
    return redirect(url_for("portal.profile", _anchor="photos"))


# ---------------------------------------------------------------------------------------
# Listings


@bp.get("/products")
@require_approved_cooperative
def products():
    status = STATUS_FILTERS.get(request.args.get("status", ""))
    cooperative = current_cooperative()
    return render_template(
        "portal/products.html",
        rows=services.listings(cooperative, status),
        counts=services.listing_counts(cooperative),
        status=status,
    )


@bp.route("/products/new", methods=["GET", "POST"])
@require_approved_cooperative
def product_new():
    form = NewProductForm()
    if form.validate_on_submit():
        try:
            product = services.create_product(current_cooperative(), form.details(), form.starting_stock(), signed_in_user())
        except Refusal as error:
            show_refusal(form, error)
        else:
            flash(_("Saved as a draft. Add photos, then publish it."), "success")
            return redirect(url_for("portal.product_edit", product_id=product.id))
    return render_template("portal/product_new.html", form=form)


def _edit_page(product, form=None, status=200):
    return render_template(
        "portal/product_edit.html",
        product=product,
        form=form or ProductForm.for_product(product, formdata=None),
        missing=missing_for_publication(product),
        certificates=sorted(product.certificates, key=lambda c: c.created_at, reverse=True),
        max_photos=photos.MAX_PHOTOS,
    ), status


@bp.route("/products/<int:product_id>", methods=["GET", "POST"])
@require_approved_cooperative
def product_edit(product_id):
    product = _product(product_id)
    if request.method == "GET":
        return _edit_page(product)
    form = ProductForm()
    if form.validate_on_submit():
        try:
            services.update_product(product, form.details())
        except services.PortalError as error:
            show_refusal(form, error)
        else:
            flash(_("Changes saved."), "success")
            return redirect(url_for("portal.product_edit", product_id=product.id))
    return _edit_page(product, form)


def _change_status(product_id, change, done):
    product = _product(product_id)
    try:
        act(lambda form: change(product, signed_in_user()), done)
    except NotApproved:
        abort(403)
    return redirect(url_for("portal.product_edit", product_id=product.id))


@bp.post("/products/<int:product_id>/publish")
@require_approved_cooperative
def product_publish(product_id):
    return _change_status(product_id, services.publish, _("Published: shoppers can see it now."))


@bp.post("/products/<int:product_id>/unpublish")
@require_approved_cooperative
def product_unpublish(product_id):
    return _change_status(product_id, services.unpublish, _("Unpublished: shoppers no longer see it."))


@bp.post("/products/<int:product_id>/archive")
@require_approved_cooperative
def product_archive(product_id):
    return _change_status(product_id, services.archive, _("Archived. You can restore it from the archive."))


@bp.post("/products/<int:product_id>/restore")
@require_approved_cooperative
def product_restore(product_id):
    return _change_status(product_id, services.restore, _("Restored as a draft."))


# ---------------------------------------------------------------------------------------
# Product photos


def _product_photo(product, photo_id):
    photo = db.session.get(ProductImage, photo_id)
    if photo is None or photo.product_id != product.id:
        abort(404)
    return photo


def _photos_page(product):
    return redirect(url_for("portal.product_edit", product_id=product.id, _anchor="photos"))


@bp.post("/products/<int:product_id>/photos")
@require_approved_cooperative
def product_photo_add(product_id):
    product = _product(product_id)
    act(lambda form: photos.add_photos(photos.product_album(product), _uploads("photos")), _("Photos added."))
    return _photos_page(product)


@bp.post("/products/<int:product_id>/photos/<int:photo_id>/replace")
@require_approved_cooperative
def product_photo_replace(product_id, photo_id):
    product = _product(product_id)
    photo = _product_photo(product, photo_id)

    def replace(form):
        uploads = _uploads("photo")
        if len(uploads) != 1:
            raise services.PortalError(_("Choose one photo."))
        photos.replace_photo(photos.product_album(product), photo, uploads[0])

    act(replace, _("Photo replaced."))
    return _photos_page(product)


@bp.post("/products/<int:product_id>/photos/<int:photo_id>/delete")
@require_approved_cooperative
def product_photo_delete(product_id, photo_id):
    product = _product(product_id)
    photo = _product_photo(product, photo_id)
    act(lambda form: photos.delete_photo(photos.product_album(product), photo), _("Photo removed."))
    return _photos_page(product)


@bp.post("/products/<int:product_id>/photos/<int:photo_id>/move")
@require_approved_cooperative
def product_photo_move(product_id, photo_id):
    product = _product(product_id)
    photo = _product_photo(product, photo_id)
    photos.move_photo(photos.product_album(product), photo, request.form.get("where", ""))
    return _photos_page(product)


# ---------------------------------------------------------------------------------------
# Stock


@bp.route("/products/<int:product_id>/stock", methods=["GET", "POST"])
@require_approved_cooperative
def product_stock(product_id):
    product = _product(product_id)
    form = StockForm(formdata=None, stock=str(product.stock), seen=str(product.stock)) \
        if request.method == "GET" else StockForm()
    if request.method == "POST" and form.validate_on_submit():
        new_stock, seen = form.values()
        try:
            if seen is None:
                raise stock.StockConflict(product.stock)
            changed = stock.change(product, new_stock, seen, signed_in_user(), form.note.data)
        except Refusal as error:
            show_refusal(form, error)
            if isinstance(error, stock.StockConflict):
                form.seen.data = str(error.current)
        else:
            flash(_("Stock saved.") if changed else _("The stock was already %(n)s: nothing changed.", n=new_stock),
                  "success")
            return redirect(url_for("portal.product_stock", product_id=product.id))
    return render_template("portal/product_stock.html", product=product, form=form,
                           history=stock.history(product))


@bp.route("/products/<int:product_id>/wholesale", methods=["GET", "POST"])
@require_approved_cooperative
def product_wholesale(product_id):
    """Quantity breaks only staff of approved distributor companies see and get."""
    product = _product(product_id)
    if request.method == "GET":
        form = WholesaleForm.for_tiers(wholesale.tiers_of([product.id]).get(product.id, []))
    else:
        form = WholesaleForm()
        if form.validate_on_submit():
            try:
                wholesale.set_tiers(product, form.values())
            except Refusal as error:
                show_refusal(form, error)
            else:
                flash(_("Wholesale prices saved."), "success")
                return redirect(url_for("portal.product_wholesale", product_id=product.id))
    return render_template("portal/product_wholesale.html", product=product, form=form)


# ---------------------------------------------------------------------------------------
# Bookings of services (OCOP group 6): what is booked, and how many each day takes


def _service(product_id):
    product = _product(product_id)
    if not bookings.is_service(product):
        abort(404)
    return product


@bp.get("/products/<int:product_id>/bookings")
@require_approved_cooperative
def product_bookings(product_id):
    product = _service(product_id)
    return render_template("portal/product_bookings.html", product=product,
                           terms=bookings.terms_of([product.id]).get(product.id),
                           default_kind=bookings.default_kind(product), kinds=BOOKING_KIND_LABELS,
                           days=bookings.upcoming_days(product))


@bp.post("/products/<int:product_id>/bookings/terms")
@require_approved_cooperative
def product_booking_terms(product_id):
    product = _service(product_id)
    capacity = request.form.get("daily_capacity", "").strip()
    act(lambda form: bookings.set_terms(product, request.form.get("kind"), int(capacity) if capacity.isdigit() else -1),
        _("Booking terms saved."))
    return redirect(url_for("portal.product_bookings", product_id=product.id))


@bp.post("/products/<int:product_id>/bookings/day")
@require_approved_cooperative
def product_booking_day(product_id):
    product = _service(product_id)
    act(lambda form: bookings.set_day(product, request.form.get("day"), request.form.get("capacity")),
        _("Capacity of the date saved."))
    return redirect(url_for("portal.product_bookings", product_id=product.id))


@bp.route("/stock", methods=["GET", "POST"])
@require_approved_cooperative
def stock_file():
    """Upload a stock file: the answer is a preview, line by line; nothing changes yet."""
    checked, content, error = None, "", None
    if request.method == "POST":
        storage = request.files.get("file")
        try:
            if storage is None or not storage.filename:
                raise stock.StockError(_("Choose a CSV file."))
            text = stock_files.decode(storage.stream.read(stock_files.MAX_BYTES + 1))
            checked = stock_files.read(current_cooperative(), text)
            content = stock_files.encode_for_form(text)
        except Refusal as refused:
            error = refused.message
    return render_template("portal/stock_file.html", checked=checked, content=content, error=error)


@bp.get("/stock/current.csv")
@require_approved_cooperative
def stock_file_download():
    cooperative = current_cooperative()
    # The byte order mark makes spreadsheet programs read the file as UTF-8.
    return Response("\ufeff" + stock_files.current(cooperative), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=stock-{cooperative.slug}.csv"})


@bp.post("/stock/apply")
@require_approved_cooperative
def stock_file_apply():
    try:
        text = stock_files.decode_from_form(request.form.get("content"))
        applied = stock_files.apply(current_cooperative(), text, signed_in_user())
    except Refusal as error:
        flash(str(error.message), "error")
        return redirect(url_for("portal.stock_file"))
    flash(_("Stock file applied: %(n)s products changed.", n=applied.change_count), "success")
    return redirect(url_for("portal.products"))


# ---------------------------------------------------------------------------------------
# Certificates


@bp.get("/certificates")
@require_approved_cooperative
def certificates():
    return render_template("portal/certificates.html", certificates=services.certificates_of(current_cooperative()))


@bp.route("/certificates/new", methods=["GET", "POST"])
@require_approved_cooperative
def certificate_new():
    cooperative = current_cooperative()
    products = [row.product for row in services.listings(cooperative)]
    chosen = query_id("product")
    form = CertificateForm(products, product=chosen)
    if form.validate_on_submit():
        product = _product(form.product.data)
        scan = request.files.get("scan")
        try:
            try:
                data = read_upload(scan.stream) if scan and scan.filename else None
            except UploadError as error:
                raise CertificateError(error.message, "scan") from None
            program.submit_certificate(product, form.details(), data, signed_in_user())
        except CertificateError as error:
            show_refusal(form, error)
        else:
            flash(_("Sent to the OCOP council. The badge shows once they approve it; we will tell you."), "success")
            return redirect(url_for("portal.certificates"))
    return render_template("portal/certificate_new.html", form=form)
