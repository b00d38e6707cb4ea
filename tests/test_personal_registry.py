"""Every model that holds a key to a member is accounted for by a personal-data handler."""

from __future__ import annotations

from app.accounts.models import User
from app.extensions import db
from app.personal import REGISTRY, covered_models, erasers, exporters


def models_keyed_to_users() -> set[type]:
    """Every model with a foreign key to users.id (user_id, author_id, member_id...)."""
    users = User.__table__
    return {
        mapper.class_
        for mapper in db.Model.registry.mappers
        if any(
            foreign_key.column.table is users
            for column in mapper.local_table.c
            for foreign_key in column.foreign_keys
        )
    }


def test_every_model_keyed_to_a_member_is_covered_by_a_handler(app):
    keyed = models_keyed_to_users()
    assert len(keyed) > 20  # the walk found the models (not a vacuous pass)
    missing = {model.__name__ for model in keyed - covered_models()}
    assert not missing, f"models no personal-data handler accounts for: {missing}"


def test_handlers_are_registered_from_create_app_in_a_stable_order(app):
    assert {"accounts", "members", "articles", "needs", "connections"} <= set(REGISTRY)
    assert exporters()[0].name == "accounts"
    # Articles go first: keeping the writing decides what stays of the rest.
    assert erasers()[0].name == "articles"
