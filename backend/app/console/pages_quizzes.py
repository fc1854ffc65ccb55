"""Console pages for the question bank (with the .xlsx import and export) and competitions."""

from flask import current_app, flash, g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from ..associations import services as association_services
from ..common.roles import Role, district_scope
from ..common.spreadsheets import xlsx_response
from ..common.time import SHANGHAI, shanghai_today
from ..errors import ApiError, NotFound
from ..quizzes import competitions as competition_services
from ..quizzes import leaderboards, spreadsheets
from ..quizzes import questions as question_services
from ..quizzes.leaderboards import BOARDS
from ..quizzes.models import TYPE_LABELS, Audience
from ..quizzes.questions import LETTERS
from ..quizzes.schemas import (
    CompetitionInputSchema,
    QuestionCategoryInputSchema,
    QuestionCategoryPatchSchema,
    QuestionInputSchema,
    QuestionPatchSchema,
)
from ..quizzes.scopes import COMPETITION_EDITORS, QUESTION_EDITORS, QUESTION_READERS
from ..quizzes.spreadsheets import DIFFICULTY_LABELS
from .blueprint import blp, login_required
from .forms import ActionForm, choices
from .forms_quizzes import (
    DRAW_RULE_ROWS,
    CategoryForm,
    CompetitionForm,
    QuestionForm,
    messages_of,
)
from .forms_sites import ImportForm

PAGE_SIZE = 20
BOARD_PAGE_SIZE = 50
# Enough for every association of the city (Taizhou has about 545) in one menu.
ASSOCIATION_CHOICES_MAX = 2000
STATUS_LABELS = {"upcoming": "未开始", "open": "进行中", "closed": "已结束"}
BOARD_LABELS = {"member": "个人", "association": "协会", "district": "区县"}
QUESTION_FIELDS = tuple(QuestionInputSchema().fields)
COMPARED_AS_IS = (
    "title",
    "description",
    "time_limit_seconds",
    "attempts_allowed",
    "points_per_question",
    "max_leaves",
    "draw_rules",
)
AUDIENCE_FIELDS = ("audience", "districts", "association_ids")


@blp.app_template_filter("question_type_label")
def question_type_label(kind):
    """A question type in Chinese."""
    return TYPE_LABELS.get(kind, kind)


@blp.app_template_filter("difficulty_label")
def difficulty_label(level):
    """A difficulty level in Chinese."""
    return DIFFICULTY_LABELS.get(level, level)


@blp.app_template_filter("duration")
def duration(seconds):
    """A time limit in Chinese: "20 分钟", "1 分 30 秒"."""
    minutes, rest = divmod(seconds, 60)
    if not rest:
        return f"{minutes} 分钟"
    return f"{minutes} 分 {rest} 秒" if minutes else f"{rest} 秒"


@blp.app_template_filter("seconds_label")
def seconds_label(milliseconds):
    """Time used, in seconds to a tenth."""
    return f"{milliseconds / 1000:.1f} 秒"


def _page():
    return max(request.args.get("page", 1, type=int), 1)


def _show_errors(form, problems, headline):
    """Messages on the fields they concern, and the headline with the rest at the top."""
    unplaced = form.add_schema_errors(problems)
    flash("；".join([headline, *(m for m in unplaced if m != headline)]), "error")


def _refused(form, failure):
    """A service's refusal shown on the form."""
    _show_errors(form, failure.errors, failure.message)


def _act(action, success):
    """Run a service from a button and flash the outcome; True when it went through."""
    try:
        action()
    except NotFound:
        raise
    except ApiError as failure:
        flash("；".join(messages_of(failure.errors)) or failure.message, "error")
        return False
    flash(success)
    return True


# Questions


def _category_choices():
    categories = question_services.list_categories()
    return choices((str(c.id), c.name) for c in categories)


def _question_filters():
    """The list's filters from the query string; unknown values are dropped."""
    args = request.args
    difficulty = args.get("difficulty", type=int)
    return {
        "category_id": args.get("category_id", type=int),
        "type": args.get("type") if args.get("type") in TYPE_LABELS else None,
        "difficulty": difficulty if difficulty in DIFFICULTY_LABELS else None,
        "enabled": args.get("enabled") if args.get("enabled") in ("yes", "no") else None,
        "q": (args.get("q") or "").strip()[:50] or None,
    }


def _search(filters):
    """The list's filters as the questions service takes them."""
    enabled = None if filters["enabled"] is None else filters["enabled"] == "yes"
    return {**filters, "enabled": enabled}


def _question_current(question):
    """The question's values in the shape the schema loads."""
    return {name: getattr(question, name) for name in QUESTION_FIELDS}


def _question_initial(question):
    """The form's values for an existing question."""
    values = _question_current(question)
    values.update(
        category_id=str(question.category_id),
        difficulty=str(question.difficulty),
        options=[*question.options, *[""] * (len(LETTERS) - len(question.options))],
        reference=question.reference or "",
    )
    return values


def _render_question(form, question):
    return render_template(
        "console/question_form.html",
        form=form,
        question=question,
        editor=g.admin.role in QUESTION_EDITORS,
        letters=LETTERS,
    )


@blp.get("/questions")
@login_required(*QUESTION_READERS)
def questions():
    """The question bank, filtered by category, type, difficulty, status and text."""
    filters = _question_filters()
    listing = question_services.list_questions(
        g.admin, page=_page(), page_size=PAGE_SIZE, **_search(filters)
    )
    return render_template(
        "console/questions.html",
        listing=listing,
        filters=filters,
        categories=question_services.list_categories(),
        editor=g.admin.role in QUESTION_EDITORS,
    )


@blp.get("/questions/export")
@login_required(*QUESTION_READERS)
def questions_export():
    """The filtered questions as .xlsx, in the import layout."""
    statement = question_services.search_questions(**_search(_question_filters()))
    return xlsx_response(
        spreadsheets.export_questions(statement), f"题库导出-{shanghai_today():%Y%m%d}"
    )


@blp.route("/questions/new", methods=["GET", "POST"])
@login_required(*QUESTION_EDITORS)
def question_new():
    """Add a question."""
    form = QuestionForm()
    form.category_id.choices = _category_choices()
    if form.validate_on_submit():
        payload = form.payload()
        if not payload["fixed_order"]:
            # Unticked: the service keeps the written order when an option refers to the others.
            del payload["fixed_order"]
        try:
            created = question_services.create_question(
                g.admin, QuestionInputSchema().load(payload)
            )
        except ValidationError as error:
            _show_errors(form, error.messages, "请修改标出的内容")
        except ApiError as failure:
            _refused(form, failure)
        else:
            flash("题目已创建")
            return redirect(url_for("console.question", question_id=created.id))
    return _render_question(form, None)


@blp.get("/questions/<int:question_id>")
@login_required(*QUESTION_READERS)
def question(question_id):
    """A question with its key (editable for those who edit the bank)."""
    found = question_services.get_question(g.admin, question_id)
    form = QuestionForm(data=_question_initial(found))
    form.category_id.choices = _category_choices()
    return _render_question(form, found)


@blp.post("/questions/<int:question_id>")
@login_required(*QUESTION_EDITORS)
def question_save(question_id):
    """Save a question; only what changed is sent to the service."""
    found = question_services.get_question(g.admin, question_id)
    form = QuestionForm()
    form.category_id.choices = _category_choices()
    if not form.validate_on_submit():
        return _render_question(form, found)
    try:
        data = QuestionPatchSchema().load(form.payload())
    except ValidationError as error:
        _show_errors(form, error.messages, "请修改标出的内容")
        return _render_question(form, found)
    current = _question_current(found)
    changes = {key: value for key, value in data.items() if current[key] != value}
    if not changes:
        flash("没有需要保存的修改")
        return redirect(url_for("console.question", question_id=question_id))
    try:
        question_services.update_question(g.admin, question_id, changes)
    except ApiError as failure:
        _refused(form, failure)
        return _render_question(form, found)
    flash("已保存")
    return redirect(url_for("console.question", question_id=question_id))


@blp.route("/questions/<int:question_id>/delete", methods=["GET", "POST"])
@login_required(*QUESTION_EDITORS)
def question_delete(question_id):
    """Confirm, then delete a question (attempts keep their copy of it)."""
    found = question_services.get_question(g.admin, question_id)
    back = url_for("console.question", question_id=question_id)
    form = ActionForm()
    if form.validate_on_submit():
        if _act(lambda: question_services.delete_question(g.admin, question_id), "题目已删除"):
            return redirect(url_for("console.questions"))
        return redirect(back)
    return render_template(
        "console/quiz_delete.html", kind="question", target=found, form=form, back=back
    )


@blp.get("/questions/categories")
@login_required(*QUESTION_READERS)
def question_categories():
    """Categories with their enabled questions; editors add, rename and delete them."""
    categories = question_services.list_categories()
    forms = {c.id: CategoryForm(prefix=f"c{c.id}", obj=c) for c in categories}
    return render_template(
        "console/question_categories.html",
        categories=categories,
        forms=forms,
        new_form=CategoryForm(prefix="new"),
        action_form=ActionForm(),
        editor=g.admin.role in QUESTION_EDITORS,
    )


def _save_category(form, schema, save, success):
    """Check a category form with the API's schema, run the service, back to the list."""
    try:
        data = schema().load(form.payload())
    except ValidationError as error:
        flash(
            "；".join(
                f"{form[name].label.text if name in form else name}：{message}"
                for name, problems in error.messages.items()
                for message in messages_of(problems)
            ),
            "error",
        )
    else:
        _act(lambda: save(data), success)
    return redirect(url_for("console.question_categories"))


@blp.post("/questions/categories")
@login_required(*QUESTION_EDITORS)
def question_category_add():
    """Add a category."""
    form = CategoryForm(prefix="new")
    return _save_category(
        form,
        QuestionCategoryInputSchema,
        lambda data: question_services.create_category(g.admin, data),
        f"已添加分类“{(form.name.data or '').strip()}”",
    )


@blp.post("/questions/categories/<int:category_id>")
@login_required(*QUESTION_EDITORS)
def question_category_save(category_id):
    """Rename, describe or reorder a category."""
    question_services.get_category(category_id)
    return _save_category(
        CategoryForm(prefix=f"c{category_id}"),
        QuestionCategoryPatchSchema,
        lambda data: question_services.update_category(g.admin, category_id, data),
        "分类已保存",
    )


@blp.post("/questions/categories/<int:category_id>/delete")
@login_required(*QUESTION_EDITORS)
def question_category_delete(category_id):
    """Delete an empty category no competition draws from."""
    found = question_services.get_category(category_id)
    _act(
        lambda: question_services.delete_category(g.admin, category_id),
        f"已删除分类“{found.name}”",
    )
    return redirect(url_for("console.question_categories"))


@blp.route("/questions/import", methods=["GET", "POST"])
@login_required(*QUESTION_EDITORS)
def questions_import():
    """Import questions from .xlsx: a dry run lists every bad row; an import stores all or none."""
    form = ImportForm()
    report = refused = None
    if form.validate_on_submit():
        dry_run = not form.store.data
        try:
            report = spreadsheets.import_questions(
                form.file.data.read(), dry_run=dry_run, admin=g.admin
            )
        except ApiError as failure:
            refused = [
                (key.removeprefix("row "), messages)
                for key, messages in failure.errors.items()
                if key.startswith("row ")
            ]
            details = "；".join(messages_of(failure.errors))
            flash(failure.message if refused else details or failure.message, "error")
        else:
            if not dry_run:
                flash(_imported(report))
                return redirect(url_for("console.questions"))
    return render_template(
        "console/question_import.html",
        form=form,
        report=report,
        refused=refused,
        max_mb=current_app.config["QUIZ_IMPORT_MAX_BYTES"] // (1024 * 1024),
        max_rows=spreadsheets.MAX_ROWS,
    )


def _imported(report):
    """What an import did, in one sentence."""
    parts = [f"已导入 {report['created']} 道题目"]
    if report["skipped"]:
        parts.append(f"跳过题库中已有的 {len(report['skipped'])} 道")
    if report["new_categories"]:
        parts.append(f"新建分类：{'、'.join(report['new_categories'])}")
    return "，".join(parts)


@blp.get("/questions/import/template")
@login_required(*QUESTION_EDITORS)
def questions_import_template():
    """The .xlsx template, with a sheet explaining each column."""
    return xlsx_response(spreadsheets.template(), "题目导入模板")


# Competitions


def _audiences():
    """The audiences this admin may choose (reviewers only read, so see them all)."""
    if g.admin.role == Role.ASSOCIATION_OFFICER:
        return (Audience.ASSOCIATIONS,)
    if g.admin.role == Role.DISTRICT_ADMIN:
        return (Audience.DISTRICTS, Audience.ASSOCIATIONS)
    return tuple(Audience)


def _district_names():
    return {d.code: d.name for d in association_services.list_districts()}


def _set_competition_choices(form):
    scope = district_scope(g.admin)
    districts = [
        (code, name) for code, name in _district_names().items() if scope is None or code == scope
    ]
    listing = association_services.admin_list(g.admin, page=1, page_size=ASSOCIATION_CHOICES_MAX)
    associations = [
        (str(a.id), f"{a.name}（{a.district.name}）{'' if a.enabled else '（已停用）'}")
        for a in listing["items"]
    ]
    form.set_choices(question_services.list_categories(), districts, associations, _audiences())


def _competition_current(competition):
    """The competition's values in the shape the schema loads."""
    return {
        "title": competition.title,
        "description": competition.description,
        "starts_at": competition.starts_at,
        "ends_at": competition.ends_at,
        "time_limit_seconds": competition.time_limit_seconds,
        "attempts_allowed": competition.attempts_allowed,
        "points_per_question": competition.points_per_question,
        "max_leaves": competition.max_leaves,
        "draw_rules": competition.draw_rules,
        "audience": competition.audience,
        "districts": competition.district_codes,
        "association_ids": competition.association_ids,
    }


def _text(value):
    return "" if value is None else str(value)


def _competition_initial(competition):
    """The form's values for an existing competition, with spare blank draw rule rows."""
    seconds = competition.time_limit_seconds
    rules = [{key: _text(value) for key, value in rule.items()} for rule in competition.draw_rules]
    spare = max(DRAW_RULE_ROWS - len(rules), 2)
    return {
        **_competition_current(competition),
        "time_limit_minutes": seconds // 60 if seconds % 60 == 0 else seconds / 60,
        "attempts_allowed": str(competition.attempts_allowed),
        "points_per_question": str(competition.points_per_question),
        "max_leaves": _text(competition.max_leaves),
        "draw_rules": [*rules, *[{}] * spare][:20],
        "association_ids": [str(i) for i in competition.association_ids],
    }


def _minute(moment):
    """A time to the minute, as the page's inputs show it."""
    return moment.astimezone(SHANGHAI).replace(second=0, microsecond=0)


def _competition_changes(competition, data):
    """What the form changes; an untouched input (shown to the minute) is not a change."""
    current = _competition_current(competition)
    changes = {key: data[key] for key in COMPARED_AS_IS if data[key] != current[key]}
    for key in ("starts_at", "ends_at"):
        if _minute(data[key]) != _minute(current[key]):
            changes[key] = data[key]
    if any(data[key] != current[key] for key in AUDIENCE_FIELDS):
        changes.update((key, data[key]) for key in AUDIENCE_FIELDS)
    return changes


def _render_competition(form, competition):
    return render_template(
        "console/competition_form.html",
        form=form,
        competition=competition,
        editor=g.admin.role in COMPETITION_EDITORS,
        status_labels=STATUS_LABELS,
    )


def _load_competition(form):
    """The form loaded by the API's schema, or None after showing its messages."""
    try:
        return CompetitionInputSchema().load(form.payload())
    except ValidationError as error:
        _show_errors(form, error.messages, "请修改标出的内容")
        return None


@blp.get("/competitions")
@login_required()
def competitions():
    """Competitions within my scope, newest first, with their status."""
    listing = competition_services.list_admin_competitions(
        g.admin, page=_page(), page_size=PAGE_SIZE
    )
    return render_template(
        "console/competitions.html",
        listing=listing,
        status_labels=STATUS_LABELS,
        district_names=_district_names(),
        editor=g.admin.role in COMPETITION_EDITORS,
    )


@blp.route("/competitions/new", methods=["GET", "POST"])
@login_required(*COMPETITION_EDITORS)
def competition_new():
    """Set up a competition for an audience within my scope."""
    form = CompetitionForm()
    _set_competition_choices(form)
    if request.method == "GET":
        form.audience.data = _audiences()[0].value
        if district_scope(g.admin) is not None:
            form.districts.data = [district_scope(g.admin)]
        if g.admin.role == Role.ASSOCIATION_OFFICER:
            form.association_ids.data = [str(g.admin.association_id)]
    if form.validate_on_submit() and (data := _load_competition(form)) is not None:
        try:
            created = competition_services.create_competition(g.admin, data)
        except ApiError as failure:
            _refused(form, failure)
        else:
            flash("竞赛已创建")
            return redirect(url_for("console.competition", competition_id=created.id))
    return _render_competition(form, None)


@blp.get("/competitions/<int:competition_id>")
@login_required()
def competition(competition_id):
    """A competition: its settings (editable for those who run competitions) and links."""
    found = competition_services.get_admin_competition(g.admin, competition_id)
    form = CompetitionForm(data=_competition_initial(found))
    _set_competition_choices(form)
    return _render_competition(form, found)


@blp.post("/competitions/<int:competition_id>")
@login_required(*COMPETITION_EDITORS)
def competition_save(competition_id):
    """Save a competition; only what changed is sent, so a started one keeps its rules."""
    found = competition_services.get_admin_competition(g.admin, competition_id)
    form = CompetitionForm()
    _set_competition_choices(form)
    if not form.validate_on_submit() or (data := _load_competition(form)) is None:
        return _render_competition(form, found)
    changes = _competition_changes(found, data)
    if not changes:
        flash("没有需要保存的修改")
        return redirect(url_for("console.competition", competition_id=competition_id))
    try:
        competition_services.update_competition(g.admin, competition_id, changes)
    except ApiError as failure:
        _refused(form, failure)
        return _render_competition(form, found)
    flash("已保存")
    return redirect(url_for("console.competition", competition_id=competition_id))


@blp.route("/competitions/<int:competition_id>/delete", methods=["GET", "POST"])
@login_required(*COMPETITION_EDITORS)
def competition_delete(competition_id):
    """Confirm, then delete a competition nobody has attempted."""
    found = competition_services.get_admin_competition(g.admin, competition_id)
    back = url_for("console.competition", competition_id=competition_id)
    form = ActionForm()
    if form.validate_on_submit():
        done = _act(
            lambda: competition_services.delete_competition(g.admin, competition_id),
            f"已删除竞赛“{found.title}”",
        )
        return redirect(url_for("console.competitions") if done else back)
    return render_template(
        "console/quiz_delete.html", kind="competition", target=found, form=form, back=back
    )


@blp.get("/competitions/<int:competition_id>/results")
@login_required()
def competition_results(competition_id):
    """The leaderboard by member (with leaves of the app), association or district."""
    found = competition_services.get_admin_competition(g.admin, competition_id)
    by = request.args.get("by") if request.args.get("by") in BOARDS else "member"
    if by == "member":
        board = leaderboards.results_page(found.id, page=_page(), page_size=BOARD_PAGE_SIZE)
    else:
        board = leaderboards.board(found.id, by, page=_page(), page_size=BOARD_PAGE_SIZE)
    return render_template(
        "console/competition_results.html",
        competition=found,
        board=board,
        by=by,
        board_labels=BOARD_LABELS,
        status_labels=STATUS_LABELS,
    )


@blp.get("/competitions/<int:competition_id>/results/export")
@login_required()
def competition_results_export(competition_id):
    """Every participant's best attempt, ranked, as .xlsx."""
    found = competition_services.get_admin_competition(g.admin, competition_id)
    return xlsx_response(spreadsheets.export_results(found), f"竞赛成绩-{found.title}")
