"""The admin's user list, `create-admin`, demo sign-ins, and the header per role."""
import re

import pytest
import sqlalchemy as sa

from marketplace.accounts import services
from marketplace.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from marketplace.accounts.models import Role, User
from marketplace.demo.accounts import seed_demo_accounts
from marketplace.producers.models import CooperativeMember
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus
from tests.factories import (
    make_cooperative,
    make_cooperative_staff,
    make_distributor_staff,
    make_user,
    sign_in_as,
)


def _reload(user):
    db.session.expire_all()
    return db.session.get(User, user.id)


# --- Admin ----------------------------------------------------------------------------------

def test_admin_lists_users_without_a_query_per_row_and_filters(client, count_queries):
    admin = make_user(role=Role.ADMIN, email="boss@example.com")
    make_user(email="member-first@example.com")
    db.session.commit()
    sign_in_as(client, admin)
    with count_queries() as few:
        client.get("/admin/users")
    for n in range(8):
        make_user(email=f"member{n}@example.com", display_name=f"<i>Member {n}</i>")
    db.session.commit()
    with count_queries() as many:
        html = client.get("/admin/users").get_data(as_text=True)
    assert html.count("@example.com</td>") == 10
    assert len(many) == len(few)  # the page costs the same with 2 or 10 users
    assert "&lt;i&gt;Member 3&lt;/i&gt;" in html and "<i>Member" not in html
    filtered = client.get("/admin/users?q=member3").get_data(as_text=True)
    assert "member3@example.com" in filtered and "member4@example.com" not in filtered
    assert client.get("/admin/users?page=abc").status_code == 200


def test_admin_changes_roles_that_come_without_an_organisation(client):
    admin = make_user(role=Role.ADMIN)
    user = make_user()
    staff = make_cooperative_staff()
    db.session.commit()
    sign_in_as(client, admin)
    assert client.post(f"/admin/users/{user.id}/role", data={f"u{user.id}-role": "council_reviewer"}).status_code == 302
    assert _reload(user).role == Role.COUNCIL_REVIEWER
    client.post(f"/admin/users/{user.id}/role", data={f"u{user.id}-role": "cooperative_staff"})
    assert _reload(user).role == Role.COUNCIL_REVIEWER  # staff roles come with an organisation
    client.post(f"/admin/users/{staff.id}/role", data={f"u{staff.id}-role": "admin"})
    assert _reload(staff).role == Role.COOPERATIVE_STAFF
    client.post(f"/admin/users/{admin.id}/role", data={f"u{admin.id}-role": "consumer"})
    assert _reload(admin).role == Role.ADMIN  # no locking oneself out
    assert client.post("/admin/users/999999/role", data={}).status_code == 404


# --- create-admin ---------------------------------------------------------------------------

def test_create_admin_with_a_password(runner):
    result = runner.invoke(args=["create-admin", "--email", "Boss@Example.com", "--password", "strong-password-1"])
    assert result.exit_code == 0, result.output
    user = services.find_user("boss@example.com")
    assert user.role == Role.ADMIN and user.email_confirmed_at is not None
    assert services.sign_in("boss@example.com", "strong-password-1", "") is not None


def test_create_admin_prompts_for_a_hidden_password(runner):
    result = runner.invoke(args=["create-admin", "--email", "boss@example.com"],
                           input="strong-password-1\nstrong-password-1\n")
    assert result.exit_code == 0, result.output
    assert "strong-password-1" not in result.output
    assert services.find_user("boss@example.com").role == Role.ADMIN


def test_create_admin_refuses_weak_passwords_and_promotes_existing_accounts(runner):
    weak = runner.invoke(args=["create-admin", "--email", "boss@example.com", "--password", "123"])
    assert weak.exit_code != 0 and services.find_user("boss@example.com") is None
    user = make_user(email="old@example.com")
    db.session.commit()
    promoted = runner.invoke(args=["create-admin", "--email", "old@example.com"])
    assert promoted.exit_code == 0 and "existing account" in promoted.output
    assert _reload(user).role == Role.ADMIN


# --- Demo sign-ins --------------------------------------------------------------------------

def test_demo_accounts_one_per_role_idempotent(app):
    make_cooperative(name="Z cooperative")
    first = make_cooperative(name="A cooperative")
    make_cooperative(name="0 pending", status=ApprovalStatus.PENDING)
    sign_ins = seed_demo_accounts()
    db.session.commit()
    assert {role for role, _email in sign_ins} == set(Role)
    assert seed_demo_accounts() == sign_ins
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == len(DEMO_ACCOUNTS)
    for _role, email in sign_ins:
        assert services.sign_in(email, DEMO_PASSWORD, "") is not None, email
    member = db.session.scalar(sa.select(CooperativeMember))
    assert member.cooperative_id == first.id and member.is_owner
    company = services.find_user("distributor@example.com").distributor_membership.distributor
    assert company.status == ApprovalStatus.APPROVED


def test_seed_demo_prints_the_sign_ins(runner, monkeypatch):
    import marketplace.demo.seed as seed

    monkeypatch.setattr(seed.data, "COOPERATIVES", seed.data.COOPERATIVES[:1])
    monkeypatch.setattr(seed.data, "PRODUCTS", [p for p in seed.data.PRODUCTS
                                                if p["cooperative"] == seed.data.COOPERATIVES[0]["slug"]][:1])
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD in result.output
    for email, _role, _name in DEMO_ACCOUNTS:
        assert email in result.output


def test_readme_lists_the_demo_sign_ins():
    from marketplace.config import PROJECT_ROOT

    readme = (PROJECT_ROOT / "README.md").read_text()
    section = readme[readme.index("## Demo sign-ins"):]
    assert DEMO_PASSWORD in section
    for email, _role, _name in DEMO_ACCOUNTS:
        assert email in section


# --- Header per role ------------------------------------------------------------------------

NAV_IDS = ["nav-sign-in", "nav-sign-up", "nav-account", "nav-cooperative", "nav-company", "nav-review", "nav-admin", "sign-out"]


@pytest.mark.parametrize("who, expected", [
    ("anonymous", {"nav-sign-in", "nav-sign-up"}),
    ("consumer", {"nav-account", "sign-out"}),
    ("cooperative", {"nav-account", "nav-cooperative", "sign-out"}),
    ("distributor", {"nav-account", "nav-company", "sign-out"}),
    ("reviewer", {"nav-account", "nav-review", "sign-out"}),
    ("admin", {"nav-account", "nav-review", "nav-admin", "sign-out"}),
])
def test_header_links_per_role(client, who, expected):
    users = {
        "consumer": make_user, "cooperative": make_cooperative_staff, "distributor": make_distributor_staff,
        "reviewer": lambda: make_user(role=Role.COUNCIL_REVIEWER), "admin": lambda: make_user(role=Role.ADMIN),
    }
    if who != "anonymous":
        user = users[who]()
        db.session.commit()
        sign_in_as(client, user)
    for lang in ("vi", "en"):
        html = client.get(f"/?lang={lang}").get_data(as_text=True)
        found = {id_ for id_ in NAV_IDS if re.search(rf'id="{id_}"', html)}
        assert found == expected, lang
        for id_ in found - {"sign-out"}:  # every link leads to a page that works for this user
            href = re.search(rf'href="([^"]+)" id="{id_}"', html).group(1)
            assert client.get(href).status_code == 200, href
    english = client.get("/?lang=en").get_data(as_text=True)
    labels = {"nav-cooperative": "My cooperative", "nav-company": "My company", "nav-review": "Review queue",
              "nav-admin": "Admin", "nav-sign-in": "Sign in"}
    for id_ in expected & set(labels):
        assert f'id="{id_}">{labels[id_]}</a>' in english
