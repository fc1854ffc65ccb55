"""The privacy page: what the server holds about me, counted from the database."""

from datetime import timedelta

from sqlalchemy import select

from backend.app.common.time import shanghai_today, utcnow
from backend.app.extensions import db
from backend.app.members.models import Member
from backend.app.quizzes.models import AttemptItem
from backend.app.sites.models import CheckIn

from ..factories import (
    AssociationFactory,
    CompetitionFactory,
    QuestionCategoryFactory,
    QuestionFactory,
    ReportFactory,
    SiteFactory,
)
from ..test_errors import assert_contract

API = "/api/v1"
ZERO = {
    "attempts": 0,
    "competition_entries": 0,
    "checkins": 0,
    "named_reports": 0,
    "mistakes": 0,
    "subscription_credits": 0,
    "reminders": 0,
}


def _wrong(app, client, headers, attempt):
    """Submit the attempt with every answer wrong (the keys come from the database)."""
    with app.app_context():
        keys = dict(
            db.session.execute(
                select(AttemptItem.question_id, AttemptItem.answer).where(
                    AttemptItem.attempt_id == attempt["id"]
                )
            ).all()
        )
    answers = [
        {"question_id": question_id, "choices": ["A" if key != "A" else "B"]}
        for question_id, key in keys.items()
    ]
    response = client.post(
        f"{API}/attempts/{attempt['id']}/submit", json={"answers": answers}, headers=headers
    )
    assert response.status_code == 200, response.json


def test_a_new_member_has_only_a_profile(app, client, login):
    headers, body = login("alice")
    data = client.get(f"{API}/me/data", headers=headers)
    assert data.status_code == 200
    assert data.json["member"] == body["member"]
    assert set(data.json["member"]) == {"id", "nickname", "association", "created_at"}
    assert data.json["counts"] == ZERO
    assert_contract(client.get(f"{API}/me/data"), 401, "token_missing")


def test_counts_what_i_did_and_nothing_anonymous(app, client, login):
    now = utcnow()
    with app.app_context():
        association = AssociationFactory(name="台州市测试协会")
        association_id = association.id
        category = QuestionCategoryFactory()
        for _ in range(3):
            QuestionFactory(category=category)
        competition_id = CompetitionFactory(
            draw_rules=[{"count": 3, "category_id": None, "type": None, "difficulty": None}]
        ).id
        upcoming_id = CompetitionFactory(
            starts_at=now + timedelta(hours=1), ends_at=now + timedelta(days=1)
        ).id
        site_id = SiteFactory().id
        category_id = category.id
    headers, body = login("alice")
    member_id = body["member"]["id"]
    client.patch(f"{API}/me", json={"association_id": association_id}, headers=headers)

    attempt = client.post(f"{API}/competitions/{competition_id}/attempts", headers=headers).json
    _wrong(app, client, headers, attempt)
    client.post(f"{API}/practice", json={"category": category_id, "count": 2}, headers=headers)
    for _ in range(2):
        client.post(
            f"{API}/me/subscriptions",
            json={"template_id": "fake-report-status-template"},
            headers=headers,
        )
    client.post(
        f"{API}/competitions/{upcoming_id}/reminder",
        json={"template_id": "fake-competition-open-template"},
        headers=headers,
    )
    with app.app_context():
        member = db.session.get(Member, member_id)
        association = member.association
        ReportFactory(member=member, association=association)
        # An anonymous report from the same phone leaves no trace to count.
        ReportFactory(association=association)
        db.session.add(CheckIn(member_id=member_id, site_id=site_id, day=shanghai_today()))
        db.session.commit()
    someone_else, _ = login("bob")
    client.post(f"{API}/competitions/{competition_id}/attempts", headers=someone_else)

    data = client.get(f"{API}/me/data", headers=headers).json
    assert data["member"]["association"] == {
        "id": association_id,
        "name": "台州市测试协会",
        "district": "331002",
    }
    assert data["counts"] == {
        "attempts": 2,
        "competition_entries": 1,
        "checkins": 1,
        "named_reports": 1,
        "mistakes": 3,
        "subscription_credits": 2,
        "reminders": 1,
    }
    assert client.get(f"{API}/me/data", headers=someone_else).json["counts"] == {
        **ZERO,
        "attempts": 1,
    }
