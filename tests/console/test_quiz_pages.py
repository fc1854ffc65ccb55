"""Console pages for the question bank and competitions: roles and scope, forms, import, export."""

import io
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, update
from werkzeug.datastructures import MultiDict

from backend.app.audit.models import AuditEntry
from backend.app.common.time import SHANGHAI, utcnow
from backend.app.extensions import db
from backend.app.quizzes.models import Attempt, Competition, Question, QuestionCategory
from backend.app.quizzes.spreadsheets import COLUMNS

from ..factories import (
    AssociationFactory,
    CompetitionFactory,
    MemberFactory,
    QuestionCategoryFactory,
    QuestionFactory,
)
from ..quizzes.conftest import put_entry
from .conftest import csrf_token


class _Forms(HTMLParser):
    """The fields each <form> of a page would post, as a browser sends them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif tag == "option" and self._select is not None:
            self._select["options"].append(found.get("value", ""))
            if "selected" in found:
                self._select["selected"].append(found.get("value", ""))
        elif not self.forms or "name" not in found or "disabled" in found:
            return
        elif tag == "input":
            kind = found.get("type", "text")
            checked = kind not in ("checkbox", "radio") or "checked" in found
            if checked and kind not in ("submit", "file"):
                self.forms[-1].append((found["name"], found.get("value", "")))
        elif tag == "select":
            self._select = {"name": found["name"], "multiple": "multiple" in found}
            self._select.update(options=[], selected=[])
        elif tag == "textarea":
            self._textarea = [found["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            select = self._select
            picked = select["selected"] or ([] if select["multiple"] else select["options"][:1])
            self.forms[-1].extend((select["name"], value) for value in picked)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.forms[-1].append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self._textarea = None


def with_changes(form, **changes):
    """The form with fields replaced: a list sets several values, None removes the field."""
    for key, value in changes.items():
        if value is None:
            form.poplist(key)
        elif isinstance(value, list):
            form.setlist(key, value)
        else:
            form[key] = value
    return form


def posted(response, field, **changes):
    """What the page's form holding `field` posts, unchanged or with changes (a MultiDict)."""
    parser = _Forms()
    parser.feed(response.get_data(as_text=True))
    form = next(form for form in parser.forms if any(name == field for name, _ in form))
    return with_changes(MultiDict(form), **changes)


def count(app, model=Question):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def load(app, model, object_id):
    with app.app_context():
        found = db.session.get(model, object_id)
        if found is not None:
            db.session.expunge(found)
        return found


def xlsx(rows):
    """An .xlsx in the template's layout, rows given as {column: value}."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "题目"
    sheet.append(list(COLUMNS))
    for cells in rows:
        sheet.append([cells.get(column) for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_row(**cells):
    """A valid single-choice row unless cells say otherwise."""
    values = {
        "题型": "单选",
        "题干": "社会团体应当向哪个部门申请登记？",
        "选项A": "民政部门",
        "选项B": "税务部门",
        "选项C": "公安部门",
        "答案": "A",
        "解析": "社会团体的登记管理机关是民政部门。",
        "分类": "社会组织管理",
        "难度": 1,
    }
    values.update(cells)
    return values


def question_form(token, **changes):
    """A complete multiple-choice question as the page posts it."""
    form = {
        "csrf_token": token,
        "type": "multiple",
        "stem": "下列哪些属于行业协会商会乱收费行为？",
        "options-0": "强制入会收取会费",
        "options-1": "按章程收取会费并提供服务",
        "options-2": "通过评比表彰收费",
        "options-3": "强制摊派赞助",
        "answer": "dca",
        "analysis": "强制入会、评比表彰收费、强制赞助均属乱收费。",
        "difficulty": "2",
        "reference": "《关于进一步规范行业协会商会收费的通知》",
        "enabled": "y",
    }
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


def local(moment):
    """A time as a datetime-local input shows it (Beijing time)."""
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")


def competition_form(token, **changes):
    """A competition for 椒江区 drawing three single-choice questions, as the page posts it."""
    form = MultiDict(
        {
            "csrf_token": token,
            "title": "椒江区清廉知识竞赛",
            "description": "椒江区行业协会商会会员参加。",
            "starts_at": "2026-05-01T09:00",
            "ends_at": "2026-05-31T18:00",
            "time_limit_minutes": "15",
            "attempts_allowed": "2",
            "points_per_question": "10",
            "draw_rules-0-count": "3",
            "draw_rules-0-type": "single",
            "audience": "districts",
            "districts": "331002",
        }
    )
    return with_changes(form, **changes)


def in_district(code="331002"):
    """A competition owned by a district (app context)."""
    return CompetitionFactory(districts=[code], owner_district_code=code)


def clean(html):
    """The console's CSP allows no inline scripts or styles."""
    return "<script>" not in html and 'style="' not in html


QUESTION_PAGES = ("", "/categories", "/{q}")
QUESTION_EDITOR_PAGES = ("/new", "/import", "/{q}/delete")
COMPETITION_PAGES = ("", "/{c}", "/{c}/results", "/{c}/results?by=association")
COMPETITION_EDITOR_PAGES = ("/new", "/{c}/delete")


@pytest.mark.parametrize(
    ("role", "question_pages", "competition_pages"),
    [
        (
            "city_admin",
            QUESTION_PAGES + QUESTION_EDITOR_PAGES,
            COMPETITION_PAGES + COMPETITION_EDITOR_PAGES,
        ),
        (
            "district_admin",
            QUESTION_PAGES + QUESTION_EDITOR_PAGES,
            COMPETITION_PAGES + COMPETITION_EDITOR_PAGES,
        ),
        ("reviewer", QUESTION_PAGES, COMPETITION_PAGES),
        ("association_officer", (), COMPETITION_PAGES + COMPETITION_EDITOR_PAGES),
    ],
)
def test_pages_render_for_each_allowed_role(app, console, role, question_pages, competition_pages):
    with app.app_context():
        association = AssociationFactory(name="椒江区测试商会")
        question_id = QuestionFactory(stem="协会换届应当报哪个部门？").id
        competition_id = CompetitionFactory(
            title="椒江区竞赛",
            association_ids=[association.id],
            owner_association_id=association.id,
            owner_district_code="331002",
        ).id
        association_id = association.id
    scope = {"association_id": association_id} if role == "association_officer" else {}
    client, _ = console(role, **scope)
    for page in question_pages:
        response = client.get("/console/questions" + page.format(q=question_id))
        assert response.status_code == 200, page
        assert clean(response.get_data(as_text=True)), page
    for page in competition_pages:
        response = client.get("/console/competitions" + page.format(c=competition_id))
        assert response.status_code == 200, page
        assert clean(response.get_data(as_text=True)), page
    home = client.get("/console/competitions").get_data(as_text=True)
    assert "椒江区竞赛" in home and ">竞赛</a>" in home
    assert (">题库</a>" in home) == bool(question_pages)
    if question_pages:
        listing = client.get("/console/questions").get_data(as_text=True)
        assert "协会换届应当报哪个部门？" in listing


def test_readers_and_officers_cannot_change_the_bank(app, console):
    with app.app_context():
        question_id = QuestionFactory(stem="只读的题目").id
        category_id = QuestionCategoryFactory().id
        competition_id = in_district().id
    reviewer, _ = console("reviewer")
    page = reviewer.get(f"/console/questions/{question_id}")
    html = page.get_data(as_text=True)
    assert "当前角色只能查看题目" in html and "只读的题目" in html
    assert "新建题目" not in reviewer.get("/console/questions").get_data(as_text=True)
    token = csrf_token(page)
    for path in (
        f"/console/questions/{question_id}",
        f"/console/questions/{question_id}/delete",
        "/console/questions/new",
        "/console/questions/import",
        "/console/questions/categories",
        f"/console/questions/categories/{category_id}",
        f"/console/questions/categories/{category_id}/delete",
        f"/console/competitions/{competition_id}",
        f"/console/competitions/{competition_id}/delete",
        "/console/competitions/new",
    ):
        assert reviewer.post(path, data={"csrf_token": token}).status_code == 403, path
    competition = reviewer.get(f"/console/competitions/{competition_id}").get_data(as_text=True)
    assert "当前角色只能查看竞赛" in competition and "删除竞赛" not in competition
    assert load(app, Question, question_id).stem == "只读的题目"
    assert count(app, QuestionCategory) == 2 and count(app, Competition) == 1

    with app.app_context():
        association_id = AssociationFactory().id
    officer, _ = console("association_officer", association_id=association_id)
    for path in ("", f"/{question_id}", "/export", "/categories", "/import"):
        assert officer.get(f"/console/questions{path}").status_code == 403, path


def test_competition_scope_is_enforced(app, console):
    with app.app_context():
        own = in_district("331002").id
        other = CompetitionFactory(
            title="黄岩区竞赛", districts=["331003"], owner_district_code="331003"
        ).id
        association_id = AssociationFactory().id
    client, _ = console("district_admin", district_code="331002")
    listing = client.get("/console/competitions").get_data(as_text=True)
    assert "黄岩区竞赛" not in listing
    for page in ("", "/results", "/results/export", "/delete"):
        response = client.get(f"/console/competitions/{other}{page}")
        assert response.status_code == 404, page
        assert response.headers["Content-Type"].startswith("text/html")
    page = client.get(f"/console/competitions/{own}")
    token = csrf_token(page)
    edited = competition_form(token, title="改到别的区县", districts="331003")
    assert client.post(f"/console/competitions/{other}", data=edited).status_code == 404
    deleted = client.post(f"/console/competitions/{other}/delete", data={"csrf_token": token})
    assert deleted.status_code == 404
    assert load(app, Competition, other).title == "黄岩区竞赛"

    with app.app_context():
        for _ in range(3):
            QuestionFactory()
    refused = client.post(
        "/console/competitions/new", data=competition_form(token, districts="331003")
    )
    assert "只能组织本区县范围内的竞赛" in refused.get_data(as_text=True)
    assert count(app, Competition) == 2

    officer, _ = console("association_officer", association_id=association_id)
    assert officer.get(f"/console/competitions/{own}").status_code == 404
    assert "还没有竞赛" in officer.get("/console/competitions").get_data(as_text=True)


def test_question_create_and_edit_round_trip(app, console):
    with app.app_context():
        category_id = QuestionCategoryFactory(name="乱收费治理").id
        other_category = QuestionCategoryFactory(name="社会组织管理").id
    client, _ = console("district_admin")
    page = client.get("/console/questions/new")
    assert "乱收费治理" in page.get_data(as_text=True)
    form = question_form(csrf_token(page), category_id=str(category_id))
    created = client.post("/console/questions/new", data=form)
    assert created.status_code == 302, created.get_data(as_text=True)
    question_id = int(created.headers["Location"].rsplit("/", 1)[1])
    question = load(app, Question, question_id)
    assert (question.type, question.answer, question.difficulty) == ("multiple", "ACD", 2)
    assert question.options[3] == "强制摊派赞助" and len(question.options) == 4
    assert question.category_id == category_id and question.fixed_order is False

    edit = client.get(created.headers["Location"])
    html = edit.get_data(as_text=True)
    assert "题目已创建" in html and 'value="ACD"' in html and 'value="强制摊派赞助"' in html
    unchanged = client.post(f"/console/questions/{question_id}", data=posted(edit, "stem"))
    assert "没有需要保存的修改" in client.get(unchanged.headers["Location"]).get_data(as_text=True)

    changed = posted(
        edit,
        "stem",
        type="single",
        answer="A",
        category_id=str(other_category),
        enabled=None,
        **{"options-2": "", "options-3": ""},
    )
    saved = client.post(f"/console/questions/{question_id}", data=changed)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    question = load(app, Question, question_id)
    assert question.options == ["强制入会收取会费", "按章程收取会费并提供服务"]
    assert (question.type, question.answer, question.enabled) == ("single", "A", False)
    assert question.category_id == other_category
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "question.update"))
        assert entry.detail["fields"] == ["answer", "category_id", "enabled", "options", "type"]


def test_question_form_problems_are_shown_and_nothing_is_stored(app, console):
    with app.app_context():
        category_id = str(QuestionCategoryFactory().id)
    client, _ = console()
    token = csrf_token(client.get("/console/questions/new"))
    gap = client.post(
        "/console/questions/new",
        data=question_form(token, category_id=category_id, **{"options-1": ""}),
    )
    assert "选项须从 A 起依次填写，选项B不能空着" in gap.get_data(as_text=True)
    wrong_key = client.post(
        "/console/questions/new", data=question_form(token, category_id=category_id, answer="AE")
    )
    html = wrong_key.get_data(as_text=True)
    assert "答案 AE 不在选项 A–D 之内" in html and 'value="强制摊派赞助"' in html
    empty = client.post(
        "/console/questions/new", data=question_form(token, category_id="", stem="", analysis="")
    )
    html = empty.get_data(as_text=True)
    assert "请修改标出的内容" in html and "不能为空" in html and "长度须在 1 到 500 之间" in html
    true_false = client.post(
        "/console/questions/new",
        data=question_form(
            token,
            category_id=category_id,
            type="true_false",
            stem="行业协会商会可以强制企业入会。",
            answer="B",
            **{f"options-{i}": "" for i in range(4)},
        ),
    )
    assert true_false.status_code == 302
    with app.app_context():
        question = db.session.scalar(select(Question))
        assert (question.options, question.answer) == (["正确", "错误"], "B")


def test_question_filters_pages_and_export(app, console):
    with app.app_context():
        fees = QuestionCategoryFactory(name="乱收费")
        rules = QuestionCategoryFactory(name="八项规定")
        QuestionFactory(category=fees, stem="强制入会是否允许？", type="true_false")
        QuestionFactory(category=fees, stem="会费标准由谁制定？", difficulty=3)
        QuestionFactory(category=rules, stem="公款吃喝属于违反八项规定吗？", enabled=False)
        fees_id = fees.id
    client, _ = console("reviewer")

    def stems(query):
        html = client.get(f"/console/questions?{query}").get_data(as_text=True)
        return {
            stem
            for stem in ("强制入会是否允许？", "会费标准由谁制定？", "公款吃喝属于违反八项规定吗？")
            if f">{stem}<" in html
        }

    assert len(stems("")) == 3
    assert stems(f"category_id={fees_id}") == {"强制入会是否允许？", "会费标准由谁制定？"}
    assert stems("type=true_false") == {"强制入会是否允许？"}
    assert stems("difficulty=3") == {"会费标准由谁制定？"}
    assert stems("enabled=no") == {"公款吃喝属于违反八项规定吗？"}
    assert stems("q=会费") == {"会费标准由谁制定？"}
    assert stems("type=essay&difficulty=9&enabled=maybe") == stems("")
    listing = client.get(f"/console/questions?category_id={fees_id}&page=5")
    html = listing.get_data(as_text=True)
    assert "共 2 条" in html and f"/console/questions/export?category_id={fees_id}" in html

    export = client.get(f"/console/questions/export?category_id={fees_id}")
    assert export.status_code == 200 and export.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in export.headers["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(export.data))["题目"].iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "题型", "题干")
    assert sorted(row[2] for row in rows[1:]) == ["会费标准由谁制定？", "强制入会是否允许？"]


def test_question_is_deleted_after_confirmation(app, console):
    with app.app_context():
        question_id = QuestionFactory(stem="将被删除的题目").id
    client, _ = console()
    confirm = client.get(f"/console/questions/{question_id}/delete")
    html = confirm.get_data(as_text=True)
    assert "将被删除的题目" in html and "确认删除" in html
    assert count(app) == 1
    deleted = client.post(
        f"/console/questions/{question_id}/delete", data={"csrf_token": csrf_token(confirm)}
    )
    assert deleted.headers["Location"] == "/console/questions"
    assert "题目已删除" in client.get("/console/questions").get_data(as_text=True)
    assert count(app) == 0


def test_categories_are_added_renamed_and_deleted(app, console):
    with app.app_context():
        used = QuestionCategoryFactory(name="有题目的分类")
        QuestionFactory(category=used)
        used_id = used.id
    client, _ = console("district_admin")
    page = client.get("/console/questions/categories")
    token = csrf_token(page)
    html = page.get_data(as_text=True)
    assert f"/console/questions/categories/{used_id}/delete" not in html

    added = client.post(
        "/console/questions/categories",
        data={"csrf_token": token, "new-name": "  廉洁从业  ", "new-position": "3"},
    )
    assert added.headers["Location"] == "/console/questions/categories"
    with app.app_context():
        category = db.session.scalar(
            select(QuestionCategory).where(QuestionCategory.name == "廉洁从业")
        )
        new_id, position = category.id, category.position
    assert position == 3
    page = client.get("/console/questions/categories").get_data(as_text=True)
    assert "已添加分类“廉洁从业”" in page
    assert f"/console/questions/categories/{new_id}/delete" in page

    taken = client.post(
        "/console/questions/categories", data={"csrf_token": token, "new-name": "有题目的分类"}
    )
    assert "已有同名的题目分类" in client.get(taken.headers["Location"]).get_data(as_text=True)
    blank = client.post(
        f"/console/questions/categories/{new_id}",
        data={"csrf_token": token, f"c{new_id}-name": "", f"c{new_id}-position": "x"},
    )
    html = client.get(blank.headers["Location"]).get_data(as_text=True)
    assert "名称：长度须在 1 到 40 之间" in html and "应为整数" in html
    renamed = client.post(
        f"/console/questions/categories/{new_id}",
        data={"csrf_token": token, f"c{new_id}-name": "廉洁从业规范", f"c{new_id}-position": "1"},
    )
    assert "分类已保存" in client.get(renamed.headers["Location"]).get_data(as_text=True)
    assert load(app, QuestionCategory, new_id).name == "廉洁从业规范"

    refused = client.post(
        f"/console/questions/categories/{used_id}/delete", data={"csrf_token": token}
    )
    assert "分类下还有题目，不能删除" in client.get(refused.headers["Location"]).get_data(
        as_text=True
    )
    client.post(f"/console/questions/categories/{new_id}/delete", data={"csrf_token": token})
    assert load(app, QuestionCategory, new_id) is None
    assert (
        client.post(
            "/console/questions/categories/99999/delete", data={"csrf_token": token}
        ).status_code
        == 404
    )


def test_import_dry_run_lists_bad_rows_and_stores_nothing(app, console):
    client, _ = console("district_admin")
    page = client.get("/console/questions/import")
    assert "/console/questions/import/template" in page.get_data(as_text=True)
    data = xlsx(
        [
            import_row(),
            import_row(题干="答案超出选项的题目", 答案="E"),
            import_row(题干="缺少解析的题目", 解析=None, 分类="新分类"),
        ]
    )
    response = client.post(
        "/console/questions/import",
        data={"csrf_token": csrf_token(page), "check": "y", "file": (io.BytesIO(data), "q.xlsx")},
    )
    html = response.get_data(as_text=True)
    assert "共 3 行：1 行可导入，2 行有误" in html
    assert "<td>第 3 行</td><td>答案</td><td>答案 E 不在选项 A–C 之内</td>" in html
    assert "<td>第 4 行</td><td>解析</td><td>解析不能为空</td>" in html
    assert "将新建分类：社会组织管理" in html
    assert count(app) == 0 and count(app, QuestionCategory) == 0

    refused = client.post(
        "/console/questions/import",
        data={"csrf_token": csrf_token(page), "store": "y", "file": (io.BytesIO(data), "q.xlsx")},
    )
    html = refused.get_data(as_text=True)
    assert "未导入任何题目" in html
    assert "<td>第 3 行</td><td>答案：答案 E 不在选项 A–C 之内</td>" in html
    assert count(app) == 0 and count(app, QuestionCategory) == 0


def test_import_stores_every_row(app, console):
    with app.app_context():
        QuestionFactory(
            category=QuestionCategoryFactory(name="社会组织管理"),
            stem="社会团体应当向哪个部门申请登记？",
        )
    client, _ = console()
    token = csrf_token(client.get("/console/questions/import"))
    data = xlsx(
        [
            import_row(),
            import_row(
                题型="判断",
                题干="行业协会商会可以强制企业入会。",
                选项A=None,
                选项B=None,
                选项C=None,
                答案="错误",
                分类="乱收费治理",
            ),
            import_row(题型="多选", 题干="哪些属于乱收费？", 选项D="强制赞助", 答案="AD"),
        ]
    )
    response = client.post(
        "/console/questions/import",
        data={"csrf_token": token, "store": "y", "file": (io.BytesIO(data), "q.xlsx")},
    )
    assert response.headers.get("Location") == "/console/questions", response.get_data(as_text=True)
    listing = client.get("/console/questions").get_data(as_text=True)
    assert "已导入 2 道题目，跳过题库中已有的 1 道，新建分类：乱收费治理" in listing
    assert "行业协会商会可以强制企业入会。" in listing and "哪些属于乱收费？" in listing
    assert count(app) == 3


def test_import_problems_with_the_file_itself(app, console):
    client, _ = console()
    token = csrf_token(client.get("/console/questions/import"))
    missing = client.post("/console/questions/import", data={"csrf_token": token, "check": "y"})
    assert "请选择要导入的文件" in missing.get_data(as_text=True)
    broken = client.post(
        "/console/questions/import",
        data={"csrf_token": token, "check": "y", "file": (io.BytesIO(b"nope"), "q.xlsx")},
    )
    assert "文件不是有效的 .xlsx 表格" in broken.get_data(as_text=True)
    template = client.get("/console/questions/import/template")
    assert template.status_code == 200 and template.data.startswith(b"PK")
    assert load_workbook(io.BytesIO(template.data)).sheetnames == ["题目", "说明"]


def test_competition_create_and_edit_round_trip(app, console):
    with app.app_context():
        category = QuestionCategoryFactory(name="乱收费治理")
        for _ in range(4):
            QuestionFactory(category=category)
        category_id = category.id
        association_id = AssociationFactory(name="椒江区建筑业协会").id
    client, _ = console("district_admin", district_code="331002")
    page = client.get("/console/competitions/new")
    html = page.get_data(as_text=True)
    assert "椒江区建筑业协会" in html and "乱收费治理（4 题）" in html
    assert "全市会员" not in html
    form = competition_form(csrf_token(page), **{"draw_rules-0-category_id": str(category_id)})
    created = client.post("/console/competitions/new", data=form)
    assert created.status_code == 302, created.get_data(as_text=True)
    competition_id = int(created.headers["Location"].rsplit("/", 1)[1])
    competition = load(app, Competition, competition_id)
    assert competition.starts_at == datetime(2026, 5, 1, 1, 0, tzinfo=UTC)
    assert competition.ends_at == datetime(2026, 5, 31, 10, 0, tzinfo=UTC)
    assert (competition.time_limit_seconds, competition.attempts_allowed) == (900, 2)
    assert competition.draw_rules == [
        {"count": 3, "category_id": category_id, "type": "single", "difficulty": None}
    ]
    assert (competition.audience, competition.owner_district_code) == ("districts", "331002")

    edit = client.get(created.headers["Location"])
    html = edit.get_data(as_text=True)
    assert "竞赛已创建" in html and 'value="2026-05-01T09:00"' in html and 'value="15"' in html
    unchanged = client.post(f"/console/competitions/{competition_id}", data=posted(edit, "title"))
    assert "没有需要保存的修改" in client.get(unchanged.headers["Location"]).get_data(as_text=True)

    changed = posted(
        edit,
        "title",
        title="椒江区建筑业协会清廉知识竞赛",
        ends_at="2026-06-01T12:30",
        time_limit_minutes="1.5",
        audience="associations",
        association_ids=[str(association_id)],
        **{"draw_rules-1-count": "1", "draw_rules-1-type": "single"},
    )
    saved = client.post(f"/console/competitions/{competition_id}", data=changed)
    assert saved.status_code == 302, saved.get_data(as_text=True)
    competition = load(app, Competition, competition_id)
    assert competition.title == "椒江区建筑业协会清廉知识竞赛"
    assert competition.ends_at == datetime(2026, 6, 1, 4, 30, tzinfo=UTC)
    assert competition.time_limit_seconds == 90 and len(competition.draw_rules) == 2
    assert (competition.audience, competition.owner_association_id) == (
        "associations",
        association_id,
    )
    html = client.get(f"/console/competitions/{competition_id}").get_data(as_text=True)
    assert 'value="1.5"' in html and "已保存" in html


def test_competition_form_problems_are_shown(app, console):
    with app.app_context():
        QuestionFactory()
    client, _ = console()
    token = csrf_token(client.get("/console/competitions/new"))
    incomplete = client.post(
        "/console/competitions/new",
        data=competition_form(
            token,
            starts_at="",
            time_limit_minutes="500",
            **{"draw_rules-0-count": None, "draw_rules-1-difficulty": "2"},
        ),
    )
    html = incomplete.get_data(as_text=True)
    assert "请填写开始时间" in html and "答题时限须为 0.5 到 180 分钟" in html
    assert "第 2 条规则缺少题数" in html
    too_many = client.post(
        "/console/competitions/new", data=competition_form(token, points_per_question="0")
    )
    assert "须大于或等于 1" in too_many.get_data(as_text=True)
    short_bank = client.post("/console/competitions/new", data=competition_form(token))
    assert "题库中符合规则的启用题目只有 1 道，少于要抽的 3 道" in short_bank.get_data(as_text=True)
    backwards = client.post(
        "/console/competitions/new",
        data=competition_form(token, ends_at="2026-04-01T09:00", **{"draw_rules-0-count": "1"}),
    )
    assert "结束时间须晚于开始时间" in backwards.get_data(as_text=True)
    assert count(app, Competition) == 0


def test_limit_on_leaving_the_app_is_set_changed_and_cleared(app, console):
    with app.app_context():
        for _ in range(3):
            QuestionFactory(category=QuestionCategoryFactory())
    client, _ = console()
    page = client.get("/console/competitions/new")
    html = page.get_data(as_text=True)
    assert "切出次数上限" in html and "超过此次数，试卷即按已保存的答案自动交卷" in html
    token = csrf_token(page)
    refused = client.post("/console/competitions/new", data=competition_form(token, max_leaves="0"))
    assert "须大于或等于 1" in refused.get_data(as_text=True)
    assert count(app, Competition) == 0
    created = client.post("/console/competitions/new", data=competition_form(token, max_leaves="3"))
    assert created.status_code == 302, created.get_data(as_text=True)
    competition_id = int(created.headers["Location"].rsplit("/", 1)[1])
    assert load(app, Competition, competition_id).max_leaves == 3

    edit = client.get(created.headers["Location"])
    assert posted(edit, "max_leaves")["max_leaves"] == "3"
    changed = client.post(
        f"/console/competitions/{competition_id}", data=posted(edit, "max_leaves", max_leaves="1")
    )
    assert changed.status_code == 302
    assert load(app, Competition, competition_id).max_leaves == 1
    edit = client.get(f"/console/competitions/{competition_id}")
    cleared = client.post(
        f"/console/competitions/{competition_id}", data=posted(edit, "max_leaves", max_leaves="")
    )
    assert cleared.status_code == 302
    assert load(app, Competition, competition_id).max_leaves is None


def test_started_competition_keeps_its_rules(app, console):
    with app.app_context():
        competition = in_district()
        put_entry(competition, MemberFactory(nickname="张三").id, 40, 1234, 60)
        competition_id = competition.id
    client, _ = console("district_admin", district_code="331002")
    edit = client.get(f"/console/competitions/{competition_id}")
    retitled = posted(edit, "title", title="改过标题的竞赛")
    assert client.post(f"/console/competitions/{competition_id}", data=retitled).status_code == 302
    assert load(app, Competition, competition_id).title == "改过标题的竞赛"

    rescored = posted(edit, "title", points_per_question="20")
    refused = client.post(f"/console/competitions/{competition_id}", data=rescored)
    html = refused.get_data(as_text=True)
    assert "竞赛已有人作答，只能修改标题、说明或延长结束时间" in html
    assert "已有人作答，不能修改" in html
    assert load(app, Competition, competition_id).points_per_question == 10

    token = csrf_token(edit)
    kept = client.post(f"/console/competitions/{competition_id}/delete", data={"csrf_token": token})
    assert kept.headers["Location"] == f"/console/competitions/{competition_id}"
    assert "竞赛已有人作答，不能删除" in client.get(kept.headers["Location"]).get_data(as_text=True)


def test_unattempted_competition_is_deleted_after_confirmation(app, console):
    with app.app_context():
        competition_id = CompetitionFactory(title="无人参加的竞赛").id
    client, _ = console()
    confirm = client.get(f"/console/competitions/{competition_id}/delete")
    assert "无人参加的竞赛" in confirm.get_data(as_text=True)
    assert load(app, Competition, competition_id) is not None
    deleted = client.post(
        f"/console/competitions/{competition_id}/delete", data={"csrf_token": csrf_token(confirm)}
    )
    assert deleted.headers["Location"] == "/console/competitions"
    assert "已删除竞赛“无人参加的竞赛”" in client.get("/console/competitions").get_data(
        as_text=True
    )
    assert load(app, Competition, competition_id) is None


def test_results_by_member_association_and_district_and_export(app, console):
    with app.app_context():
        jiaojiang = AssociationFactory(name="椒江区建筑业协会")
        competition = in_district()
        competition_id = competition.id
        put_entry(competition, MemberFactory(nickname="张三").id, 40, 1234, 60, jiaojiang)
        put_entry(competition, MemberFactory(nickname="李四").id, 50, 2000, 90, jiaojiang)
    client, _ = console("reviewer")
    members = client.get(f"/console/competitions/{competition_id}/results")
    html = members.get_data(as_text=True)
    assert html.index("李四") < html.index("张三")
    assert "<td>1</td><td>李四</td><td>50</td><td>200.0 秒</td><td>0</td><td>0.0</td>" in html
    associations = client.get(f"/console/competitions/{competition_id}/results?by=association")
    html = associations.get_data(as_text=True)
    assert "椒江区建筑业协会" in html and "<td>45.00</td>" in html
    districts = client.get(f"/console/competitions/{competition_id}/results?by=district")
    assert "椒江区" in districts.get_data(as_text=True)
    export = client.get(f"/console/competitions/{competition_id}/results/export")
    assert export.status_code == 200 and export.mimetype.endswith("spreadsheetml.sheet")
    rows = list(load_workbook(io.BytesIO(export.data))["成绩"].iter_rows(values_only=True))
    assert [row[1] for row in rows[2:]] == ["李四", "张三"]


def test_results_show_how_often_and_how_long_each_best_attempt_left_the_app(app, console):
    with app.app_context():
        competition = in_district()
        competition.max_leaves = 3
        competition_id = competition.id
        entry = put_entry(competition, MemberFactory(nickname="王五").id, 30, 900, 60)
        db.session.execute(
            update(Attempt)
            .where(Attempt.id == entry.attempt_id)
            .values(leave_count=2, leave_ms=12345)
        )
        db.session.commit()
    client, _ = console("district_admin", district_code="331002")
    html = client.get(f"/console/competitions/{competition_id}/results").get_data(as_text=True)
    assert "<th>切出次数</th><th>切出时长（秒）</th>" in html
    assert "<td>王五</td><td>30</td><td>90.0 秒</td><td>2</td><td>12.3</td>" in html
    assert "超过 3 次即自动交卷" in html
    export = client.get(f"/console/competitions/{competition_id}/results/export")
    rows = list(load_workbook(io.BytesIO(export.data))["成绩"].iter_rows(values_only=True))
    assert rows[2][8:] == (2, 12.345)


def test_competition_list_shows_status_and_audience(app, console):
    now = utcnow()
    with app.app_context():
        CompetitionFactory(title="进行中的竞赛")
        CompetitionFactory(
            title="未开始的竞赛", starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=2)
        )
        CompetitionFactory(
            title="已结束的竞赛",
            districts=["331002", "331003"],
            starts_at=now - timedelta(days=2),
            ends_at=now - timedelta(days=1),
        )
    client, _ = console()
    html = client.get("/console/competitions").get_data(as_text=True)
    for title, status in (
        ("进行中的竞赛", "进行中"),
        ("未开始的竞赛", "未开始"),
        ("已结束的竞赛", "已结束"),
    ):
        row = html[html.index(title) :].split("</tr>")[0]
        assert status in row, title
    assert "椒江区、黄岩区" in html and "全市" in html
