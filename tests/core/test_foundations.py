"""The shared mechanisms every domain builds on: settings, refusals, the unit of work and the
state machine. Plain unit tests with a throwaway table where a row is needed."""
import enum

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from marketplace import unitofwork
from marketplace.config import env
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.statemachine import IllegalTransition, StateMachine, StatusConflict, StatusHistory


# Settings


def test_a_blank_setting_counts_as_unset(monkeypatch):
    monkeypatch.setenv("OCOP_TEST_SETTING", "   ")
    assert env("OCOP_TEST_SETTING", 24, int) == 24
    monkeypatch.setenv("OCOP_TEST_SETTING", " 12 ")
    assert env("OCOP_TEST_SETTING", 24, int) == 12


@pytest.mark.parametrize(("value", "cast", "words"), [("many", int, "a whole number"), ("x", float, "a number"), ("perhaps", bool, "true or false")])
def test_a_bad_setting_names_the_variable(monkeypatch, value, cast, words):
    monkeypatch.setenv("OCOP_TEST_SETTING", value)
    with pytest.raises(RuntimeError, match=f"OCOP_TEST_SETTING must be {words}, not '{value}'"):
        env("OCOP_TEST_SETTING", None, cast)


def test_a_copied_env_example_with_blank_values_starts(monkeypatch):
    from marketplace.config import load_config

    for name in ("DATABASE_URL", "SEARCH_INDEX_DIR", "UPLOAD_DIR", "PRODUCTS_PER_PAGE", "MAIL_PORT", "RATELIMIT_ENABLED"):
        monkeypatch.setenv(name, "")
    config = load_config()
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert config["UPLOAD_DIR"] and config["SEARCH_INDEX_DIR"]
    assert config["PRODUCTS_PER_PAGE"] == 24 and config["RATELIMIT_ENABLED"] is True


# Refusals


def test_a_refusal_carries_its_message_field_and_problems():
    one = Refusal("Too many.", "quantity")
    assert (one.message, one.field, one.problems) == ("Too many.", "quantity", ["Too many."])
    several = Refusal("Some lines cannot be bought.", problems=["A is sold out.", "B is hidden."])
    assert several.problems == ["A is sold out.", "B is hidden."] and str(several) == "A is sold out.; B is hidden."


# Unit of work


def test_side_effects_run_once_after_the_commit_and_never_after_a_rollback(app):
    ran = []
    unitofwork.after_commit(lambda: ran.append("kept"))
    assert ran == []  # not before the commit
    unitofwork.commit()
    unitofwork.commit()
    assert ran == ["kept"]  # once

    unitofwork.after_commit(lambda: ran.append("dropped"))
    db.session.rollback()
    unitofwork.commit()
    assert ran == ["kept"]


def test_a_failing_block_rolls_back_and_forgets_its_side_effects(app):
    ran = []
    with pytest.raises(Refusal):
        with unitofwork.unit_of_work():
            unitofwork.after_commit(lambda: ran.append("no"))
            raise Refusal("No.")
    with unitofwork.unit_of_work():
        unitofwork.after_commit(lambda: ran.append("yes"))
    assert ran == ["yes"]


def test_a_failing_side_effect_does_not_stop_the_others(app, caplog):
    ran = []
    unitofwork.after_commit(lambda: 1 / 0)
    unitofwork.after_commit(lambda: ran.append("second"))
    unitofwork.commit()
    assert ran == ["second"] and "after-commit step" in caplog.text


def test_a_direct_commit_runs_them_too(app):
    """One mechanism whoever commits: `db.session.commit()` runs them like `unitofwork.commit()`."""
    ran = []
    unitofwork.after_commit(lambda: ran.append("due"))
    db.session.commit()
    assert ran == ["due"]


def test_the_same_side_effect_registered_twice_runs_once(app):
    ran = []

    def note():
        ran.append("noted")

    unitofwork.after_commit(note)
    unitofwork.after_commit(note)
    unitofwork.commit()
    assert ran == ["noted"]


# State machine


class Light(enum.StrEnum):
    RED = "red"
    GREEN = "green"
    AMBER = "amber"


LIGHTS = StateMachine("light", {Light.RED: {Light.GREEN}, Light.GREEN: {Light.AMBER}, Light.AMBER: {Light.RED}})


@pytest.fixture
def lamp_table(app):
    """A throwaway table with a status column (created and dropped around the test)."""
    metadata = sa.MetaData()
    table = sa.Table("test_lamps", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("status", sa.String(10)))

    class Lamp:
        pass

    registry = sa.orm.registry()
    registry.map_imperatively(Lamp, table)
    metadata.create_all(db.engine)
    yield Lamp
    db.session.rollback()
    metadata.drop_all(db.engine)
    registry.dispose()


def test_a_legal_move_updates_the_row_and_writes_history(lamp_table):
    lamp = lamp_table()
    lamp.status = Light.RED
    db.session.add(lamp)
    db.session.flush()
    assert LIGHTS.move(lamp, Light.GREEN, reason="morning") == Light.RED
    db.session.commit()
    assert lamp.status == Light.GREEN
    history = db.session.scalars(sa.select(StatusHistory)).all()
    assert [(h.subject, h.subject_id, h.from_status, h.to_status, h.reason) for h in history] == [
        ("light", lamp.id, "red", "green", "morning")
    ]


def test_an_illegal_move_is_refused(lamp_table):
    lamp = lamp_table()
    lamp.status = Light.RED
    db.session.add(lamp)
    db.session.flush()
    with pytest.raises(IllegalTransition) as refused:
        LIGHTS.move(lamp, Light.AMBER)
    assert isinstance(refused.value, Refusal) and (refused.value.old, refused.value.new) == (Light.RED, Light.AMBER)


def test_of_two_moves_from_the_same_status_one_wins(lamp_table):
    """The second mover still holds the old status in memory: its conditional UPDATE finds no
    row and it is told somebody was first (the same thing happens across two processes)."""
    lamp = lamp_table()
    lamp.status = Light.GREEN
    db.session.add(lamp)
    db.session.commit()
    db.session.execute(sa.text("UPDATE test_lamps SET status = 'amber' WHERE id = :id"), {"id": lamp.id})
    with pytest.raises(StatusConflict) as refused:
        LIGHTS.move(lamp, Light.AMBER)
    with force_locale("en"):
        assert "same moment" in str(refused.value.message)
    assert db.session.scalars(sa.select(StatusHistory)).all() == []
