"""The tax profile (Decree 117/2025/NĐ-CP): the tax code checked by python-stdnum, the owner's
citizen ID for households and individuals, asked at registration (optional) and in the portal,
required before a payout, shown to the council."""
import pytest
import sqlalchemy as sa

from marketplace import clock, taxids
from marketplace.accounts.models import Role
from marketplace.extensions import db
from marketplace.payments import payouts
from marketplace.producers import tax
from marketplace.producers.models import Cooperative, EntityKind
from marketplace.producers.organisations import OrganisationError
from marketplace.producers.registration import CooperativeDetails, register_cooperative
from tests.factories import make_cooperative, make_user, sign_in_as
from tests.portal.conftest import page_text


@pytest.mark.parametrize("text, expected", [
    ("0312345673", "0312345673"), (" 0312 345 673 - 001 ", "0312345673-001"), ("0100233488001", "0100233488-001"),
])
def test_a_tax_code_is_checked_with_its_check_digit_and_written_the_usual_way(text, expected):
    assert taxids.normalise_mst(text) == expected


@pytest.mark.parametrize("text", ["0312345678", "031234567", "03123456731", "abcdefghij", "", None])
def test_a_tax_code_with_a_wrong_check_digit_or_length_is_refused(text):
    with pytest.raises(ValueError):
        taxids.normalise_mst(text)


@pytest.mark.parametrize("text, ok", [("083 095 001 234", True), ("08309500123", False), ("0830950012345", False),
                                      ("08309500123a", False)])
def test_a_citizen_id_is_12_digits(text, ok):
    if ok:
        assert taxids.normalise_personal_id(text) == "083095001234"
    else:
        with pytest.raises(ValueError):
            taxids.normalise_personal_id(text)


@pytest.mark.parametrize("kind, tax_code, personal_id, complete", [
    (EntityKind.COOPERATIVE, "0312345673", "", True),
    (EntityKind.COOPERATIVE, "", "", False),
    (EntityKind.ENTERPRISE, "0312345673", "", True),
    (EntityKind.HOUSEHOLD, "0312345673", "", False),  # a household also gives the owner's citizen ID
    (EntityKind.HOUSEHOLD, "0312345673", "083095001234", True),
    (EntityKind.INDIVIDUAL, "", "083095001234", True),  # the citizen ID serves as an individual's tax code
    (EntityKind.INDIVIDUAL, "", "", False),
])
def test_what_makes_a_tax_profile_complete(app, kind, tax_code, personal_id, complete):
    cooperative = make_cooperative(kind=kind, tax_code=tax_code, personal_id=personal_id)
    assert cooperative.tax_profile_complete is complete
    assert cooperative.tax_withheld is (kind in (EntityKind.HOUSEHOLD, EntityKind.INDIVIDUAL))


def test_the_service_refuses_naming_the_field_and_keeps_no_personal_id_of_an_organisation(app):
    household = make_cooperative(kind=EntityKind.HOUSEHOLD, tax_code="")
    with pytest.raises(OrganisationError) as refused:
        tax.update_tax_profile(household, "0312345673", "123")
    assert refused.value.field == "personal_id"
    with pytest.raises(OrganisationError) as refused:
        tax.update_tax_profile(household, "", "083095001234")
    assert refused.value.field == "tax_code"
    enterprise = make_cooperative(kind=EntityKind.ENTERPRISE, tax_code="")
    tax.update_tax_profile(enterprise, "0100233488", "083095001234")
    assert (enterprise.tax_code, enterprise.personal_id) == ("0100233488", "")


def test_the_portal_asks_for_the_tax_profile_and_saves_it(portal, cooperative):
    cooperative.kind, cooperative.tax_code = EntityKind.HOUSEHOLD, ""
    db.session.commit()
    html = page_text(portal.get("/portal/tax-profile"))
    assert 'id="tax-profile-missing"' in html and "Decree 117/2025/NĐ-CP" in html and "Household business" in html
    assert 'id="tax-profile-needed"' in page_text(portal.get("/portal/ledger"))
    bad = portal.post("/portal/tax-profile", data={"tax_code": "0312345678", "personal_id": "083095001234"})
    assert bad.status_code == 200 and "check it for typos" in page_text(bad) and 'value="0312345678"' in page_text(bad)
    bad = portal.post("/portal/tax-profile", data={"tax_code": "0312345673", "personal_id": "12"})
    assert "12 digits" in page_text(bad)
    saved = portal.post("/portal/tax-profile", data={"tax_code": "0312 345 673", "personal_id": "083095001234"})
    assert saved.status_code == 302
    db.session.expire_all()
    cooperative = db.session.get(Cooperative, cooperative.id)
    assert (cooperative.tax_code, cooperative.personal_id) == ("0312345673", "083095001234")
    html = page_text(portal.get("/portal/tax-profile"))
    assert 'id="tax-profile-missing"' not in html and 'value="083095001234"' in html
    assert 'id="tax-profile-needed"' not in page_text(portal.get("/portal/ledger"))


def test_a_payout_waits_for_the_tax_profile(app, cooperative):
    cooperative.tax_code = ""
    db.session.commit()
    with app.test_request_context("/?lang=en"), pytest.raises(payouts.PayoutRefused) as refused:
        payouts.record_payout(cooperative, 1000, "VCB-1", clock.today(), None)
    assert "tax profile" in str(refused.value.message)


def test_the_admin_sees_whose_tax_profile_is_missing(client, app):
    from tests.payments.test_ledger import deliver
    from tests.orders.conftest import place
    from tests.factories import make_product

    seller = make_cooperative(name="Hộ Bà Tư", kind=EntityKind.HOUSEHOLD, tax_code="", shipping_fee_vnd=0)
    product = make_product(seller, price_vnd=100000, stock=5)
    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        deliver(place((product, 1)).shipments[0])
    sign_in_as(client, admin)
    html = page_text(client.get("/admin/payouts?lang=en"))
    assert "Missing: no payout" in html
    response = client.post("/admin/payouts?lang=en", data={
        "cooperative_id": str(seller.id), "amount_vnd": "10.000", "bank_reference": "VCB-1",
        "paid_on": clock.today().isoformat()})
    assert response.status_code == 200 and "has not filled in its tax profile" in page_text(response)
    ledger_page = page_text(client.get(f"/admin/payouts/{seller.id}?lang=en"))
    assert 'id="tax-profile"' in ledger_page and "no payout until it does" in ledger_page


def test_registration_takes_the_tax_profile_optionally_and_the_council_sees_it(client):
    owner, reviewer = make_user(), make_user(role=Role.COUNCIL_REVIEWER)
    db.session.commit()
    later = register_cooperative(owner, CooperativeDetails(name="HTX Chưa có MST", kind="cooperative",
                                                           province_code=86, ward_code=28789))
    assert later.tax_code == "" and not later.tax_profile_complete
    with pytest.raises(OrganisationError) as refused:
        register_cooperative(make_user(), CooperativeDetails(name="Hộ Ông Ba", kind="household", province_code=86,
                                                             ward_code=28789, tax_code="0312345678"))
    assert refused.value.field == "tax_code"
    db.session.rollback()
    household = register_cooperative(make_user(), CooperativeDetails(
        name="Hộ Ông Ba", kind="household", province_code=86, ward_code=28789, tax_code="0312345673",
        personal_id="083095001234"))
    assert household.tax_profile_complete
    html = page_text(sign_in_as(client, reviewer).get("/council/organisations?lang=en"))
    assert "0312345673" in html and "083095001234" in html and "the marketplace withholds its tax" in html
    assert "not given yet" in html  # the first one's tax code
    assert db.session.scalar(sa.select(sa.func.count(Cooperative.id))) == 2


def test_the_registration_form_shows_the_tax_fields(client):
    sign_in_as(client, make_user())
    db.session.commit()
    html = page_text(client.get("/account/cooperative/register?lang=en"))
    assert 'name="tax_code"' in html and 'name="personal_id"' in html and '<option value="individual">' in html


def test_the_rates_read_as_percentages_in_vietnamese(portal, cooperative):
    cooperative.kind, cooperative.personal_id = EntityKind.HOUSEHOLD, "083095001234"
    db.session.commit()
    html = page_text(portal.get("/portal/tax-profile?lang=vi"))
    assert "hàng hóa 1% + 0,5%, dịch vụ 5% + 2%, vận tải (phí giao hàng của bạn) 3% + 1,5%" in html
