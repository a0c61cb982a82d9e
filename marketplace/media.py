"""Stored images: each photo is saved once per size as `<folder>/<stem>-<size>.webp`."""
import secrets
from pathlib import Path

from flask import current_app, url_for
from PIL import Image

# Longest side in pixels of each stored copy.
SIZES = {"card": 400, "page": 800, "zoom": 1200}


def new_stem():
    return secrets.token_hex(12)


def save_variants(image, folder, upload_dir=None):
    """Save `image` in every size under UPLOAD_DIR/folder with a random stem; return the stem."""
    upload_dir = Path(upload_dir or current_app.config["UPLOAD_DIR"]) / folder
    upload_dir.mkdir(parents=True, exist_ok=True)
    stem = new_stem()
    image = image.convert("RGB")
    for size_name, longest in SIZES.items():
        copy = image.copy()
        copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        copy.save(upload_dir / f"{stem}-{size_name}.webp", "WEBP", quality=82, method=2)
    return stem


def delete_variants(stem, folder, upload_dir=None):
    upload_dir = Path(upload_dir or current_app.config["UPLOAD_DIR"]) / folder
    for size_name in SIZES:
        (upload_dir / f"{stem}-{size_name}.webp").unlink(missing_ok=True)


def image_url(folder, stem, size="card"):
    return url_for("core.media", filename=f"{folder}/{stem}-{size}.webp")
