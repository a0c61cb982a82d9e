"""The trace page a QR opens, its QR images, and the portal's lot pages and forms."""
import io
from datetime import timedelta

import zxingcpp
from PIL import Image

from marketplace import clock
from marketplace.extensions import db
from marketplace.traceability.models import Lot, LotRevision
from marketplace.valuechain.models import Certification, CooperativeCertification, Partnership, PartnershipStatus
from tests.factories import make_certificate, make_cooperative, make_distributor, make_lot, make_product
from tests.portal.conftest import page_text


def _lot(cooperative=None, **fields):
    product = make_product(cooperative, name_vi="Kẹo dừa sầu riêng", name_en="Durian coconut candy")
    lot = make_lot(product, **fields)
    db.session.commit()
    return lot


def test_the_trace_page_shows_the_circular_02_fields(client, app):
    cooperative = make_cooperative(name="HTX Dừa Xanh", street="Ấp 3")
    lot = _lot(cooperative, lot_code="KD-0426")
    make_certificate(lot.product, stars=4, certificate_number="VL-OCOP-0426")
    db.session.add(CooperativeCertification(cooperative_id=cooperative.id, kind=Certification.HACCP,
                                            reference="HACCP-77", valid_until=clock.today() + timedelta(days=99)))
    db.session.add(CooperativeCertification(cooperative_id=cooperative.id, kind=Certification.GLOBALGAP,
                                            valid_until=clock.today() - timedelta(days=1)))
    db.session.commit()
    response = client.get(f"/t/{lot.code}?lang=vi")
    text = page_text(response)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-cache"
    for expected in ("Kẹo dừa sầu riêng", "HTX Dừa Xanh", "Ấp 3", "Xã Mỏ Cày, Vĩnh Long", "KD-0426",
                     lot.produced_on.strftime("%d/%m/%Y"), lot.best_before.strftime("%d/%m/%Y"),
                     "Vườn dừa của thành viên", "Nấu kẹo", "VL-OCOP-0426", "HACCP-77", "GlobalG.A.P.",
                     "/media/products/"):
        assert expected in text, expected
    assert 'id="ocop-standing"' in text and "trace-ocop-valid" in text
    assert text.count("status-approved") == 1 and text.count("status-rejected") == 1  # HACCP valid, GlobalG.A.P. not


def test_the_certificate_state_is_todays(client, app):
    lot = _lot()
    certificate = make_certificate(lot.product, stars=3)
    db.session.commit()
    assert "trace-ocop-valid" in page_text(client.get(f"/t/{lot.code}"))
    certificate.expires_on = clock.today() - timedelta(days=1)
    db.session.commit()
    text = page_text(client.get(f"/t/{lot.code}?lang=en"))
    assert "trace-ocop-expired" in text and "Expired on" in text and "ocop-badge" not in text


def test_partners_shown_only_with_both_consents(client, app):
    lot = _lot()
    company = make_distributor(name="Công ty Phân phối Mekong")
    partnership = Partnership(distributor_id=company.id, cooperative_id=lot.cooperative_id, unit_price=1000,
                              unit="kg", volume_per_period=10, frequency="monthly", starts_on=clock.today(),
                              status=PartnershipStatus.ACTIVE, shown_by_distributor=True, shown_by_cooperative=False)
    db.session.add(partnership)
    db.session.commit()
    assert "Mekong" not in page_text(client.get(f"/t/{lot.code}"))
    partnership.shown_by_cooperative = True
    db.session.commit()
    assert "Công ty Phân phối Mekong" in page_text(client.get(f"/t/{lot.code}"))


def test_an_unknown_code_is_a_translated_404(client, app):
    response = client.get("/t/ZZZZ2222?lang=vi")
    assert response.status_code == 404 and "Không có lô hàng nào có mã" in page_text(response)
    assert client.get("/t/not-a-code?lang=en").status_code == 404
    assert client.get("/t/ZZZZ2222/qr.svg").status_code == 404


def test_scans_count_shoppers_not_the_cooperative(client, portal, cooperative, app):
    lot = _lot(cooperative)
    portal.get(f"/t/{lot.code}")  # the cooperative checking its page
    db.session.refresh(lot)
    assert lot.scans == 0
    other = app.test_client()
    other.get(f"/t/{lot.code.lower()}")
    other.get(f"/t/{lot.code}")
    db.session.refresh(lot)
    assert lot.scans == 2 and lot.first_scanned_at is not None


def _decode(png):
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return [r.text for r in results]


def test_the_qr_decodes_to_the_trace_address(client, app):
    lot = _lot()
    response = client.get(f"/t/{lot.code}/qr.png")
    assert response.mimetype == "image/png"
    assert _decode(response.data) == [f"{app.config['SITE_URL']}/t/{lot.code}"]
    svg = client.get(f"/t/{lot.code}/qr.svg")
    assert svg.mimetype == "image/svg+xml" and svg.data.startswith(b"<svg")


def test_the_svg_stamp_decodes_too(client, app):
    """The sheet's stamps are the SVG: drawn again by segno as PNG, it decodes to the same address."""
    import segno

    lot = _lot()
    svg = client.get(f"/t/{lot.code}/qr.svg").get_data(as_text=True)
    url = f"{app.config['SITE_URL']}/t/{lot.code}"
    assert url in svg  # its title
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=6)
    assert _decode(out.getvalue()) == [url]


# ---------------------------------------------------------------------------------------
# Portal


def _form(product_id=None, **changes):
    today = clock.today()
    data = {
        "lot_code": "DD-01", "produced_on": (today - timedelta(days=2)).isoformat(),
        "best_before": (today + timedelta(days=200)).isoformat(), "quantity": "1.200", "unit": "chai",
        "origin_text": "Vườn dừa Thạnh Phú", "origin_province_code": "86", "origin_ward_code": "",
        "origin_cooperative_id": "",
        "steps-0-done_on": (today - timedelta(days=3)).isoformat(), "steps-0-step": "Ép lạnh",
        "steps-1-done_on": "", "steps-1-step": "",
    }
    if product_id:
        data["product"] = str(product_id)
    data.update(changes)
    return data


def test_recording_a_lot(portal, cooperative, app):
    product = make_product(cooperative, name_vi="Dầu dừa tinh khiết")
    db.session.commit()
    assert portal.get("/portal/lots").status_code == 200
    page = page_text(portal.get(f"/portal/lots/new?product={product.id}"))
    assert f'<option selected value="{product.id}">' in page or f'value="{product.id}" selected' in page
    response = portal.post("/portal/lots/new", data=_form(product.id))
    assert response.status_code == 302
    lot = db.session.query(Lot).one()
    assert (lot.quantity, lot.unit, [s.description for s in lot.steps]) == (1200, "chai", ["Ép lạnh"])
    text = page_text(portal.get(response.headers["Location"]))
    assert lot.code in text and "Print a sheet of QR stamps" in text
    stamps = page_text(portal.get(f"/portal/lots/{lot.id}/stamps"))
    assert stamps.count(f"/t/{lot.code}/qr.svg") == 24 and "Dầu dừa tinh khiết" in stamps
    assert lot.lot_code in page_text(portal.get("/portal/lots"))


def test_bad_input_is_shown_again_with_messages(portal, cooperative, app):
    product = make_product(cooperative)
    db.session.commit()
    response = portal.post("/portal/lots/new", data=_form(
        product.id, best_before="2000-01-01", quantity="many", **{"steps-1-step": "Đóng gói"}))
    text = page_text(response)
    assert response.status_code == 200
    assert "Enter a quantity from 1 to 10000000." in text
    assert "Give both the date and the step, or leave both empty." in text
    response = portal.post("/portal/lots/new", data=_form(product.id, best_before="2000-01-01"))
    assert "The best-before date cannot precede the production date." in page_text(response)
    assert db.session.query(Lot).count() == 0


def test_more_rows_and_communes_redisplay_without_saving(portal, cooperative, app):
    product = make_product(cooperative)
    db.session.commit()
    text = page_text(portal.post("/portal/lots/new", data=_form(product.id, add_rows="1")))
    assert 'name="steps-4-step"' in text
    text = page_text(portal.post("/portal/lots/new", data=_form(product.id, origin_province_code="1",
                                                                 refresh_wards="1")))
    assert "Phường Ba Đình" in text or "Ba Đình" in text
    assert db.session.query(Lot).count() == 0


def test_editing_after_a_scan_shows_the_history(portal, cooperative, client, app):
    lot = _lot(cooperative)
    app.test_client().get(f"/t/{lot.code}")
    data = _form(lot_code=lot.lot_code, quantity="450")
    response = portal.post(f"/portal/lots/{lot.id}", data=data)
    assert response.status_code == 302
    assert db.session.query(LotRevision).count() == 1
    assert "Corrections after the first scan" in page_text(portal.get(f"/portal/lots/{lot.id}"))
    public = page_text(app.test_client().get(f"/t/{lot.code}?lang=en"))
    assert "Corrections after the first scan" in public and "450 chai" in public


def test_another_cooperatives_lot_is_a_404(portal, cooperative, app):
    theirs = _lot(make_cooperative(slug="htx-khac"))
    for method, path in (("GET", f"/portal/lots/{theirs.id}"), ("POST", f"/portal/lots/{theirs.id}"),
                         ("GET", f"/portal/lots/{theirs.id}/stamps")):
        assert portal.open(path, method=method, data=_form()).status_code == 404, path
    response = portal.post("/portal/lots/new", data=_form(theirs.product_id))
    assert response.status_code == 200 and db.session.query(Lot).count() == 1  # refused: not one of ours


def test_the_lot_list_has_no_n_plus_one(portal, cooperative, count_queries, app):
    for _ in range(2):
        _lot(cooperative)
    portal.get("/portal/lots")
    with count_queries() as few:
        portal.get("/portal/lots")
    for _ in range(5):
        _lot(cooperative)
    with count_queries() as many:
        portal.get("/portal/lots")
    assert len(many) == len(few)
