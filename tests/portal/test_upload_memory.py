"""The heaviest photo upload the portal accepts (eight photos at the pixel limit) costs a
worker far less than the 1.9 GB that eight 40-megapixel PNGs once did: each photo is made
small right after it is decoded."""
import gc
from pathlib import Path

import pytest

from marketplace.catalog import photos
from marketplace.extensions import db
from tests.factories import make_product
from tests.portal.uploads import large_png, multipart

LIMIT_MB = 300
_CLEAR_REFS = Path("/proc/self/clear_refs")


def _status_mb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def _reset_peak():
    """Linux: writing 5 to clear_refs sets the process's peak resident size (VmHWM) back to now."""
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        pytest.skip("needs Linux's /proc/self/clear_refs to measure peak memory")


def test_eight_photos_at_the_pixel_limit_stay_under_300_mb(portal, cooperative):
    product = make_product(cooperative, images=0)
    db.session.commit()
    side = int(photos.MAX_PIXELS ** 0.5)
    png = large_png(side, side)  # 25 MP, RGBA: 100 MB once decoded, a few hundred kB here
    body = multipart({"photos": [(png, f"{n}.png") for n in range(8)]})
    gc.collect()
    _reset_peak()
    start = _status_mb("VmRSS")
    response = portal.post(f"/portal/products/{product.id}/photos", **body)
    used = _status_mb("VmHWM") - start
    assert response.status_code == 302
    assert len(product.images) == 8
    assert used < LIMIT_MB, f"the upload took {used:.0f} MB"
