"""Public producer pages."""
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus
from tests.factories import make_certificate, make_cooperative, make_product


def test_cooperative_list_and_district_filter(client, app):
    make_cooperative(name="HTX Thanh Long", legacy_district="mo-cay-nam")
    make_cooperative(name="Tổ hợp tác Phú Lễ", legacy_district="ba-tri")
    make_cooperative(name="HTX Chờ duyệt", status=ApprovalStatus.PENDING)
    db.session.commit()
    html = client.get("/cooperatives").get_data(as_text=True)
    assert "HTX Thanh Long" in html and "Tổ hợp tác Phú Lễ" in html and "HTX Chờ duyệt" not in html
    html = client.get("/cooperatives?district=ba-tri").get_data(as_text=True)
    assert "HTX Thanh Long" not in html and "Tổ hợp tác Phú Lễ" in html
    assert client.get("/cooperatives?district=<script>").status_code == 200


def test_cooperative_page_shows_profile_and_all_products(client, app):
    coop = make_cooperative(slug="thanh-long", name="HTX Thanh Long", story_vi="Làm kẹo từ **1985**.")
    make_certificate(make_product(coop, name_vi="Kẹo dừa"), stars=4)
    make_product(coop, name_vi="Bánh phồng chưa xếp hạng")
    db.session.commit()
    html = client.get("/cooperatives/thanh-long").get_data(as_text=True)
    assert "<strong>1985</strong>" in html and "Kẹo dừa" in html and "Bánh phồng chưa xếp hạng" in html
    assert "Xã Mỏ Cày" in html


def test_unknown_or_pending_cooperative_is_404(client, app):
    make_cooperative(slug="cho-duyet", status=ApprovalStatus.PENDING)
    db.session.commit()
    assert client.get("/cooperatives/cho-duyet").status_code == 404
    assert client.get("/cooperatives/khong-co").status_code == 404


def test_names_are_escaped(client, app):
    coop = make_cooperative(slug="xss", name='<script>alert("x")</script>')
    make_certificate(make_product(coop, name_vi="<img src=x onerror=alert(1)>"), stars=4)
    db.session.commit()
    for url in ("/cooperatives/xss", "/products", "/cooperatives"):
        html = client.get(url).get_data(as_text=True)
        assert '<script>alert("x")</script>' not in html
        assert "<img src=x onerror" not in html
