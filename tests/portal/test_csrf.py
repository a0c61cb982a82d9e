"""With CSRF protection on (as in production), the portal's forms carry their token."""
import re

import pytest

from marketplace.catalog.models import ProductStatus
from marketplace.extensions import db
from tests.conftest import make_test_app
from tests.factories import make_product, sign_in_as
from tests.portal.uploads import image_bytes, upload


@pytest.fixture(scope="module")
def csrf_app():
    return make_test_app(WTF_CSRF_ENABLED=True)


def test_photo_upload_and_publish_forms_carry_their_token(app, csrf_app, cooperative, staff):
    product = make_product(cooperative, images=0, status=ProductStatus.DRAFT)
    db.session.commit()
    client = sign_in_as(csrf_app.test_client(), staff)
    path = f"/portal/products/{product.id}"
    assert client.post(f"{path}/photos", data={"photos": upload(image_bytes(), "a.jpg")}).status_code == 400
    html = client.get(path).get_data(as_text=True)
    upload_form = html[html.index('id="photo-upload"'):]
    token = re.search(r'name="csrf_token" value="([^"]+)"', upload_form).group(1)
    response = client.post(f"{path}/photos", data={"photos": upload(image_bytes(), "a.jpg"), "csrf_token": token})
    assert response.status_code == 302
    html = client.get(path).get_data(as_text=True)
    publish_form = html[html.index(f'action="{path}/publish"'):]
    token = re.search(r'name="csrf_token" value="([^"]+)"', publish_form).group(1)
    assert client.post(f"{path}/publish", data={"csrf_token": token}).status_code == 302
    db.session.expire_all()
    assert db.session.get(type(product), product.id).status == ProductStatus.PUBLISHED
