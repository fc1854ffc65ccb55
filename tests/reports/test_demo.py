"""Demo reports: added once, in several statuses, their receipts working."""

from sqlalchemy import func, select

from backend.app.associations import demo as associations_demo
from backend.app.extensions import db
from backend.app.members.models import Member
from backend.app.reports import demo
from backend.app.reports.models import Report


def test_demo_reports_are_added_once_and_can_be_tracked(app, client):
    with app.app_context():
        associations_demo.seed()
        created = list(demo.seed())
        assert list(demo.seed()) == []
        assert db.session.scalar(select(func.count()).select_from(Report)) == len(created) == 5
        assert {status for _, status, _ in created} >= {"submitted", "resolved", "rejected"}
        owners = db.session.scalars(
            select(Member.openid).join(Report, Report.member_id == Member.id)
        ).all()
        assert len(owners) == 2 and set(owners) == {demo.DEMO_OPENID}
    public_id, status, receipt = created[3]
    tracked = client.post("/api/v1/reports/track", json={"receipt": receipt}).get_json()
    assert (tracked["public_id"], tracked["status"]) == (public_id, status)
    assert tracked["messages"][0]["author"] == "staff"
