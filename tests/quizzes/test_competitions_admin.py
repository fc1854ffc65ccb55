"""Competitions in the admin API: validation, role scopes, and rules locked once attempted."""

import io
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import func, select

from backend.app.common.time import utcnow
from backend.app.extensions import db
from backend.app.quizzes.models import Competition

from ..factories import AssociationFactory, CompetitionFactory
from .conftest import API

ADMIN = f"{API}/admin"


def _payload(**changes):
    now = utcnow()
    return {
        "title": "全市清廉知识竞赛",
        "description": "面向全市行业协会商会会员",
        "starts_at": (now + timedelta(hours=1)).isoformat(),
        "ends_at": (now + timedelta(days=7)).isoformat(),
        "time_limit_seconds": 900,
        "points_per_question": 5,
        "draw_rules": [
            {"count": 4, "type": "single"},
            {"count": 2, "type": "multiple", "difficulty": None},
        ],
        **changes,
    }


def _count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Competition))


def test_city_admin_creates_and_reads_a_competition(app, client, admin_login, bank):
    headers, _ = admin_login()
    response = client.post(f"{ADMIN}/competitions", json=_payload(), headers=headers)
    assert response.status_code == 201, response.json
    body = response.json
    assert (body["question_count"], body["max_score"], body["attempts_allowed"]) == (6, 30, 3)
    assert (body["audience"], body["status"], body["owner_district"]) == ("all", "upcoming", None)
    assert body["draw_rules"][0] == {
        "count": 4,
        "category_id": None,
        "type": "single",
        "difficulty": None,
    }
    listed = client.get(f"{ADMIN}/competitions", headers=headers).json
    assert [item["id"] for item in listed["items"]] == [body["id"]]


def test_bad_competitions_are_refused(app, client, admin_login, bank):
    headers, _ = admin_login()
    now = utcnow()
    cases = [
        ({"ends_at": (now - timedelta(days=1)).isoformat()}, "ends_at", "window_invalid"),
        ({"ends_at": (now + timedelta(days=120)).isoformat()}, "ends_at", "window_too_long"),
        ({"starts_at": "2026-12-01T08:00:00"}, "starts_at", "validation_failed"),
        ({"time_limit_seconds": 10}, "time_limit_seconds", "validation_failed"),
        ({"draw_rules": [{"count": 9, "type": "multiple"}]}, "draw_rules", "not_enough_questions"),
        ({"draw_rules": [{"count": 1, "category_id": 999}]}, "draw_rules", "category_not_found"),
        ({"draw_rules": [{"count": 60}, {"count": 60}]}, "draw_rules", "validation_failed"),
        ({"draw_rules": []}, "draw_rules", "validation_failed"),
        ({"audience": "districts"}, "districts", "audience_invalid"),
        ({"audience": "districts", "districts": ["999999"]}, "districts", "unknown_district"),
        ({"association_ids": [1]}, "association_ids", "audience_invalid"),
        (
            {"audience": "associations", "association_ids": [99999]},
            "association_ids",
            "association_not_found",
        ),
    ]
    for changes, field, reason in cases:
        response = client.post(f"{ADMIN}/competitions", json=_payload(**changes), headers=headers)
        assert response.status_code == 422, changes
        assert (field in response.json["errors"], response.json["reason"]) == (True, reason), (
            changes,
            response.json,
        )
    assert _count(app) == 0


def test_district_admin_runs_competitions_within_its_district(app, client, admin_login, bank):
    headers, admin = admin_login("district_admin", district_code="331003")
    with app.app_context():
        inside = AssociationFactory(district="331003").id
        outside = AssociationFactory(district="331004").id
        elsewhere = CompetitionFactory(districts=["331004"]).id
    allowed = [
        {"audience": "districts", "districts": ["331003"]},
        {"audience": "associations", "association_ids": [inside]},
    ]
    created = []
    for changes in allowed:
        response = client.post(f"{ADMIN}/competitions", json=_payload(**changes), headers=headers)
        assert response.status_code == 201, response.json
        assert response.json["owner_district"] == "331003"
        created.append(response.json["id"])
    refused = [
        {},
        {"audience": "districts", "districts": ["331003", "331004"]},
        {"audience": "associations", "association_ids": [inside, outside]},
    ]
    for changes in refused:
        response = client.post(f"{ADMIN}/competitions", json=_payload(**changes), headers=headers)
        assert (response.status_code, response.json["reason"]) == (403, "out_of_scope"), changes
    listed = client.get(f"{ADMIN}/competitions", headers=headers).json
    assert sorted(item["id"] for item in listed["items"]) == sorted(created)
    for call in (client.get, client.delete):
        response = call(f"{ADMIN}/competitions/{elsewhere}", headers=headers)
        assert (response.status_code, response.json["reason"]) == (404, "competition_not_found")
    widened = client.patch(
        f"{ADMIN}/competitions/{created[0]}", json={"audience": "all"}, headers=headers
    )
    assert widened.status_code == 403
    assert admin["district"] == "331003"


def test_association_officer_runs_only_its_own_members_competitions(app, client, admin_login, bank):
    headers, admin = admin_login("association_officer")
    own = admin["association_id"]
    with app.app_context():
        other = AssociationFactory().id
    ok = client.post(
        f"{ADMIN}/competitions",
        json=_payload(audience="associations", association_ids=[own]),
        headers=headers,
    )
    assert ok.status_code == 201 and ok.json["owner_association_id"] == own
    for changes in (
        {},
        {"audience": "associations", "association_ids": [own, other]},
        {"audience": "districts", "districts": ["331002"]},
    ):
        response = client.post(f"{ADMIN}/competitions", json=_payload(**changes), headers=headers)
        assert (response.status_code, response.json["reason"]) == (403, "out_of_scope")
    # The district admin of the association's district oversees it; a reviewer there reads it.
    district_headers, _ = admin_login("district_admin", district_code="331002")
    listed = client.get(f"{ADMIN}/competitions", headers=district_headers).json
    assert [item["id"] for item in listed["items"]] == [ok.json["id"]]
    reviewer, _ = admin_login("reviewer", district_code="331002")
    assert client.get(f"{ADMIN}/competitions/{ok.json['id']}", headers=reviewer).status_code == 200
    refused = client.post(f"{ADMIN}/competitions", json=_payload(), headers=reviewer)
    assert (refused.status_code, refused.json["reason"]) == (403, "role_forbidden")


def test_rules_lock_once_someone_has_an_attempt(app, client, admin_login, login, bank, quiz):
    headers, _ = admin_login()
    with app.app_context():
        competition = CompetitionFactory()
        competition_id, ends_at = competition.id, competition.ends_at
    member, _ = login("alice")
    quiz.start(member, competition_id)
    url = f"{ADMIN}/competitions/{competition_id}"
    locked = client.patch(url, json={"draw_rules": [{"count": 3}], "title": "新"}, headers=headers)
    assert (locked.status_code, locked.json["reason"]) == (409, "competition_locked")
    assert set(locked.json["errors"]) == {"draw_rules"}
    earlier = client.patch(
        url, json={"ends_at": (ends_at - timedelta(hours=1)).isoformat()}, headers=headers
    )
    assert (earlier.status_code, earlier.json["reason"]) == (422, "competition_locked")
    later = client.patch(
        url,
        json={"title": "延期后的竞赛", "ends_at": (ends_at + timedelta(days=1)).isoformat()},
        headers=headers,
    )
    assert later.status_code == 200 and later.json["title"] == "延期后的竞赛"
    deleted = client.delete(url, headers=headers)
    assert (deleted.status_code, deleted.json["reason"]) == (409, "competition_has_attempts")
    with app.app_context():
        assert db.session.get(Competition, competition_id).draw_rules[0]["count"] == 5


def test_unattempted_competitions_can_be_changed_and_deleted(app, client, admin_login, bank):
    headers, _ = admin_login()
    created = client.post(f"{ADMIN}/competitions", json=_payload(), headers=headers).json
    url = f"{ADMIN}/competitions/{created['id']}"
    changed = client.patch(
        url,
        json={"draw_rules": [{"count": 3}], "audience": "districts", "districts": ["331082"]},
        headers=headers,
    )
    assert changed.status_code == 200, changed.json
    assert (changed.json["question_count"], changed.json["districts"]) == (3, ["331082"])
    assert changed.json["owner_district"] == "331082"
    empty = client.patch(url, json={}, headers=headers)
    assert empty.status_code == 422
    assert client.delete(url, headers=headers).status_code == 204
    assert _count(app) == 0


def test_the_limit_on_leaving_the_app_is_set_and_locked_like_the_rules(
    app, client, admin_login, login, bank, quiz
):
    headers, _ = admin_login()
    unlimited = client.post(f"{ADMIN}/competitions", json=_payload(), headers=headers).json
    assert unlimited["max_leaves"] is None
    for bad in (0, -1, 100, "三"):
        refused = client.post(
            f"{ADMIN}/competitions", json=_payload(max_leaves=bad), headers=headers
        )
        assert refused.status_code == 422 and "max_leaves" in refused.json["errors"], bad
    created = client.post(f"{ADMIN}/competitions", json=_payload(max_leaves=3), headers=headers)
    assert created.status_code == 201 and created.json["max_leaves"] == 3
    url = f"{ADMIN}/competitions/{created.json['id']}"
    assert client.patch(url, json={"max_leaves": 1}, headers=headers).json["max_leaves"] == 1
    assert client.patch(url, json={"max_leaves": None}, headers=headers).json["max_leaves"] is None
    with app.app_context():
        started = CompetitionFactory(max_leaves=2).id
    member, _ = login("alice")
    quiz.start(member, started)
    # It decides who was submitted early, so it stays once anyone has an attempt.
    locked = client.patch(
        f"{ADMIN}/competitions/{started}", json={"max_leaves": 5}, headers=headers
    )
    assert (locked.status_code, locked.json["reason"]) == (409, "competition_locked")
    assert set(locked.json["errors"]) == {"max_leaves"}


def test_admin_leaderboard_and_results_export(app, client, admin_login, login, bank, quiz):
    with app.app_context():
        competition_id = CompetitionFactory(title="=HYPERLINK(1)").id
    alice, _ = login("alice")
    client.patch(f"{API}/me", json={"nickname": "清风"}, headers=alice)
    bob, _ = login("bob")
    quiz.play(alice, competition_id, right=3)
    quiz.play(bob, competition_id, right=5)
    quiz.play(bob, competition_id, right=1)
    headers, _ = admin_login()
    board = client.get(f"{ADMIN}/competitions/{competition_id}/leaderboard", headers=headers).json
    assert [row["score"] for row in board["items"]] == [50, 30] and board["me"] is None
    exported = client.get(f"{ADMIN}/competitions/{competition_id}/results/export", headers=headers)
    assert exported.status_code == 200
    assert exported.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(exported.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "=HYPERLINK(1)" and sheet["A1"].data_type == "s"
    assert rows[1][:5] == ("排名", "会员", "协会", "区县", "得分")
    assert [(row[0], row[4], row[7]) for row in rows[2:]] == [(1, 50, 2), (2, 30, 1)]
    assert rows[3][1] == "清风"
    assert "fake-" not in str(rows)
    officer, _ = admin_login("association_officer")
    hidden = client.get(f"{ADMIN}/competitions/{competition_id}/results/export", headers=officer)
    assert hidden.status_code == 404
