"""Certificate scans: a PDF or a photo of the paper, stored under UPLOAD_DIR/certificates with a
random name and served only through a route that checks who asks (never under /media)."""
import io
import secrets
from pathlib import Path

import pikepdf
from flask import current_app
from flask_babel import lazy_gettext as _l

from marketplace.catalog.photos import NOT_AN_IMAGE, UploadError, open_image

FOLDER = "certificates"
# A scan stays legible at this size; larger photos of a paper only cost space.
LONGEST_SIDE = 2400
PDF_MAGIC = b"%PDF-"
# What a certificate has no use for: scripts, actions run on opening or on events, programs to
# launch, attached files, rich media and XML forms. Names as pikepdf gives them, decoded
# (/J#61vaScript is /JavaScript), whether they are keys or values.
_ACTIVE_NAMES = frozenset({
    "/JavaScript", "/JS", "/AA", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/EF",
    "/FileAttachment", "/RichMedia", "/XFA", "/SubmitForm", "/ImportData",
})

NOT_A_SCAN = _l("The scan must be a PDF, or a JPEG, PNG or WebP photo of the certificate.")
PDF_INCOMPLETE = _l("This PDF is damaged or incomplete. Save it again and upload the new copy.")
PDF_ACTIVE = _l("This PDF contains scripts or attached files. Upload a plain scan of the certificate.")
PDF_LOCKED = _l("This PDF is protected by a password. Upload a copy without one.")

MEDIA_TYPES = {".pdf": "application/pdf", ".webp": "image/webp"}


def _folder():
    return Path(current_app.config["UPLOAD_DIR"]) / FOLDER


def check_pdf(data):
    """Refuse what is not a plain, complete PDF: the magic at the very start (a PDF that
    starts with something else is how polyglots begin), %%EOF at the end, a structure that
    parses, and no active content in any object (see `_is_active`)."""
    if not data.startswith(PDF_MAGIC):
        raise UploadError(NOT_A_SCAN)
    if b"%%EOF" not in data[-2048:]:
        raise UploadError(PDF_INCOMPLETE)
    try:
        with pikepdf.open(io.BytesIO(data), attempt_recovery=False) as pdf:
            active = _is_active(pdf)
    except pikepdf.PasswordError:
        raise UploadError(PDF_LOCKED) from None
    except (pikepdf.PdfError, ValueError, RecursionError):
        raise UploadError(PDF_INCOMPLETE) from None
    if active:
        raise UploadError(PDF_ACTIVE)


def _is_active(pdf):
    """True when any object of the file (every numbered object, those inside compressed
    object streams included, and what is nested in them) names active content, or when the
    document opens with an action. An /OpenAction that is only a destination (which page to
    show, at what zoom; office suites write one into every PDF) runs nothing and passes."""
    if isinstance(pdf.Root.get("/OpenAction"), pikepdf.Dictionary):
        return True
    todo = [pdf.trailer, *pdf.objects]
    while todo:
        item = todo.pop()
        if isinstance(item, pikepdf.Stream):
            item = item.stream_dict
        if isinstance(item, pikepdf.Dictionary):
            if not _ACTIVE_NAMES.isdisjoint(item.keys()):
                return True
            values = item.values()
        elif isinstance(item, pikepdf.Array):
            values = item
        else:
            continue
        for value in values:
            if not isinstance(value, pikepdf.Object) or value.is_indirect:
                continue  # a number, string or null; or a numbered object: visited once anyway
            if isinstance(value, pikepdf.Name) and str(value) in _ACTIVE_NAMES:
                return True
            todo.append(value)
    return False


def save_scan(data):
    """Check the bytes of an uploaded scan and store them; returns the stored file's name.
    PDFs are kept as sent (once checked); photos are re-encoded like product photos."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    stem = secrets.token_hex(16)
    if data.startswith(PDF_MAGIC):
        check_pdf(data)
        name = f"{stem}.pdf"
        (folder / name).write_bytes(data)
        return name
    try:
        image = open_image(data, longest_side=LONGEST_SIDE)
    except UploadError as error:
        raise UploadError(NOT_A_SCAN) if error.message is NOT_AN_IMAGE else error from None
    name = f"{stem}.webp"
    image.save(folder / name, "WEBP", quality=88, method=4)
    return name


def scan_location(name):
    """(folder, file name, media type) of a stored scan, for send_from_directory."""
    return _folder(), name, MEDIA_TYPES[Path(name).suffix]
