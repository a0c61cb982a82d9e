"""Files to upload in tests: real images made with Pillow, and the bad files the checks refuse."""
import io
import struct
import zlib

from PIL import Image
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 120, 40), **save_args):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, **save_args)
    return buffer.getvalue()


def jpeg_with_exif(orientation=6, size=(64, 48)):
    """A JPEG whose EXIF says "rotate 90°" and carries a camera name (metadata to strip)."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "SecretCam"
    return image_bytes("JPEG", size=size, exif=exif.tobytes())


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decompression_bomb_png(width=20_000, height=20_000):
    """A real PNG of width × height 1-bit pixels, all zero: a few kB on disk, 400 megapixels
    (about 1.2 GB as RGB) when decoded."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte + packed pixels
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", body) + _png_chunk(b"IEND", b"")


def large_png(width, height):
    """A real RGBA PNG of width × height transparent pixels: small on disk, 4 bytes a pixel in
    memory once decoded (the most an image costs Pillow)."""
    row = b"\x00" + b"\x00" * (width * 4)
    compressor = zlib.compressobj(6)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", body) + _png_chunk(b"IEND", b"")


def png_with_text(text):
    """A valid PNG with a tEXt metadata chunk holding `text` (bytes)."""
    raw = image_bytes("PNG")
    return raw[:33] + _png_chunk(b"tEXt", b"Comment\x00" + text) + raw[33:]


def jpeg_with_comment(text):
    """A valid JPEG with a COM segment holding `text` (bytes)."""
    raw = image_bytes("JPEG")
    return raw[:2] + b"\xff\xfe" + struct.pack(">H", len(text) + 2) + text + raw[2:]


HTML_PAGE = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def pdf_bytes(extra=b""):
    """A small, valid one-page PDF (optionally with `extra` inside its catalogue)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def upload(data, name):
    """A file for the test client's `data=` (a fresh stream each time)."""
    return (io.BytesIO(data), name)


def multipart(fields):
    """Keyword arguments for the test client posting `fields` as an in-memory multipart body:
    large bodies otherwise go through a temporary file the test client never closes."""
    values = MultiDict()
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, tuple):
                item = FileStorage(io.BytesIO(item[0]), filename=item[1], name=name)
            values.add(name, item)
    boundary, body = encode_multipart(values)
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}
