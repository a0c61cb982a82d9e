"""Demo data: the demo cooperative sign-in has certificates waiting for the council (once)."""
from pathlib import Path

import sqlalchemy as sa

from marketplace.catalog.models import OcopCertificate, ReviewStatus
from marketplace.extensions import db
from marketplace.program.demo import seed_pending_certificates
from tests.factories import make_certificate, make_cooperative, make_cooperative_staff, make_product


def test_pending_demo_certificates_are_seeded_once_with_their_scans(app):
    assert seed_pending_certificates() == 0  # no demo sign-in yet: nothing to do
    cooperative = make_cooperative()
    user = make_cooperative_staff(cooperative, email="cooperative@example.com")
    first = make_product(cooperative, name_vi="A kẹo dừa")
    make_certificate(first, stars=5, score=93)
    make_product(cooperative, name_vi="B dầu dừa")
    make_product(cooperative, name_vi="C bánh tráng")
    assert seed_pending_certificates() == 2
    db.session.commit()
    assert seed_pending_certificates() == 0
    pending = db.session.scalars(
        sa.select(OcopCertificate).where(OcopCertificate.review_status == ReviewStatus.PENDING).order_by(OcopCertificate.id)
    ).all()
    assert [(c.product.name_vi, c.stars, c.submitted_by_id) for c in pending] == [("A kẹo dừa", 5, user.id), ("B dầu dừa", 3, user.id)]
    for certificate in pending:
        assert (Path(app.config["UPLOAD_DIR"]) / "certificates" / certificate.scan_file).is_file()


def test_demo_producers_photo_is_the_cover_of_their_profile_photos(app):
    from marketplace.demo import data
    from marketplace.demo.seed import _cooperative

    cooperative = _cooperative(data.COOPERATIVES[0])
    assert [photo.stem for photo in cooperative.photos] == [cooperative.photo_stem]
