"""Certificate scans: a PDF or a photo of the paper, stored under UPLOAD_DIR/certificates with a
random name and served only through a route that checks who asks (never under /media)."""
import re
import secrets
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from marketplace.catalog.photos import NOT_AN_IMAGE, UploadError, open_image

FOLDER = "certificates"
# A scan stays legible at this size; larger photos of a paper only cost space.
LONGEST_SIDE = 2400
PDF_MAGIC = b"%PDF-"
# What a certificate has no use for: scripts, actions that start programs, attached files.
_ACTIVE_PDF = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")

NOT_A_SCAN = _l("The scan must be a PDF, or a JPEG, PNG or WebP photo of the certificate.")
PDF_INCOMPLETE = _l("This PDF is damaged or incomplete. Save it again and upload the new copy.")
PDF_ACTIVE = _l("This PDF contains scripts or attached files. Upload a plain scan of the certificate.")

MEDIA_TYPES = {".pdf": "application/pdf", ".webp": "image/webp"}


def _folder():
    return Path(current_app.config["UPLOAD_DIR"]) / FOLDER


def check_pdf(data):
    """Refuse what is not a plain, complete PDF: the magic at the very start (a PDF that
    starts with something else is how polyglots begin), %%EOF at the end, no active content."""
    if not data.startswith(PDF_MAGIC):
        raise UploadError(NOT_A_SCAN)
    if b"%%EOF" not in data[-2048:]:
        raise UploadError(PDF_INCOMPLETE)
    if _ACTIVE_PDF.search(data):
        raise UploadError(PDF_ACTIVE)


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
