"""The rules of lots, without a request: codes, the checks of a record, corrections kept after
the first scan, scans counted per day, and the certificate as it stands on the day asked."""
from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.extensions import db
from marketplace.traceability import services
from marketplace.traceability.models import LotRevision, LotScanDay
from marketplace.traceability.services import LotDetails, TraceabilityError
from tests.factories import make_certificate, make_cooperative, make_lot, make_product


def _details(**changes):
    today = clock.today()
    values = dict(lot_code="KD-2026-01", produced_on=today - timedelta(days=3), best_before=today + timedelta(days=300),
                  quantity=1200, unit="hộp", origin_text="Vườn dừa Minh Đức",
                  steps=((today - timedelta(days=4), "Thu hoạch dừa"), (today - timedelta(days=3), "Nấu kẹo")))
    values.update(changes)
    return LotDetails(**values)


def test_codes_are_short_readable_and_normalised():
    codes = {services.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 8 and not set(code) & set("01OI")
    code = next(iter(codes))
    assert services.normal_code(f"  {code.lower()} ") == code
    assert services.normal_code("ABC") is None
    assert services.normal_code("0OOOOOOO") is None


def test_create_lot_records_steps_and_origin(app):
    product = make_product()
    partner = make_cooperative(name="HTX Dừa Giao Long")
    db.session.commit()
    lot = services.create_lot(product, _details(origin_province_code=86, origin_ward_code=28903,
                                                origin_cooperative_id=partner.id))
    assert lot.cooperative_id == product.cooperative_id
    assert [s.description for s in lot.steps] == ["Thu hoạch dừa", "Nấu kẹo"]
    assert lot.origin_place_name.endswith("Vĩnh Long") and lot.origin_cooperative.name == "HTX Dừa Giao Long"


@pytest.mark.parametrize("changes, field", [
    ({"lot_code": " "}, "lot_code"),
    ({"produced_on": clock.today() + timedelta(days=1)}, "produced_on"),
    ({"best_before": clock.today() - timedelta(days=30)}, "best_before"),
    ({"quantity": 0}, "quantity"),
    ({"origin_text": "", "origin_ward_code": None}, "origin_text"),
    ({"origin_province_code": 86, "origin_ward_code": 1}, "origin_ward_code"),
    ({"origin_cooperative_id": 999999}, "origin_cooperative_id"),
    ({"steps": ((clock.today() + timedelta(days=2), "Đóng gói"),)}, "steps"),
])
def test_bad_records_are_refused_on_their_field(app, changes, field):
    product = make_product()
    db.session.commit()
    with pytest.raises(TraceabilityError) as refused:
        services.create_lot(product, _details(**changes))
    assert refused.value.field == field


def test_own_cooperative_is_no_partner(app):
    product = make_product()
    db.session.commit()
    with pytest.raises(TraceabilityError):
        services.create_lot(product, _details(origin_cooperative_id=product.cooperative_id))


def test_a_lot_number_once_per_product(app):
    product = make_product()
    db.session.commit()
    services.create_lot(product, _details())
    with pytest.raises(TraceabilityError) as refused:
        services.create_lot(product, _details())
    assert refused.value.field == "lot_code"
    services.create_lot(make_product(cooperative=product.cooperative), _details())  # another product may


def test_corrections_before_the_first_scan_leave_no_history(app):
    lot = services.create_lot(make_product(), _details())
    assert services.update_lot(lot, _details(quantity=1000)) == [["quantity", "1200 hộp", "1000 hộp"]]
    assert lot.revisions == []


def test_corrections_after_the_first_scan_are_kept(app):
    lot = services.create_lot(make_product(), _details())
    services.record_scan(lot.id)
    db.session.refresh(lot)
    assert lot.first_scanned_at is not None
    new_day = clock.today() - timedelta(days=2)
    services.update_lot(lot, _details(produced_on=new_day, steps=((new_day, "Nấu kẹo"),)))
    revision = db.session.query(LotRevision).one()
    assert [change[0] for change in revision.changes] == ["produced_on", "steps"]
    assert revision.changes[0][2] == new_day.strftime("%d/%m/%Y")
    services.update_lot(lot, _details(produced_on=new_day, steps=((new_day, "Nấu kẹo"),)))  # nothing changed
    assert db.session.query(LotRevision).count() == 1


def test_scans_are_counted_per_lot_and_day(app):
    lot = make_lot(make_product())
    db.session.commit()
    today = clock.today()
    for day in (today - timedelta(days=1), today, today):
        services.record_scan(lot.id, day)
    db.session.refresh(lot)
    assert lot.scans == 3
    assert services.scans_by_day(lot, today=today) == [(today, 2), (today - timedelta(days=1), 1)]
    assert db.session.query(LotScanDay).count() == 2


def test_the_certificate_is_read_on_the_day_asked(app):
    product = make_product()
    certificate = make_certificate(product, stars=4)
    lot = make_lot(product)
    db.session.commit()
    today = clock.today()
    assert services.trace(lot, today).standing.state == "valid"
    assert services.trace(lot, certificate.expires_on + timedelta(days=1)).standing.state == "expired"
    assert services.trace(make_lot(make_product()), today).standing.state == "none"
    potential = make_product()
    make_certificate(potential, stars=2)
    assert services.trace(make_lot(potential), today).standing.state == "potential"


def test_qr_holds_the_trace_address(app):
    with app.test_request_context():
        qr = services.qr_code("ABCD2345")
        assert qr.error in ("M", "Q", "H")  # at least M: readable with a scratched corner
        assert services.trace_url("ABCD2345") == f"{app.config['SITE_URL']}/t/ABCD2345"
