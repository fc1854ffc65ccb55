"""Migrations build the schema, and agree with the models, on every database."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from backend.app.associations.models import District
from backend.app.common.time import utcnow
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


def test_attempts_made_before_the_leave_counts_are_valid_after(bare_app):
    with bare_app.app_context():
        upgrade(revision="0006")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO members (id, openid, created_at, last_login_at)"
                    " VALUES (1, 'fake-old', :now, :now)"
                ),
                {"now": utcnow()},
            )
            connection.execute(
                text(
                    "INSERT INTO attempts (member_id, kind, started_at, status,"
                    " points_per_question, question_count)"
                    " VALUES (1, 'practice', :now, 'finished', 1, 5)"
                ),
                {"now": utcnow()},
            )
        upgrade()
        with db.engine.connect() as connection:
            counts = connection.execute(text("SELECT leave_count, leave_ms FROM attempts")).all()
        assert [tuple(row) for row in counts] == [(0, 0)]
        db.session.remove()
        downgrade(revision="base")
