"""flask seed demo: idempotent demo data."""

import re

from sqlalchemy import func, select

from backend.app import create_app
from backend.app.associations import uscc
from backend.app.associations.models import Association
from backend.app.extensions import db

from .test_config import SAFE_PRODUCTION


def test_seed_demo_is_idempotent_and_prints_passwords_once(app, client):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed", "demo"])
    assert first.exit_code == 0, first.output
    passwords = dict(re.findall(r"admin (\S+) \(\S+\) password: (\S+)", first.output))
    assert set(passwords) == {"city", "jiaojiang", "jiaojiang_reviewer", "officer"}

    second = runner.invoke(args=["seed", "demo"])
    assert second.exit_code == 0, second.output
    assert "password" not in second.output

    with app.app_context():
        associations = db.session.scalars(select(Association)).all()
        assert len(associations) >= 40
        assert len({a.district_code for a in associations}) == 9
        assert all(uscc.is_valid(a.uscc) and a.uscc[2:8] == a.district_code for a in associations)
        assert all(len(a.fee_items) >= 3 for a in associations)
        per_district = db.session.execute(
            select(Association.district_code, func.count()).group_by(Association.district_code)
        ).all()
        assert min(count for _, count in per_district) >= 4

    login = client.post(
        "/api/v1/admin/auth/login",
        json={"username": "jiaojiang", "password": passwords["jiaojiang"]},
    )
    assert login.status_code == 200
    assert login.json["admin"]["district"] == "331002"


def test_seed_demo_refuses_production(tmp_path):
    app = create_app({**SAFE_PRODUCTION, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"})
    result = app.test_cli_runner().invoke(args=["seed", "demo"])
    assert result.exit_code != 0
    assert "production" in result.output
