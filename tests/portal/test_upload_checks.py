"""The photo checks: by content, at most 8 MB and 25 megapixels, upright, without metadata,
and only an image (polyglots refused)."""
import io

import pytest
from PIL import Image

from marketplace.catalog import photos
from marketplace.catalog.photos import UploadError, open_image, read_upload
from tests.portal.uploads import (
    HTML_PAGE,
    decompression_bomb_png,
    image_bytes,
    jpeg_with_comment,
    jpeg_with_exif,
    png_with_text,
)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted(fmt):
    image = open_image(image_bytes(fmt, size=(120, 80)))
    assert image.size == (120, 80) and image.mode == "RGB"


def test_a_real_decompression_bomb_png_is_refused():
    bomb = decompression_bomb_png()  # 400 megapixels in a few kilobytes
    assert len(bomb) < 100_000
    with pytest.raises(UploadError) as refused:
        open_image(bomb)
    assert refused.value.message is photos.TOO_MANY_PIXELS


def test_more_than_25_megapixels_is_refused_below_pillows_own_limit():
    for width, height in [(8_000, 6_000), (6_000, 5_000)]:  # 48 and 30 MP: only a warning for Pillow
        with pytest.raises(UploadError) as refused:
            open_image(decompression_bomb_png(width, height))
        assert refused.value.message is photos.TOO_MANY_PIXELS


def test_a_24_megapixel_camera_photo_is_accepted_and_kept_at_the_largest_stored_size():
    image = open_image(image_bytes("JPEG", size=(6_000, 4_000)))
    assert image.size == (1200, 800) and image.mode == "RGB"
    assert open_image(image_bytes("PNG", size=(3_000, 4_000)), longest_side=2400).size == (1800, 2400)


def test_palette_images_are_shrunk_smoothly():
    stripes = Image.new("P", (2_400, 2_400))
    stripes.putpalette([0, 0, 0, 255, 255, 255])
    stripes.putdata([x % 2 for x in range(2_400)] * 2_400)  # one-pixel black/white stripes
    buffer = io.BytesIO()
    stripes.save(buffer, "PNG")
    assert 100 < open_image(buffer.getvalue()).getpixel((10, 10))[0] < 160  # grey, not black or white


def test_an_html_file_named_jpg_is_refused():
    with pytest.raises(UploadError) as refused:
        open_image(HTML_PAGE)
    assert refused.value.message is photos.NOT_AN_IMAGE


@pytest.mark.parametrize(
    "polyglot",
    [
        image_bytes("JPEG") + HTML_PAGE,  # a JPEG that is also a web page
        image_bytes("JPEG") + b"PK\x03\x04" + b"\x00" * 40,  # a JPEG with a ZIP after it
        image_bytes("PNG") + HTML_PAGE,
        image_bytes("WEBP") + HTML_PAGE,
        jpeg_with_comment(b"<script>alert(1)</script>"),
        png_with_text(b"<html><body onload=alert(1)>"),
    ],
    ids=["jpeg+html", "jpeg+zip", "png+html", "webp+html", "jpeg-comment-script", "png-text-html"],
)
def test_polyglots_are_refused(polyglot):
    with pytest.raises(UploadError) as refused:
        open_image(polyglot)
    assert refused.value.message is photos.POLYGLOT


def test_harmless_metadata_and_extra_phone_pictures_pass():
    assert open_image(png_with_text(b"Made on a farm in Mo Cay")).size == (64, 48)
    base = Image.new("RGB", (64, 48), "white")
    buffer = io.BytesIO()
    base.save(buffer, "MPO", save_all=True, append_images=[base.rotate(90)])  # a phone's 2-picture JPEG
    assert open_image(buffer.getvalue()).size == (64, 48)


@pytest.mark.parametrize(
    "data",
    [image_bytes("JPEG")[:300], image_bytes("PNG")[:-20], b"\x89PNG\r\n\x1a\n" + b"\x00" * 50],
    ids=["truncated-jpeg", "truncated-png", "png-header-only"],
)
def test_corrupt_files_are_refused(data):
    with pytest.raises(UploadError):
        open_image(data)


def test_gif_is_not_accepted_even_though_it_is_an_image():
    with pytest.raises(UploadError) as refused:
        open_image(image_bytes("GIF"))
    assert refused.value.message is photos.NOT_AN_IMAGE


def test_oversized_and_empty_uploads_are_refused_without_reading_everything():
    stream = io.BytesIO(b"\xff" * (photos.MAX_UPLOAD_BYTES + 5000))
    with pytest.raises(UploadError) as refused:
        read_upload(stream)
    assert refused.value.message is photos.TOO_LARGE
    assert stream.tell() == photos.MAX_UPLOAD_BYTES + 1
    with pytest.raises(UploadError):
        read_upload(io.BytesIO(b""))


def test_exif_orientation_is_applied_and_metadata_dropped(tmp_path):
    image = open_image(jpeg_with_exif(orientation=6, size=(64, 48)))
    assert image.size == (48, 64)  # turned upright
    image.save(tmp_path / "out.webp", "WEBP")
    with Image.open(tmp_path / "out.webp") as stored:
        assert not stored.getexif() and "exif" not in stored.info


def test_transparent_pixels_become_white():
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(buffer, "PNG")
    assert open_image(buffer.getvalue()).getpixel((5, 5)) == (255, 255, 255)
