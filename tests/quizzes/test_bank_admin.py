"""The question bank in the admin API: roles, rules for every question, and edits that never
change attempts already made."""

from sqlalchemy import func, select

from backend.app.audit.models import AuditEntry
from backend.app.extensions import db
from backend.app.quizzes.models import Question, QuestionCategory

from ..factories import CompetitionFactory, QuestionCategoryFactory, QuestionFactory
from .conftest import API

ADMIN = f"{API}/admin"


def _question(category_id, **changes):
    return {
        "category_id": category_id,
        "type": "single",
        "stem": "社会团体的登记管理机关是？",
        "options": ["民政部门", "市场监管部门", "税务部门", "业务主管单位"],
        "answer": "A",
        "analysis": "《社会团体登记管理条例》规定，民政部门是社会团体的登记管理机关。",
        "difficulty": 2,
        "reference": "《社会团体登记管理条例》",
        **changes,
    }


def _count(app, model=Question):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_city_admin_manages_categories_and_questions(app, client, admin_login):
    headers, _ = admin_login("city_admin")
    category = client.post(
        f"{ADMIN}/question-categories", json={"name": "社会组织管理"}, headers=headers
    )
    assert category.status_code == 201
    category_id = category.json["id"]
    created = client.post(f"{ADMIN}/questions", json=_question(category_id), headers=headers)
    assert created.status_code == 201, created.json
    question = created.json
    assert (question["answer"], question["category"], question["type_label"]) == (
        "A",
        "社会组织管理",
        "单选题",
    )
    listed = client.get(f"{ADMIN}/questions?category_id={category_id}&q=登记", headers=headers)
    assert [item["id"] for item in listed.json["items"]] == [question["id"]]
    patched = client.patch(
        f"{ADMIN}/questions/{question['id']}", json={"enabled": False}, headers=headers
    )
    assert patched.json["enabled"] is False
    categories = client.get(f"{API}/question-categories").json
    assert categories == [
        {
            "id": category_id,
            "name": "社会组织管理",
            "description": "",
            "demo": False,
            "question_count": 0,
        }
    ]
    assert client.delete(f"{ADMIN}/questions/{question['id']}", headers=headers).status_code == 204
    assert _count(app) == 0
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert [a for a in actions if a.startswith("question")] == [
        "question_category.create",
        "question.create",
        "question.update",
        "question.delete",
    ]


def test_true_false_options_default_and_multiple_keys_are_sorted(app, client, admin_login):
    headers, _ = admin_login()
    with app.app_context():
        category_id = QuestionCategoryFactory().id
    true_false = client.post(
        f"{ADMIN}/questions",
        json=_question(category_id, type="true_false", options=[], answer="b"),
        headers=headers,
    )
    assert (true_false.json["options"], true_false.json["answer"]) == (["正确", "错误"], "B")
    multiple = client.post(
        f"{ADMIN}/questions",
        json=_question(category_id, type="multiple", stem="多选", answer="DA"),
        headers=headers,
    )
    assert multiple.json["answer"] == "AD"
    with_all = client.post(
        f"{ADMIN}/questions",
        json=_question(category_id, stem="含以上", options=["甲", "乙", "以上都是"], answer="C"),
        headers=headers,
    )
    assert with_all.json["fixed_order"] is True


def test_invalid_questions_are_refused_and_nothing_is_stored(app, client, admin_login):
    headers, _ = admin_login()
    with app.app_context():
        category_id = QuestionCategoryFactory().id
    cases = [
        ({"answer": "E"}, "answer"),
        ({"answer": "AB"}, "answer"),
        ({"type": "multiple", "answer": "A"}, "answer"),
        ({"options": ["唯一"]}, "options"),
        ({"options": [f"选项{n}" for n in range(9)]}, "options"),
        ({"options": ["甲", "甲", "乙"]}, "options"),
        ({"type": "true_false", "options": ["对", "错"]}, "options"),
        ({"type": "essay"}, "type"),
        ({"category_id": 99999}, "category_id"),
        ({"difficulty": 4}, "difficulty"),
        ({"analysis": ""}, "analysis"),
    ]
    for changes, field in cases:
        response = client.post(
            f"{ADMIN}/questions", json={**_question(category_id), **changes}, headers=headers
        )
        assert response.status_code == 422, changes
        assert field in response.json["errors"], (changes, response.json)
        assert response.json["message"]
    assert _count(app) == 0


def test_roles_on_the_bank(app, client, admin_login):
    with app.app_context():
        question_id = QuestionFactory().id
    for role, can_read, can_write in (
        ("district_admin", True, True),
        ("reviewer", True, False),
        ("association_officer", False, False),
    ):
        headers, _ = admin_login(role)
        read = client.get(f"{ADMIN}/questions/{question_id}", headers=headers)
        assert read.status_code == (200 if can_read else 403), role
        write = client.patch(
            f"{ADMIN}/questions/{question_id}", json={"difficulty": 3}, headers=headers
        )
        assert write.status_code == (200 if can_write else 403), role
        if not can_write:
            assert write.json["reason"] == "role_forbidden"
        categories = client.get(f"{ADMIN}/question-categories", headers=headers)
        assert categories.status_code == 200, role
    assert client.get(f"{ADMIN}/questions").status_code == 401


def test_category_rules(app, client, admin_login):
    headers, _ = admin_login()
    with app.app_context():
        busy = QuestionFactory().category_id
        drawn = QuestionCategoryFactory(name="被抽题").id
        CompetitionFactory(
            draw_rules=[{"count": 1, "category_id": drawn, "type": None, "difficulty": None}]
        )
        empty = QuestionCategoryFactory(name="空分类").id
    duplicate = client.post(
        f"{ADMIN}/question-categories", json={"name": "空分类"}, headers=headers
    )
    assert (duplicate.status_code, duplicate.json["reason"]) == (409, "category_name_taken")
    for category_id, reason in ((busy, "category_not_empty"), (drawn, "category_in_use")):
        response = client.delete(f"{ADMIN}/question-categories/{category_id}", headers=headers)
        assert (response.status_code, response.json["reason"]) == (409, reason)
    renamed = client.patch(
        f"{ADMIN}/question-categories/{empty}", json={"name": "新名称"}, headers=headers
    )
    assert renamed.json["name"] == "新名称"
    assert client.delete(f"{ADMIN}/question-categories/{empty}", headers=headers).status_code == 204
    assert _count(app, QuestionCategory) == 2


def test_editing_a_question_never_regrades_attempts(app, client, admin_login, login, quiz):
    with app.app_context():
        question = QuestionFactory(options=["甲", "乙", "丙", "丁"], answer="B")
        rules = [
            {"count": 1, "category_id": question.category_id, "type": None, "difficulty": None}
        ]
        competition_id = CompetitionFactory(draw_rules=rules).id
        question_id = question.id
    member, _ = login("alice")
    attempt = quiz.start(member, competition_id).json
    shown = attempt["questions"][0]
    chosen = "ABCD"[shown["options"].index("乙")]
    headers, _ = admin_login()
    client.patch(
        f"{ADMIN}/questions/{question_id}",
        json={"stem": "改过的题干", "options": ["甲", "乙", "丙", "戊"], "answer": "D"},
        headers=headers,
    )
    result = quiz.submit(member, attempt["id"], [{"question_id": question_id, "choices": [chosen]}])
    assert result["correct_count"] == 1
    assert result["review"][0]["answer"] == [chosen]
    seen = client.get(f"{API}/attempts/{attempt['id']}", headers=member).json
    assert seen["questions"][0]["stem"] != "改过的题干"
    assert "戊" not in seen["questions"][0]["options"]
    # Deleting it keeps the attempt readable too.
    client.delete(f"{ADMIN}/questions/{question_id}", headers=headers)
    seen = client.get(f"{API}/attempts/{attempt['id']}", headers=member).json
    assert seen["result"]["correct_count"] == 1 and seen["questions"][0]["id"] is None
