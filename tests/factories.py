"""Test data builders; call them inside an app context."""

import itertools
from datetime import timedelta

from sqlalchemy import select

from backend.app.admins.services import create_admin
from backend.app.associations import uscc
from backend.app.associations.models import Association, FeeItem
from backend.app.common.time import utcnow
from backend.app.extensions import db
from backend.app.members.models import Member
from backend.app.quizzes.models import (
    Competition,
    CompetitionAssociation,
    CompetitionDistrict,
    Question,
    QuestionCategory,
)
from backend.app.reports import services as report_services
from backend.app.reports.categories import NOTICE_VERSION
from backend.app.reports.models import Report
from backend.app.sites.models import Site

_sequence = itertools.count(1)


def AssociationFactory(name=None, district="331002", kind="industry_association", **kwargs):
    """A committed association with a one-line fee schedule."""
    n = next(_sequence)
    association = Association(
        name=name or f"测试行业协会{n}",
        kind=kind,
        district_code=district,
        uscc=uscc.make("51", district, f"MJ{n:06d}"),
        fee_items=[FeeItem(name="会员单位会费", amount_fen=80000, unit="元/年", basis="测试")],
        **kwargs,
    )
    db.session.add(association)
    db.session.commit()
    return association


def MemberFactory(openid=None, **kwargs):
    """A committed member."""
    member = Member(openid=openid or f"fake-member{next(_sequence)}", **kwargs)
    db.session.add(member)
    db.session.commit()
    return member


def AdminFactory(role="city_admin", password="correct-horse-42", username=None, **kwargs):
    """A committed admin; district roles default to 椒江区, officers get a new association."""
    if role in ("district_admin", "reviewer"):
        kwargs.setdefault("district_code", "331002")
    if role == "association_officer" and "association_id" not in kwargs:
        kwargs["association_id"] = AssociationFactory().id
    return create_admin(
        username or f"admin{next(_sequence)}",
        password,
        role,
        kwargs.get("district_code"),
        kwargs.get("association_id"),
    )


# The staff steps that bring a new report to each status (reports/statuses.py).
REPORT_PATHS = {
    "submitted": (),
    "accepted": ("accepted",),
    "in_progress": ("accepted", "in_progress"),
    "resolved": ("accepted", "in_progress", "resolved"),
    "closed": ("accepted", "in_progress", "resolved", "closed"),
    "rejected": ("rejected",),
    "transferred": ("accepted", "transferred"),
    "merged": ("merged",),
}


def ReportFactory(status="submitted", member=None, association=None, **fields):
    """A committed report, anonymous unless a member is given, at status; (report, receipt)."""
    association = association or AssociationFactory()
    data = {
        "anonymous": member is None,
        "category": "fee_forced_membership",
        "district": association.district_code,
        "association_id": association.id,
        "title": "强制入会收取会费",
        "body": "协会要求我们必须入会才能参加行业展会，每年会费三千元，不入会就不能报名。",
        "upload_ids": [],
        "notice_version": NOTICE_VERSION,
    }
    if member is not None:
        data.update(reporter_name="张三", reporter_phone="13800138000")
    data.update(fields)
    answer, _ = report_services.submit(data, member)
    report = db.session.scalar(select(Report).where(Report.public_id == answer["public_id"]))
    for step in REPORT_PATHS[status]:
        report_services.change_status(report, step)
    db.session.commit()
    return report, answer["receipt"]


def SiteFactory(name=None, district="331002", lat=28.68, lng=121.44, **kwargs):
    """A committed, enabled site at (lat, lng) in GCJ-02, asking for a location to check in."""
    site = Site(
        name=name or f"测试阵地{next(_sequence)}",
        type=kwargs.pop("type", "hall"),
        district_code=district,
        address=kwargs.pop("address", "台州市测试路 1 号"),
        lat=lat,
        lng=lng,
        source_lat=lat,
        source_lng=lng,
        **kwargs,
    )
    db.session.add(site)
    db.session.commit()
    return site


def QuestionCategoryFactory(name=None, **kwargs):
    """A committed question category."""
    category = QuestionCategory(name=name or f"测试分类{next(_sequence)}", **kwargs)
    db.session.add(category)
    db.session.commit()
    return category


# Options and key of a question by type, when a test does not care about the wording.
QUESTION_SHAPES = {
    "single": (["选项甲", "选项乙", "选项丙", "选项丁"], "B"),
    "multiple": (["选项甲", "选项乙", "选项丙", "选项丁"], "AC"),
    "true_false": (["正确", "错误"], "A"),
}


def QuestionFactory(category=None, type="single", **kwargs):
    """A committed, enabled question; a new category unless one is given."""
    options, answer = QUESTION_SHAPES[type]
    question = Question(
        category_id=(category or QuestionCategoryFactory()).id,
        type=type,
        stem=kwargs.pop("stem", None) or f"测试题干{next(_sequence)}",
        options=kwargs.pop("options", options),
        answer=kwargs.pop("answer", answer),
        analysis=kwargs.pop("analysis", "测试解析"),
        difficulty=kwargs.pop("difficulty", 1),
        **kwargs,
    )
    db.session.add(question)
    db.session.commit()
    return question


def CompetitionFactory(draw_rules=None, districts=(), association_ids=(), **kwargs):
    """A committed competition, open from an hour ago for a day, drawing 5 questions."""
    now = utcnow()
    kwargs.setdefault("title", f"测试竞赛{next(_sequence)}")
    kwargs.setdefault("starts_at", now - timedelta(hours=1))
    kwargs.setdefault("ends_at", now + timedelta(days=1))
    kwargs.setdefault("time_limit_seconds", 600)
    kwargs.setdefault("points_per_question", 10)
    kwargs.setdefault(
        "audience", "districts" if districts else "associations" if association_ids else "all"
    )
    competition = Competition(
        draw_rules=draw_rules
        or [{"count": 5, "category_id": None, "type": None, "difficulty": None}],
        audience_districts=[CompetitionDistrict(district_code=code) for code in districts],
        audience_associations=[
            CompetitionAssociation(association_id=association_id)
            for association_id in association_ids
        ],
        **kwargs,
    )
    db.session.add(competition)
    db.session.commit()
    return competition
