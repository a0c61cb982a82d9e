"""The demo value chain: enough of everything, every state, idempotent."""
from collections import Counter

import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.valuechain import demo
from marketplace.distributors.models import DistributorCompany
from marketplace.valuechain.models import Offer, Partnership, RequestStatus, SourcingRequest


def test_demo_data_is_big_enough_and_consistent():
    assert len(demo.DISTRIBUTORS) >= 8
    assert len(demo.REQUESTS) >= 12
    assert {r["status"] for r in demo.REQUESTS} == {s.value for s in RequestStatus}
    keys = [r["key"] for r in demo.REQUESTS]
    assert len(keys) == len(set(keys))
    assert {o[0] for o in demo.OFFERS} <= set(keys)


def test_seed_creates_the_value_chain_once(runner, app):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output

    def counts():
        return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                     for model in (DistributorCompany, SourcingRequest, Offer, Partnership))

    before = counts()
    assert before[0] >= 8 and before[1] >= 12 and before[2] >= 10 and before[3] >= 10
    states = Counter(db.session.scalars(sa.select(SourcingRequest.status)))
    assert set(states) == set(RequestStatus)
    public = [p for p in db.session.scalars(sa.select(Partnership)) if p.is_public]
    assert len(public) >= 5
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert counts() == before

    client = app.test_client()
    for path in ("/value-chain?lang=en", "/sourcing?lang=en", "/distributors"):
        assert client.get(path).status_code == 200
    page = client.get("/value-chain?lang=en").get_data(as_text=True)
    assert "The Coconut chain" in page and "<svg" in page
