"""Checking uploaded images before anything is stored.

An upload is judged by its content, never by its name or the browser's content type: Pillow
must recognise a JPEG, PNG or WebP, decode it completely, and find at most 25 megapixels
(decompression bombs: a few kilobytes that decode to gigabytes), which it reads from the
header before decoding anything. The file must also be only an image: data after the image's
end, or web code in its metadata, is how polyglot files hide a second meaning, so such files
are refused. What is stored is always a fresh re-encoding (EXIF orientation applied, metadata
dropped), never the uploaded bytes.

Memory: a decoded image costs 4 bytes a pixel (100 MB at the limit), so each image is made as
small as its largest stored copy right as it is decoded (JPEGs are even decoded at a reduced
scale): a request with eight photos holds one full-size decode at a time, not eight.
"""
import io
import re
import struct
import warnings

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from marketplace import media
from marketplace.errors import Refusal

try:
    from PIL import ImageCms
except ImportError:  # Pillow built without littlecms: colours stay as they are
    ImageCms = None

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
# A 24-megapixel camera's 6000 × 4000 fits; the largest copy kept is 1200 pixels wide.
MAX_PIXELS = 25_000_000
# Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that; the warning is turned
# into a refusal below, so nothing larger than MAX_PIXELS is ever decoded.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# MPO is how Pillow names a JPEG carrying extra pictures (phones' depth or HDR maps).
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
_OPENERS = ["JPEG", "PNG", "WEBP"]  # Pillow's JPEG opener also returns MPO images

# Web code that has no business in an image's metadata.
_MARKUP = re.compile(rb"<\s*(?:script|html|body|iframe|object|embed|!doctype|\?php)|javascript:", re.IGNORECASE)


class UploadError(Refusal):
    """An upload refused; `message` says why in words for the person who sent it."""


NOT_AN_IMAGE = _l("This file is not a JPEG, PNG or WebP photo (whatever its name says). Choose a photo file.")
TOO_LARGE = _l("The file is larger than 8 MB. Choose a smaller photo, or make it smaller first.")
TOO_MANY_PIXELS = _l("The image is larger than 25 megapixels. Make it smaller first.")
CORRUPT = _l("The file is damaged or incomplete and cannot be read as a photo.")
POLYGLOT = _l("The file contains more than a photo (extra data or web code). Save the photo again as JPEG or PNG and upload that copy.")
EMPTY = _l("The file is empty.")


def read_upload(stream, limit=MAX_UPLOAD_BYTES):
    """The bytes of an uploaded file, refusing more than `limit` without reading it all."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UploadError(TOO_LARGE)
    if not data:
        raise UploadError(EMPTY)
    return data


def open_image(data, longest_side=max(media.SIZES.values())):
    """A checked, fully decoded image from the bytes of an upload, at most `longest_side`
    pixels wide and high (never enlarged): upright (EXIF orientation applied), in sRGB,
    flattened onto white, without metadata. Raises UploadError."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(io.BytesIO(data), formats=_OPENERS)  # reads the header only
            kind = ACCEPTED_FORMATS.get(probe.format)
            if kind is None:
                raise UploadError(NOT_AN_IMAGE)
            if probe.width * probe.height > MAX_PIXELS:
                raise UploadError(TOO_MANY_PIXELS)
            probe.verify()  # checksums and structure, without decoding
            if not only_an_image(data, kind):
                raise UploadError(POLYGLOT)
            image = Image.open(io.BytesIO(data), formats=_OPENERS)
            if image.mode in ("1", "P"):  # shrinking these would pick pixels, not blend them
                image = image.convert("RGBA")
            # Decodes (a JPEG at the smallest scale that is still large enough) and shrinks
            # in place, so the full-size pixels are freed at once; orientation and profile stay.
            image.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
            image.load()  # decodes everything: a truncated or corrupt file fails here
        except UploadError:
            raise
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise UploadError(TOO_MANY_PIXELS) from None
        except UnidentifiedImageError:
            raise UploadError(NOT_AN_IMAGE) from None
        except (OSError, SyntaxError, ValueError, struct.error, EOFError):
            raise UploadError(CORRUPT) from None
    return _clean(image)


def _clean(image):
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    if icc and ImageCms is not None and image.mode in ("RGB", "RGBA"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: keep the colours as they are
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        clean = Image.new("RGB", rgba.size, (255, 255, 255))
        clean.paste(rgba, mask=rgba.getchannel("A"))
    else:
        clean = image.convert("RGB")
    clean.info = {}  # no EXIF, XMP, comments or profile travels on to any encoder
    return clean


# ------------------------------------------------------------------------------------------
# Only an image: walk the file's structure, look at its metadata and at what follows its end.


def only_an_image(data, kind):
    """True when `data` (a valid `kind` image) holds nothing but the image: no data after its
    end, and no web code in its metadata."""
    try:
        metadata, end = {"JPEG": _jpeg_parts, "PNG": _png_parts, "WEBP": _webp_parts}[kind](data)
    except (IndexError, struct.error, ValueError):
        return False
    trailing = data[end:]
    if trailing.strip(b"\x00\r\n\t "):
        return False
    return not any(_MARKUP.search(chunk) for chunk in metadata)


def _jpeg_parts(data):
    """JPEG segments: APPn and comment contents are metadata. Pictures that phones append
    after the first one (MPO, HDR gain maps) are JPEGs themselves and are walked too."""
    metadata, pos = [], 0
    while data.startswith(b"\xff\xd8", pos):
        pos += 2
        while True:
            if data[pos] != 0xFF:
                raise ValueError("not a marker")
            while data[pos] == 0xFF:  # fill bytes
                pos += 1
            marker = data[pos]
            pos += 1
            if marker == 0xD9:  # end of image
                break
            if 0xD0 <= marker <= 0xD7 or marker == 0x01:
                continue
            (length,) = struct.unpack(">H", data[pos:pos + 2])
            if length < 2 or pos + length > len(data):
                raise ValueError("bad segment length")
            if 0xE0 <= marker <= 0xEF or marker == 0xFE:
                metadata.append(data[pos + 2:pos + length])
            pos += length
            if marker == 0xDA:  # start of scan: skip the compressed data to the next marker
                while True:
                    pos = data.index(b"\xff", pos)
                    following = data[pos + 1]
                    if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                        pos += 1 if following == 0xFF else 2
                        continue
                    break
    return metadata, pos


def _png_parts(data):
    """PNG chunks: everything but the image data is metadata; the file ends with IEND."""
    metadata, pos = [], 8
    while True:
        length, chunk_type = struct.unpack(">I4s", data[pos:pos + 8])
        if pos + 12 + length > len(data):
            raise ValueError("chunk beyond the end")
        if chunk_type not in (b"IDAT", b"fdAT"):
            metadata.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
        if chunk_type == b"IEND":
            return metadata, pos


def _webp_parts(data):
    """WebP (RIFF) chunks: the file ends where the RIFF header says; EXIF and XMP are metadata."""
    (riff_size,) = struct.unpack("<I", data[4:8])
    end = 8 + riff_size
    if end > len(data):
        raise ValueError("RIFF beyond the end")
    metadata, pos = [], 12
    while pos + 8 <= end:
        chunk_type, length = struct.unpack("<4sI", data[pos:pos + 8])
        if chunk_type in (b"EXIF", b"XMP ", b"ICCP"):
            metadata.append(data[pos + 8:pos + 8 + length])
        pos += 8 + length + (length & 1)
    return metadata, end
