"""Registering cooperatives and distributor companies, council review, staff invitations."""
import sqlalchemy as sa

from marketplace.accounts.models import Role, User
from marketplace.accounts.services import find_user
from marketplace.distributors.models import DistributorCompany, DistributorMember
from marketplace.distributors.registration import register_distributor
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative, CooperativeMember
from marketplace.producers.organisations import members, review_organisation
from marketplace.producers.registration import CooperativeDetails, register_cooperative
from tests.accounts.conftest import link_in
from tests.factories import (
    PASSWORD,
    make_cooperative,
    make_cooperative_staff,
    make_distributor_staff,
    make_user,
    sign_in_as,
)

COOPERATIVE = {
    "name": "HTX Kẹo dừa Thanh Long", "kind": "cooperative", "province_code": "86", "ward_code": "28789",
    "legacy_district": "mo-cay-nam", "street": "Ấp 3", "phone": "+84 912 345 678", "email": "htx@example.com",
}


def _reload(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_)


def test_registering_a_cooperative_makes_it_pending_with_the_user_as_owner(client):
    user = make_user()
    make_cooperative(slug="htx-keo-dua-thanh-long")  # the slug is taken: a new one is made
    db.session.commit()
    sign_in_as(client, user)
    form = client.get("/account/cooperative/register").get_data(as_text=True)
    assert '<option selected value="86">Vĩnh Long</option>' in form and "Phường Bến Tre" in form
    response = client.post("/account/cooperative/register", data=COOPERATIVE)
    assert response.status_code == 302 and response.headers["Location"] == "/account/cooperative"
    cooperative = db.session.scalar(sa.select(Cooperative).where(Cooperative.name == "HTX Kẹo dừa Thanh Long"))
    assert cooperative.status == ApprovalStatus.PENDING and cooperative.slug == "htx-keo-dua-thanh-long-2"
    assert (cooperative.province_name, cooperative.ward_name, cooperative.phone) == ("Vĩnh Long", "Phường Bến Tre", "0912345678")
    assert _reload(User, user.id).role == Role.COOPERATIVE_STAFF
    member = db.session.scalar(sa.select(CooperativeMember).where(CooperativeMember.user_id == user.id))
    assert member.cooperative_id == cooperative.id and member.is_owner
    page = client.get("/account/cooperative").get_data(as_text=True)
    assert 'class="status status-pending"' in page and 'id="invite-form"' in page
    # Pending cooperatives are not public.
    assert client.get(f"/cooperatives/{cooperative.slug}").status_code == 404


def test_cooperative_form_bad_input_and_ward_refresh(client):
    sign_in_as(client, make_user())
    db.session.commit()
    refreshed = client.post("/account/cooperative/register", data={**COOPERATIVE, "province_code": "79", "refresh_wards": "1"})
    html = refreshed.get_data(as_text=True)
    assert refreshed.status_code == 200 and "Phường Bến Thành" in html and "Phường Bến Tre" not in html
    assert "field-error" not in html  # refreshing is not submitting
    bad = client.post("/account/cooperative/register?lang=en", data={
        **COOPERATIVE, "name": "", "kind": "castle", "ward_code": "1", "phone": "12345", "legacy_district": "atlantis"})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 200
    assert "This field is required." in html and html.count("Choose one of the options.") == 3
    assert "Enter a Vietnamese phone number" in html and 'value="12345"' in html
    assert db.session.scalar(sa.select(sa.func.count(Cooperative.id))) == 0
    # A ward of another province is refused by the service too.
    tampered = client.post("/account/cooperative/register?lang=en", data={**COOPERATIVE, "province_code": "79"})
    assert "Choose one of the options." in tampered.get_data(as_text=True)


def test_council_rejects_with_a_reason_and_the_owner_resubmits(client, outbox):
    owner = make_user(language="en")
    reviewer = make_user(role=Role.COUNCIL_REVIEWER)
    db.session.commit()
    cooperative = register_cooperative(owner, CooperativeDetails(
        name="HTX <script>alert(1)</script>", kind="cooperative", province_code=86, ward_code=28789))
    council = sign_in_as(client.application.test_client(), reviewer)
    queue = council.get("/council/organisations").get_data(as_text=True)
    assert "HTX &lt;script&gt;alert(1)&lt;/script&gt;" in queue and "<script>alert" not in queue
    url = f"/council/organisations/cooperative/{cooperative.id}"
    prefix = f"cooperative-{cooperative.id}"
    no_reason = council.post(url + "?lang=en", data={f"{prefix}-decision": "reject", f"{prefix}-reason": " "})
    html = no_reason.get_data(as_text=True)
    assert no_reason.status_code == 200 and "Say why it is rejected" in html
    assert f'id="{prefix}-reason-error"' in html and _reload(Cooperative, cooperative.id).status == ApprovalStatus.PENDING
    rejected = council.post(url, data={f"{prefix}-decision": "reject", f"{prefix}-reason": "Thiếu <giấy phép> kinh doanh"})
    assert rejected.status_code == 302
    assert _reload(Cooperative, cooperative.id).rejection_reason == "Thiếu <giấy phép> kinh doanh"
    assert outbox[-1]["To"] == owner.email and "Thiếu <giấy phép> kinh doanh" in outbox[-1].get_content()

    sign_in_as(client, owner)
    page = client.get("/account/cooperative").get_data(as_text=True)
    assert "Thiếu &lt;giấy phép&gt; kinh doanh" in page and 'status-rejected' in page
    form = client.get("/account/cooperative/register").get_data(as_text=True)
    assert 'id="rejection-reason"' in form and 'value="HTX &lt;script&gt;' in form
    client.post("/account/cooperative/register", data={**COOPERATIVE, "name": "HTX Dừa Xanh"})
    cooperative = _reload(Cooperative, cooperative.id)
    assert cooperative.status == ApprovalStatus.PENDING and cooperative.name == "HTX Dừa Xanh"
    assert cooperative.rejection_reason == ""

    approved = council.post(url, data={f"{prefix}-decision": "approve"})
    assert approved.status_code == 302
    assert _reload(Cooperative, cooperative.id).status == ApprovalStatus.APPROVED
    assert outbox[-1]["Subject"] == "HTX Dừa Xanh is approved"
    again = council.post(url, data={f"{prefix}-decision": "reject", f"{prefix}-reason": "x"})
    assert again.status_code == 302 and _reload(Cooperative, cooperative.id).status == ApprovalStatus.APPROVED


def test_review_queue_lists_organisations_without_a_query_per_row(client, count_queries):
    reviewer = make_user(role=Role.ADMIN)

    def register(n):
        register_cooperative(make_user(), CooperativeDetails(
            name=f"HTX {n}", kind="household", province_code=86, ward_code=28789))
        register_distributor(make_user(), f"Công ty {n}", "exporter")

    register(0)
    sign_in_as(client, reviewer)
    with count_queries() as few:
        client.get("/council/organisations")
    register(1), register(2)
    with count_queries() as many:
        html = client.get("/council/organisations").get_data(as_text=True)
    assert html.count('class="review-item"') == 6
    assert len(many) == len(few)  # pending rows and their owners: one query each per organisation type


def test_distributor_company_registration_and_approval(client):
    user = make_user()
    db.session.commit()
    sign_in_as(client, user)
    bad = client.post("/account/company/register?lang=en", data={"name": "", "kind": "pirate"}).get_data(as_text=True)
    assert "This field is required." in bad and "Choose one of the options." in bad
    client.post("/account/company/register", data={"name": "Công ty Xuất khẩu Dừa Việt", "kind": "exporter"})
    company = db.session.scalar(sa.select(DistributorCompany))
    assert company.status == ApprovalStatus.PENDING and company.slug == "cong-ty-xuat-khau-dua-viet"
    assert _reload(User, user.id).role == Role.DISTRIBUTOR_STAFF
    assert 'status-pending' in client.get("/account/company").get_data(as_text=True)
    # One organisation per account.
    assert client.get("/account/cooperative/register").headers["Location"] == "/account/company"
    review_organisation(_reload(DistributorCompany, company.id), approve=True)
    assert 'status-approved' in client.get("/account/company").get_data(as_text=True)


def test_council_and_admin_accounts_cannot_register_organisations(client):
    sign_in_as(client, make_user(role=Role.COUNCIL_REVIEWER))
    db.session.commit()
    assert client.get("/account/cooperative/register").status_code == 403
    assert client.post("/account/company/register", data={"name": "X", "kind": "exporter"}).status_code == 403


# --- Staff ----------------------------------------------------------------------------------

def test_owner_adds_an_existing_account_and_removes_it(client, outbox):
    cooperative = make_cooperative()
    owner = make_cooperative_staff(cooperative)
    helper = make_user(email="helper@example.com", language="en")
    db.session.commit()
    sign_in_as(client, owner)
    response = client.post("/account/cooperative/staff", data={"email": " Helper@Example.com "})
    assert response.status_code == 302
    assert _reload(User, helper.id).role == Role.COOPERATIVE_STAFF
    assert outbox[-1]["To"] == "helper@example.com" and outbox[-1]["Subject"].startswith("You joined")
    page = client.get("/account/cooperative").get_data(as_text=True)
    assert "helper@example.com" in page
    again = client.post("/account/cooperative/staff?lang=en", data={"email": "helper@example.com"})
    assert "is already on your team" in again.get_data(as_text=True)

    assert client.post(f"/account/cooperative/staff/{helper.id}/remove").status_code == 302
    assert _reload(User, helper.id).role == Role.CONSUMER
    assert db.session.scalar(sa.select(CooperativeMember).where(CooperativeMember.user_id == helper.id)) is None
    # The owner cannot be removed; unknown ids are not found.
    client.post(f"/account/cooperative/staff/{owner.id}/remove")
    assert _reload(User, owner.id).role == Role.COOPERATIVE_STAFF
    assert client.post(f"/account/cooperative/staff/{helper.id}/remove").status_code == 404


def test_accounts_of_other_organisations_cannot_be_added(client):
    owner = make_cooperative_staff()
    busy = make_distributor_staff(email="busy@example.com")
    make_user(email="admin@example.com", role=Role.ADMIN)
    db.session.commit()
    sign_in_as(client, owner)
    for email in ("busy@example.com", "admin@example.com"):
        html = client.post("/account/cooperative/staff?lang=en", data={"email": email}).get_data(as_text=True)
        assert "This account cannot join" in html, email
    assert _reload(User, busy.id).role == Role.DISTRIBUTOR_STAFF


def test_invitation_to_a_new_email_leads_through_sign_up(client, outbox):
    cooperative = make_cooperative(name="HTX Dừa Sáp")
    owner = make_cooperative_staff(cooperative, language="en")
    db.session.commit()
    sign_in_as(client, owner)
    client.post("/account/cooperative/staff", data={"email": "newcomer@example.com"})
    invitation = outbox[-1]
    assert invitation["To"] == "newcomer@example.com" and "HTX Dừa Sáp" in invitation["Subject"]
    link = link_in(invitation)
    client.post("/sign-out")

    to_sign_up = client.get(link)
    assert to_sign_up.status_code == 302 and to_sign_up.headers["Location"].startswith("/sign-up?email=newcomer")
    form = client.get(to_sign_up.headers["Location"]).get_data(as_text=True)
    assert 'value="newcomer@example.com"' in form and f'value="{link}"' in form
    client.post("/sign-up", data={"display_name": "Tư", "email": "newcomer@example.com",
                                  "password": "river-island-9", "confirm": "river-island-9", "next": link})
    confirmed = client.post(link_in(outbox[-1]))
    assert confirmed.headers["Location"] == link
    assert 'id="accept-invitation"' in client.get(link).get_data(as_text=True)
    joined = client.post(link)
    assert joined.status_code == 302 and joined.headers["Location"] == "/account/cooperative"
    newcomer = find_user("newcomer@example.com")
    assert newcomer.role == Role.COOPERATIVE_STAFF and newcomer.cooperative_membership.cooperative_id == cooperative.id
    assert not newcomer.cooperative_membership.is_owner


def test_invitation_for_another_email_or_expired(client, outbox):
    owner = make_distributor_staff()
    someone = make_user(email="someone@example.com")
    db.session.commit()
    sign_in_as(client, owner)
    client.post("/account/company/staff", data={"email": "invited@example.com"})
    link = link_in(outbox[-1])
    sign_in_as(client, someone)
    page = client.get(link).get_data(as_text=True)
    assert 'id="invitation-other-email"' in page and 'id="accept-invitation"' not in page
    client.post(link)
    assert _reload(User, someone.id).role == Role.CONSUMER
    assert client.get("/invitations/forged-token").headers["Location"] == "/"


def test_only_the_owner_manages_staff(client):
    cooperative = make_cooperative()
    make_cooperative_staff(cooperative)
    staff = make_cooperative_staff(cooperative, is_owner=False)
    db.session.commit()
    sign_in_as(client, staff)
    page = client.get("/account/cooperative").get_data(as_text=True)
    assert 'id="invite-form"' not in page
    assert client.post("/account/cooperative/staff", data={"email": "x@example.com"}).status_code == 403


def test_team_list_escapes_names(client):
    cooperative = make_cooperative()
    owner = make_cooperative_staff(cooperative)
    make_cooperative_staff(cooperative, is_owner=False, display_name='<img src=x onerror="alert(1)">')
    db.session.commit()
    sign_in_as(client, owner)
    html = client.get("/account/cooperative").get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


def test_staff_members_listing_uses_one_query(app, count_queries):
    cooperative = make_cooperative()
    for n in range(5):
        make_cooperative_staff(cooperative, is_owner=n == 0)
    db.session.commit()
    cooperative = _reload(Cooperative, cooperative.id)
    with count_queries() as queries:
        names = [m.user.name for m in members(cooperative)]
    assert len(names) == 5 and len(queries) == 1


def test_sign_in_works_for_distributor_members(client):
    user = make_distributor_staff(email="npp@example.com")
    db.session.commit()
    client.post("/sign-in", data={"email": "npp@example.com", "password": PASSWORD})
    assert client.get("/account/company").status_code == 200
    assert db.session.scalar(sa.select(DistributorMember.user_id)) == user.id
