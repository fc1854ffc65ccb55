"""Statistics: figures officials are judged by, computed right and scoped."""

import io
from datetime import date, timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from backend.app.common.time import shanghai_today
from backend.app.extensions import db
from backend.app.quizzes.models import Attempt, CompetitionEntry
from backend.app.reports.models import Report
from backend.app.sites.models import CheckIn

from ..factories import (
    AssociationFactory,
    CompetitionFactory,
    MemberFactory,
    ReportFactory,
    SiteFactory,
)


def _stats(client, headers, **params):
    response = client.get("/api/v1/admin/stats", query_string=params, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_report_rates_and_medians(client, app, admin_login):
    monday = date(2026, 11, 2)
    with app.app_context():
        association = AssociationFactory(district="331002")
        # Accepted on time (2 working days), resolved 3 working days later, closed, satisfied.
        first, _ = ReportFactory(association=association, status="closed")
        first.submitted_on, first.accept_due_on = monday, monday + timedelta(days=21)
        first.accepted_on, first.resolved_on = date(2026, 11, 4), date(2026, 11, 9)
        first.rating = "satisfied"
        # Accepted late (after its due date), resolved, rated 不满意 but not reopened.
        second, _ = ReportFactory(association=association, status="resolved")
        second.submitted_on, second.accept_due_on = monday, date(2026, 11, 3)
        second.accepted_on, second.resolved_on = date(2026, 11, 6), date(2026, 11, 10)
        second.rating = "dissatisfied"
        # Still waiting past its acceptance deadline: counts against timeliness and as overdue.
        third, _ = ReportFactory(association=association)
        third.submitted_on, third.accept_due_on = monday, shanghai_today() - timedelta(days=1)
        # Elsewhere: outside a 椒江 admin's scope.
        ReportFactory(association=AssociationFactory(district="331003"))
        db.session.commit()
    headers, _ = admin_login("district_admin", district_code="331002")
    reports = _stats(client, headers)["reports"]
    assert reports["total"] == 3
    assert reports["rates"] == {
        "accepted_on_time": 33.3,  # 1 on time of 2 decided + 1 overdue undecided
        "resolved": 100.0,  # both accepted ones resolved
        "closed": 50.0,  # 1 closed of 2 resolved
        "satisfied": 50.0,  # 1 of 2 ratings
    }
    assert reports["median_workdays_to_accept"] == 3  # 2 and 4 working days
    assert reports["median_workdays_to_resolve"] == 2.5  # 3 and 2 working days
    assert reports["overdue"] == 1
    assert {row["key"]: row["count"] for row in reports["by_status"]} == {
        "closed": 1,
        "resolved": 1,
        "submitted": 1,
    }
    assert reports["by_district"] == [{"key": "331002", "label": "椒江区", "count": 3}]


def test_competition_participation_by_district_and_association(client, app, admin_login):
    with app.app_context():
        shoes = AssociationFactory(name="温岭市鞋业行业协会", district="331081")
        pumps = AssociationFactory(name="温岭市泵业行业协会", district="331081")
        members = [MemberFactory(association_id=shoes.id) for _ in range(4)]
        members += [MemberFactory(association_id=pumps.id) for _ in range(2)]
        competition = CompetitionFactory()
        for member, score in ((members[0], 80), (members[1], 60), (members[4], 90)):
            attempt = Attempt(
                member_id=member.id,
                competition_id=competition.id,
                kind="competition",
                number=1,
                points_per_question=10,
                question_count=10,
                status="finished",
            )
            db.session.add(attempt)
            db.session.flush()
            db.session.add(
                CompetitionEntry(
                    competition_id=competition.id,
                    member_id=member.id,
                    attempt_id=attempt.id,
                    association_id=member.association_id,
                    district_code="331081",
                    score=score,
                    time_used_ds=100,
                    finish_s=10,
                )
            )
        db.session.commit()
        competition_id = competition.id
    headers, _ = admin_login("city_admin")
    contest = _stats(client, headers, competition_id=competition_id)["competitions"]
    wenling = next(row for row in contest["by_district"] if row["code"] == "331081")
    assert (wenling["registered"], wenling["participants"]) == (6, 3)
    assert wenling["participation_rate"] == 50.0
    assert wenling["average_score"] == 76.7
    by_name = {row["name"]: row for row in contest["by_association"]}
    assert by_name["温岭市鞋业行业协会"]["participation_rate"] == 50.0
    assert by_name["温岭市鞋业行业协会"]["average_score"] == 70.0
    assert by_name["温岭市泵业行业协会"]["participation_rate"] == 50.0


def test_checkins_by_site_and_officer_scope(client, app, admin_login):
    with app.app_context():
        host = AssociationFactory(district="331002")
        hosted = SiteFactory(name="商会微地标", association_id=host.id)
        other = SiteFactory(name="清廉大厅")
        member = MemberFactory()
        for day in range(3):
            db.session.add(
                CheckIn(
                    member_id=member.id,
                    site_id=hosted.id,
                    day=date(2026, 11, 1) + timedelta(days=day),
                )
            )
        db.session.add(CheckIn(member_id=member.id, site_id=other.id, day=date(2026, 11, 1)))
        ReportFactory(association=host)
        db.session.commit()
        host_id = host.id
    city, _ = admin_login("city_admin")
    assert [(r["name"], r["checkins"]) for r in _stats(client, city)["checkins"]] == [
        ("商会微地标", 3),
        ("清廉大厅", 1),
    ]
    officer, _ = admin_login("association_officer", association_id=host_id)
    mine = _stats(client, officer)
    assert [r["name"] for r in mine["checkins"]] == ["商会微地标"]
    # An officer never sees anything about reports, not even counts.
    assert mine["reports"] is None
    assert mine["directory"]["associations"] == 1


def test_export_is_an_audited_workbook(client, app, admin_login):
    with app.app_context():
        ReportFactory(association=AssociationFactory(district="331002"))
    headers, _ = admin_login("district_admin", district_code="331002")
    response = client.get("/api/v1/admin/stats/export", headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    workbook = load_workbook(io.BytesIO(response.data))
    assert "问题反映-指标" in workbook.sheetnames
    rows = list(workbook["问题反映-指标"].values)
    assert rows[1] == ("问题反映总数", 1)
    audit = client.get("/api/v1/admin/audit?action=stats.export", headers=headers).json
    assert audit["total"] == 1
    with app.app_context():
        assert db.session.scalar(select(Report.district_code)) == "331002"
