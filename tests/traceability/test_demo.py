"""The demo lots: seeded once, each with its product, steps and a trace page that answers."""
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.traceability.demo import LOTS, seed_lots
from marketplace.traceability.models import Lot


def test_demo_lots_are_seeded_once_and_their_pages_answer(runner, app):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    lots = db.session.scalars(sa.select(Lot)).all()
    assert len(lots) == len(LOTS)
    assert all(lot.steps for lot in lots)
    assert any(lot.origin_cooperative is not None for lot in lots)
    assert seed_lots() == 0
    client = app.test_client()
    for lot in lots:
        assert client.get(f"/t/{lot.code}").status_code == 200
