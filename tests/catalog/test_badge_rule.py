"""The OCOP badge rule and score bands (unit tests, no request)."""
from datetime import date, timedelta

import pytest

from marketplace.catalog.models import OcopCertificate, ReviewStatus
from marketplace.catalog.rules import CertificateError, check_dates, check_stars_and_score, default_expiry, stars_for_score

TODAY = date(2026, 11, 29)


def cert(stars=4, status=ReviewStatus.APPROVED, issued_on=date(2025, 1, 10), expires_on=None):
    return OcopCertificate(
        stars=stars, score=75, review_status=status, issued_on=issued_on,
        expires_on=expires_on or default_expiry(issued_on),
    )


@pytest.mark.parametrize("stars", [3, 4, 5])
def test_approved_valid_3_to_5_stars_grant_the_badge(stars):
    assert cert(stars).grants_badge(TODAY)


@pytest.mark.parametrize("stars", [1, 2])
def test_potential_products_never_get_the_badge(stars):
    assert not cert(stars).grants_badge(TODAY)
    assert cert(stars).rates_potential


@pytest.mark.parametrize("status", [ReviewStatus.PENDING, ReviewStatus.REJECTED])
def test_unapproved_certificates_grant_no_badge(status):
    assert not cert(5, status).grants_badge(TODAY)


def test_expired_certificate_drops_the_badge_the_day_after_expiry():
    certificate = cert(4, issued_on=date(2023, 11, 29))
    assert certificate.expires_on == date(2026, 11, 29)
    assert certificate.grants_badge(TODAY)
    assert not certificate.grants_badge(TODAY + timedelta(days=1))


def test_not_yet_issued_certificate_grants_no_badge():
    assert not cert(4, issued_on=TODAY + timedelta(days=1)).grants_badge(TODAY)


def test_validity_is_36_months_clamped_at_month_end():
    assert default_expiry(date(2024, 2, 29)) == date(2027, 2, 28)
    assert default_expiry(date(2025, 7, 1)) == date(2028, 7, 1)


@pytest.mark.parametrize(
    "stars,score", [(5, 90), (5, 100), (4, 70), (4, 89), (3, 50), (3, 69), (2, 30), (2, 49), (1, 0), (1, 29)]
)
def test_scores_inside_their_band_are_accepted(stars, score):
    check_stars_and_score(stars, score)
    assert stars_for_score(score) == stars


@pytest.mark.parametrize("stars,score", [(5, 89), (4, 90), (4, 69), (3, 70), (3, 49), (2, 50), (1, 30), (3, 101), (3, -1)])
def test_scores_outside_their_band_are_refused(stars, score):
    with pytest.raises(CertificateError) as error:
        check_stars_and_score(stars, score)
    assert error.value.field == "score"


@pytest.mark.parametrize("stars", [0, 6, 9])
def test_stars_outside_1_to_5_are_refused(stars):
    with pytest.raises(CertificateError) as error:
        check_stars_and_score(stars, 50)
    assert error.value.field == "stars"


def test_expiry_before_issue_is_refused():
    with pytest.raises(CertificateError):
        check_dates(date(2025, 1, 2), date(2025, 1, 1))
