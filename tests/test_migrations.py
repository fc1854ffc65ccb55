"""Migrations build the schema, and agree with the models, on every database."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select

from backend.app.associations.models import District
from backend.app.extensions import db


def test_upgrade_matches_models_and_downgrades_cleanly(bare_app):
    with bare_app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts=bare_app.extensions["migrate"].configure_args
            )
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        codes = db.session.scalars(select(District.code).order_by(District.position)).all()
        assert codes[0] == "331002" and len(codes) == 9
        db.session.remove()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
