"""Certificates: submission with a scan (pending, no badge), the council's queue, approval and
rejection with notices and email, renewals superseding, history, protected scans, expiry."""
from datetime import date

import pytest
import sqlalchemy as sa

from marketplace.catalog.models import OcopCertificate, ReviewStatus
from marketplace.catalog.rules import CertificateError
from marketplace.extensions import db
from marketplace.notices.models import Notice
from marketplace.program import services
from marketplace.program.models import CertificateReview
from tests.factories import make_certificate, make_cooperative, make_cooperative_staff, make_product, make_user
from tests.portal.conftest import page_text
from tests.portal.uploads import HTML_PAGE, image_bytes, jpeg_with_exif, pdf_bytes, upload
from tests.program.conftest import client_for

FORM = {
    "stars": "4",
    "score": "78",
    "assessing_level": "province",
    "issuing_body": "UBND tỉnh Vĩnh Long",
    "decision_number": "1234/QĐ-UBND",
    "decision_date": "2026-03-01",
    "certificate_number": "VL-OCOP-0042",
    "issued_on": "2026-03-01",
    "expires_on": "",
    "criteria_version": "148/QĐ-TTg (2023)",
}


def _submit(client, product, scan=None, **changes):
    data = {**FORM, "product": str(product.id), **changes}
    if scan is not False:
        data["scan"] = upload(*(scan or (pdf_bytes(), "certificate.pdf")))
    return client.post("/portal/certificates/new", data=data)


def _certificates(product):
    db.session.expire_all()
    return db.session.scalars(
        sa.select(OcopCertificate).where(OcopCertificate.product_id == product.id).order_by(OcopCertificate.id)
    ).all()


def _fetch(client, path):
    """(status, media type) of a GET, the response closed (scans are files)."""
    with client.get(path) as response:
        return response.status_code, response.mimetype


def _has_badge(client, slug):
    return 'class="ocop-badge' in page_text(client.get(f"/products/{slug}"))


def test_submitted_certificate_is_pending_and_shows_no_badge(app, client, product, staff, frozen_today):
    portal = client_for(app, staff)
    response = _submit(portal, product)
    assert response.status_code == 302 and response.headers["Location"] == "/portal/certificates"
    (certificate,) = _certificates(product)
    assert certificate.review_status == ReviewStatus.PENDING
    assert (certificate.stars, certificate.score, certificate.submitted_by_id) == (4, 78, staff.id)
    assert certificate.expires_on == date(2029, 3, 1)  # 36 months by default
    assert certificate.scan_file.endswith(".pdf")
    assert not _has_badge(client, product.slug)
    html = page_text(portal.get("/portal/certificates"))
    assert "Waiting for the council" in html and "VL-OCOP-0042" in html
    assert "A certificate of this product is already waiting" in page_text(_submit(portal, product))


def test_an_image_scan_is_re_encoded(app, product, staff, frozen_today):
    portal = client_for(app, staff)
    _submit(portal, product, scan=(jpeg_with_exif(), "photo-of-paper.jpg"))
    (certificate,) = _certificates(product)
    assert certificate.scan_file.endswith(".webp")


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"stars": "5", "score": "78"}, "score", "A 5★ rating needs a score from 90 to 100."),
        ({"score": "120"}, "score", "The score must be a whole number from 0 to 100."),
        ({"score": "abc"}, "score", "The score must be a whole number from 0 to 100."),
        ({"expires_on": "2026-02-01"}, "expires_on", "The expiry date cannot precede the issue date."),
        ({"issued_on": "2027-01-01"}, "issued_on", "The issue date cannot be in the future."),
        ({"issued_on": "2020-01-01"}, "expires_on", "This certificate has already expired"),
        ({"issued_on": "31/02/2026"}, "issued_on", "Enter a date, e.g. 2025-03-31."),
        ({"certificate_number": ""}, "certificate_number", "A certificate of 3★ or more has a certificate number"),
        ({"issuing_body": "x" * 201}, "issuing_body", "Use at most 200 characters."),
        ({"assessing_level": "village"}, "assessing_level", "Choose one of the options."),
        ({"stars": "7"}, "stars", "Choose one of the options."),
    ],
)
def test_bad_certificates_are_refused_next_to_the_field(app, product, staff, frozen_today, changes, field, message):
    portal = client_for(app, staff)
    response = _submit(portal, product, **changes)
    html = page_text(response)
    assert response.status_code == 200
    assert f'id="{field}-error"' in html and message in html.split(f'id="{field}-error"')[1].split("</div>")[0]
    assert _certificates(product) == []


@pytest.mark.parametrize(
    "scan, message",
    [
        (False, "Add the scan of the certificate"),
        ((HTML_PAGE, "certificate.pdf"), "The scan must be a PDF, or a JPEG, PNG or WebP photo"),
        ((image_bytes() + HTML_PAGE, "scan.jpg"), "contains more than a photo"),
        ((pdf_bytes(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "), "evil.pdf"), "contains scripts"),
        ((pdf_bytes()[:-30], "cut.pdf"), "damaged or incomplete"),
        ((b"<html>" + pdf_bytes(), "polyglot.pdf"), "The scan must be a PDF"),
    ],
    ids=["missing", "html-named-pdf", "polyglot-image", "pdf-with-javascript", "truncated-pdf", "html-then-pdf"],
)
def test_bad_scans_are_refused(app, product, staff, frozen_today, scan, message):
    portal = client_for(app, staff)
    html = page_text(_submit(portal, product, scan=scan))
    assert 'id="scan-error"' in html and message in html
    assert _certificates(product) == []


def test_council_queue_shows_the_scan_and_approval_gives_the_badge_with_notice_and_email(
        app, client, product, staff, reviewer, outbox, frozen_today):
    portal = client_for(app, staff)
    _submit(portal, product, scan=(image_bytes(), "scan.png"))
    (certificate,) = _certificates(product)
    council = client_for(app, reviewer)
    queue = page_text(council.get("/council/reviews"))
    assert "Kẹo dừa sáp" in queue and "VL-OCOP-0042" in queue
    assert f'src="/certificates/{certificate.id}/scan"' in queue
    with council.get(f"/certificates/{certificate.id}/scan") as scan:
        assert scan.status_code == 200 and scan.mimetype == "image/webp"
        assert scan.headers["Cache-Control"] == "no-store" and scan.headers["Content-Disposition"].startswith("inline")

    response = council.post(f"/council/reviews/{certificate.id}", data={f"c{certificate.id}-decision": "approve"})
    assert response.status_code == 302
    (certificate,) = _certificates(product)
    assert certificate.review_status == ReviewStatus.APPROVED and certificate.reviewed_by_id == reviewer.id
    assert _has_badge(client, product.slug)
    notice = db.session.scalar(sa.select(Notice).where(Notice.user_id == staff.id))
    assert notice.kind == "certificate_approved" and notice.link == "/portal/certificates"
    (mail,) = [m for m in outbox if m["To"] == "owner@htx.example"]
    assert mail["Subject"] == "OCOP certificate approved: Kẹo dừa sáp"
    assert "OCOP certificate approved" in page_text(portal.get("/notices"))
    assert "No certificate waits for review." in page_text(council.get("/council/reviews"))


def test_rejection_needs_a_reason_which_the_cooperative_reads(app, product, staff, reviewer, outbox, frozen_today):
    portal = client_for(app, staff)
    _submit(portal, product)
    (certificate,) = _certificates(product)
    council = client_for(app, reviewer)
    prefix = f"c{certificate.id}-"
    response = council.post(f"/council/reviews/{certificate.id}", data={prefix + "decision": "reject", prefix + "reason": " "})
    assert "Say why it is not approved" in page_text(response)
    assert _certificates(product)[0].review_status == ReviewStatus.PENDING
    council.post(f"/council/reviews/{certificate.id}",
                 data={prefix + "decision": "reject", prefix + "reason": "The scan is unreadable."})
    assert _certificates(product)[0].review_status == ReviewStatus.REJECTED
    (mail,) = outbox
    assert "The scan is unreadable." in mail.get_content()
    assert "The scan is unreadable." in page_text(portal.get("/portal/certificates"))
    dashboard = page_text(portal.get("/portal"))
    assert 'id="task-rejected"' in dashboard and "The scan is unreadable." in dashboard
    response = council.post(f"/council/reviews/{certificate.id}", data={prefix + "decision": "approve"}, follow_redirects=True)
    assert "This certificate was already reviewed." in page_text(response)


def test_an_approved_renewal_supersedes_the_old_certificate(app, client, product, staff, reviewer, frozen_today):
    old = make_certificate(product, stars=3, issued_on=date(2023, 9, 1))  # expires 2026-09-01
    db.session.commit()
    assert 'class="ocop-badge ocop-3"' in page_text(client.get(f"/products/{product.slug}"))
    portal = client_for(app, staff)
    _submit(portal, product)
    renewal = _certificates(product)[1]
    council = client_for(app, reviewer)
    queue = page_text(council.get("/council/reviews"))
    assert "Approving replaces the current 3★ certificate" in queue
    services.review_certificate(db.session.get(OcopCertificate, renewal.id), reviewer, approve=True)
    old, renewal = _certificates(product)
    assert old.review_status == ReviewStatus.SUPERSEDED and old.replaced_by_id == renewal.id
    assert renewal.review_status == ReviewStatus.APPROVED
    assert 'class="ocop-badge ocop-4"' in page_text(client.get(f"/products/{product.slug}"))
    history = page_text(council.get("/council/reviews/history"))
    assert "Kẹo dừa sáp" in history and "Chị Hà" in history


def test_history_keeps_every_decision_for_the_council_only(app, product, staff, reviewer, frozen_today):
    first = make_certificate(product, review_status=ReviewStatus.PENDING, issued_on=date(2026, 1, 5))
    db.session.commit()
    services.review_certificate(first, reviewer, approve=False, reason="Wrong product name")
    second = make_certificate(product, review_status=ReviewStatus.PENDING, issued_on=date(2026, 2, 5))
    db.session.commit()
    services.review_certificate(second, reviewer, approve=True)
    rows = db.session.scalars(sa.select(CertificateReview).order_by(CertificateReview.id)).all()
    assert [(r.certificate_id, r.decision.value, r.reason, r.reviewer_id) for r in rows] == [
        (first.id, "rejected", "Wrong product name", reviewer.id), (second.id, "approved", "", reviewer.id)]
    council = client_for(app, reviewer)
    html = page_text(council.get(f"/council/reviews/history?product={product.id}"))
    assert "Wrong product name" in html and html.count("<tr>") == 3  # header + 2 decisions
    assert client_for(app, staff).get("/council/reviews/history").status_code == 403


def test_the_review_rules_as_plain_functions(app, product, reviewer, frozen_today):
    certificate = make_certificate(product, review_status=ReviewStatus.PENDING)
    with pytest.raises(CertificateError) as refused:
        services.review_certificate(certificate, reviewer, approve=False, reason="")
    assert refused.value.field == "reason"
    with pytest.raises(CertificateError):
        services.review_certificate(certificate, reviewer, approve=False, reason="x" * 2001)
    services.review_certificate(certificate, reviewer, approve=True)
    with pytest.raises(CertificateError) as again:
        services.review_certificate(certificate, reviewer, approve=False, reason="late")
    assert again.value.field is None


def test_scans_are_served_only_to_the_cooperative_and_the_council(app, client, product, staff, reviewer, frozen_today):
    portal = client_for(app, staff)
    _submit(portal, product)
    (certificate,) = _certificates(product)
    path = f"/certificates/{certificate.id}/scan"
    assert _fetch(portal, path) == (200, "application/pdf")
    assert _fetch(client_for(app, reviewer), path)[0] == 200
    other_staff = make_cooperative_staff(make_cooperative())
    assert _fetch(client_for(app, other_staff), path)[0] == 404
    assert _fetch(client_for(app, make_user()), path)[0] == 404
    assert _fetch(client, path)[0] == 302  # sign in first
    for trick in ("", "./", "products/../", "products/%2E%2E/"):
        assert _fetch(client, f"/media/{trick}certificates/{certificate.scan_file}")[0] == 404  # never public
    assert _fetch(client_for(app, reviewer), "/certificates/999999/scan")[0] == 404


def test_an_expired_certificate_drops_the_badge_by_itself(app, client, product, frozen_today):
    make_certificate(product, stars=5, issued_on=date(2023, 6, 10))  # valid until 2026-06-10
    db.session.commit()
    frozen_today(date(2026, 6, 10))
    assert _has_badge(client, product.slug)
    frozen_today(date(2026, 6, 11))
    assert not _has_badge(client, product.slug)
    assert "is not currently valid" in page_text(client.get(f"/products/{product.slug}?lang=en"))


def test_review_queue_uses_a_fixed_number_of_queries(app, reviewer, count_queries, frozen_today):
    council = client_for(app, reviewer)

    def add(n):
        for _ in range(n):
            product = make_product(make_cooperative())
            make_certificate(product, stars=3, issued_on=date(2024, 1, 1))
            make_certificate(product, review_status=ReviewStatus.PENDING, submitted_by=make_user(),
                             issued_on=date(2026, 1, 1))
        db.session.commit()

    add(2)
    council.get("/council/reviews")
    with count_queries() as few:
        council.get("/council/reviews")
    add(5)
    with count_queries() as many:
        html = page_text(council.get("/council/reviews"))
    assert len(many) == len(few) and html.count('class="review-item"') == 7


def test_history_uses_a_fixed_number_of_queries(app, reviewer, count_queries, frozen_today):
    council = client_for(app, reviewer)

    def decide(n):
        for _ in range(n):
            product = make_product(make_cooperative())
            make_certificate(product, stars=3, issued_on=date(2024, 1, 1))
            services.review_certificate(
                make_certificate(product, review_status=ReviewStatus.PENDING, issued_on=date(2026, 1, 1)),
                reviewer, approve=True)

    decide(2)
    council.get("/council/reviews/history")
    with count_queries() as few:
        council.get("/council/reviews/history")
    decide(5)
    with count_queries() as many:
        html = page_text(council.get("/council/reviews/history"))
    assert len(many) == len(few) and html.count("Replaced by a renewal") == 0 and html.count("<tr>") == 8


def test_a_pending_or_rejected_certificate_says_nothing_on_the_store(app, client, product, frozen_today):
    make_certificate(product, stars=4, review_status=ReviewStatus.PENDING, issued_on=date(2026, 1, 1))
    make_certificate(product, stars=5, review_status=ReviewStatus.REJECTED, issued_on=date(2026, 1, 1))
    db.session.commit()
    html = page_text(client.get(f"/products/{product.slug}?lang=en"))
    assert 'class="ocop-badge' not in html and "not currently valid" not in html and "Potential product" not in html


def test_a_line_break_in_the_product_name_does_not_break_approval_or_its_mail(
        app, cooperative, staff, reviewer, outbox, frozen_today):
    product = make_product(cooperative, name_vi="Kẹo\r\nBcc: x@evil.example")
    portal = client_for(app, staff)
    _submit(portal, product)
    (certificate,) = _certificates(product)
    council = client_for(app, reviewer)
    response = council.post(f"/council/reviews/{certificate.id}", data={f"c{certificate.id}-decision": "approve"})
    assert response.status_code == 302
    assert _certificates(product)[0].review_status == ReviewStatus.APPROVED
    (mail,) = [m for m in outbox if m["To"] == "owner@htx.example"]
    assert mail["Subject"] == "OCOP certificate approved: Kẹo Bcc: x@evil.example" and mail["Bcc"] is None
