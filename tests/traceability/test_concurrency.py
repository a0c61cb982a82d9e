"""Shoppers scanning the same lot at the same moment are each counted, on the lot and on the
day (the day's first scans race to create its row)."""
import pytest

from marketplace import clock
from marketplace.extensions import db
from marketplace.traceability import services
from marketplace.traceability.models import Lot, LotScanDay
from tests.concurrency import postgres_only, run_together  # noqa: F401 - a fixture
from tests.factories import make_lot, make_product

pytestmark = pytest.mark.postgres


def test_simultaneous_scans_are_all_counted(app, postgres_only):  # noqa: F811
    lot_id = make_lot(make_product()).id
    db.session.commit()
    results = run_together(app, 8, lambda i: services.record_scan(lot_id))
    assert results == [None] * 8
    db.session.expire_all()
    assert db.session.get(Lot, lot_id).scans == 8
    assert db.session.get(LotScanDay, (lot_id, clock.today())).scans == 8
