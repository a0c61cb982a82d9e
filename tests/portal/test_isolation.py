"""Staff of cooperative A can neither see nor change anything of cooperative B: every guessed
URL, photo id and certificate answers 404, as if it did not exist; pending cooperatives and
other roles are kept out."""
import pytest

from marketplace.accounts.models import Role
from marketplace.catalog.models import Product, ProductStatus
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, CooperativePhoto
from tests.factories import make_certificate, make_cooperative, make_cooperative_staff, make_product, make_user, sign_in_as
from tests.portal.conftest import page_text


@pytest.fixture
def theirs(app):
    """Cooperative B's product (with a photo and a pending certificate) and profile photo."""
    other = make_cooperative(slug="htx-b")
    product = make_product(other, slug="b-product", stock=9, name_vi="Sản phẩm của B")
    certificate = make_certificate(product, scan_file="b-scan.pdf")
    other.photos.append(CooperativePhoto(stem="b-profile", position=0))
    db.session.commit()
    return product, product.images[0], certificate, other.photos[0]


def test_another_cooperatives_objects_answer_404_everywhere(portal, theirs):
    product, photo, certificate, profile_photo = theirs
    p, i = product.id, photo.id
    requests = [
        ("GET", f"/portal/products/{p}"), ("POST", f"/portal/products/{p}"),
        ("POST", f"/portal/products/{p}/publish"), ("POST", f"/portal/products/{p}/unpublish"),
        ("POST", f"/portal/products/{p}/archive"), ("POST", f"/portal/products/{p}/restore"),
        ("GET", f"/portal/products/{p}/stock"), ("POST", f"/portal/products/{p}/stock"),
        ("POST", f"/portal/products/{p}/photos"), ("POST", f"/portal/products/{p}/photos/{i}/delete"),
        ("POST", f"/portal/products/{p}/photos/{i}/move"), ("POST", f"/portal/products/{p}/photos/{i}/replace"),
        ("POST", f"/portal/profile/photos/{profile_photo.id}/delete"),
        ("POST", f"/portal/profile/photos/{profile_photo.id}/move"),
        ("GET", f"/certificates/{certificate.id}/scan"),
    ]
    for method, path in requests:
        assert portal.open(path, method=method, data={"where": "first", "stock": "0", "seen": "9"}).status_code == 404, path
    db.session.expire_all()
    assert db.session.get(Product, p).stock == 9 and db.session.get(Product, p).status == ProductStatus.PUBLISHED
    assert "Sản phẩm của B" not in page_text(portal.get("/portal/products"))
    assert "Sản phẩm của B" not in page_text(portal.get("/portal/certificates"))
    assert "Sản phẩm của B" not in page_text(portal.get("/portal"))


def test_own_photo_ids_under_another_product_answer_404(portal, cooperative):
    mine, other_mine = make_product(cooperative), make_product(cooperative)
    db.session.commit()
    photo_id = other_mine.images[0].id
    assert portal.post(f"/portal/products/{mine.id}/photos/{photo_id}/delete").status_code == 404


def test_a_certificate_cannot_be_sent_for_another_cooperatives_product(portal, theirs):
    product = theirs[0]
    response = portal.post("/portal/certificates/new", data={"product": str(product.id), "stars": "4", "score": "75"})
    assert response.status_code == 200 and 'id="product-error"' in page_text(response)
    assert "Sản phẩm của B" not in page_text(portal.get("/portal/certificates/new"))


def test_pending_cooperatives_staff_are_sent_to_their_account_page(client, app):
    pending = make_cooperative(status=ApprovalStatus.PENDING)
    user = make_cooperative_staff(pending)
    product = make_product(pending)
    db.session.commit()
    sign_in_as(client, user)
    for path in ("/portal", "/portal/products", f"/portal/products/{product.id}"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"] == "/account/cooperative"
    response = client.post(f"/portal/products/{product.id}/publish")
    assert response.status_code == 302 and response.headers["Location"] == "/account/cooperative"


@pytest.mark.parametrize("role", [Role.CONSUMER, Role.DISTRIBUTOR_STAFF, Role.COUNCIL_REVIEWER, Role.ADMIN])
def test_other_roles_get_403_and_anonymous_is_asked_to_sign_in(client, app, role):
    user = make_user(role=role)
    db.session.commit()
    response = client.get("/portal")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in?next=/portal")
    sign_in_as(client, user)
    assert client.get("/portal/products").status_code == 403


def test_staff_cannot_reach_the_council(portal):
    assert portal.get("/council/reviews").status_code == 403
    assert portal.post("/council/reviews/1").status_code == 403
