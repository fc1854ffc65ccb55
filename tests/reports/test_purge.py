"""flask reports purge: finished reports lose text and images after the retention period."""

from datetime import timedelta

from sqlalchemy import select

from backend.app.common.time import shanghai_today
from backend.app.extensions import db
from backend.app.reports import services
from backend.app.reports.models import Attachment, Report, ReportMessage
from backend.app.reports.uploads import upload_dir

from ..factories import AdminFactory, MemberFactory, ReportFactory


def _with_image_and_message(client, upload, receipt):
    upload_id = upload().json["upload_id"]
    response = client.post(
        "/api/v1/reports/track/messages",
        json={"receipt": receipt, "body": "附上收费凭证照片", "upload_ids": [upload_id]},
    )
    assert response.status_code == 201


def _finish(public_id, status, days_ago):
    report = db.session.scalar(select(Report).where(Report.public_id == public_id))
    for step in {"closed": ("resolved", "closed"), "rejected": ("rejected",)}[status]:
        services.change_status(report, step)
    report.finished_on = shanghai_today() - timedelta(days=days_ago)
    db.session.commit()


def test_purge_keeps_the_statistics_row_and_drops_the_rest(app, client, upload):
    with app.app_context():
        old, old_receipt = ReportFactory(status="in_progress", member=MemberFactory())
        recent, recent_receipt = ReportFactory(status="in_progress")
        open_, _ = ReportFactory(status="in_progress")
        rejected, _ = ReportFactory()
        services.add_message(old, "staff", "内部备注", admin=AdminFactory(), internal=True)
        db.session.commit()
        ids = old.public_id, recent.public_id, open_.public_id, rejected.public_id
    _with_image_and_message(client, upload, old_receipt)
    _with_image_and_message(client, upload, recent_receipt)
    with app.app_context():
        _finish(ids[0], "closed", days_ago=366)
        _finish(ids[1], "closed", days_ago=10)
        _finish(ids[3], "rejected", days_ago=400)
        open_report = db.session.scalar(select(Report).where(Report.public_id == ids[2]))
        open_report.submitted_on -= timedelta(days=800)
        db.session.commit()
        kept_file = db.session.scalar(
            select(Attachment.file_name).join(Report).where(Report.public_id == ids[1])
        )

    result = app.test_cli_runner().invoke(args=["reports", "purge"])
    assert result.exit_code == 0, result.output
    assert "reports: 2 purged" in result.output

    with app.app_context():
        reports = {r.public_id: r for r in db.session.scalars(select(Report)).unique().all()}
        purged = reports[ids[0]]
        assert (purged.title, purged.body) == (None, None)
        assert (purged.reporter_name, purged.reporter_phone) == (None, None)
        assert purged.purged_on == shanghai_today()
        # The statistics row stays: category, place, association, status, dates.
        assert purged.status == "closed" and purged.category == "fee_forced_membership"
        assert purged.district_code and purged.association_id and purged.submitted_on
        assert reports[ids[3]].body is None
        for public_id in (ids[1], ids[2]):
            assert reports[public_id].body is not None and reports[public_id].purged_on is None
        remaining_messages = db.session.scalars(select(ReportMessage.report_id)).all()
        assert set(remaining_messages) == {reports[ids[1]].id}
        assert db.session.scalars(select(Attachment.file_name)).all() == [kept_file]
        assert [path.name for path in upload_dir().iterdir()] == [kept_file]

    tracked = client.post("/api/v1/reports/track", json={"receipt": old_receipt}).json
    assert tracked["status"] == "closed" and tracked["purged"] is True
    assert tracked["messages"] == []
    again = app.test_cli_runner().invoke(args=["reports", "purge"])
    assert "reports: 0 purged" in again.output


def test_the_retention_period_is_a_setting(app):
    with app.app_context():
        report, _ = ReportFactory()
        _finish(report.public_id, "rejected", days_ago=31)
    app.config["REPORT_RETENTION_DAYS"] = 30
    result = app.test_cli_runner().invoke(args=["reports", "purge"])
    assert "reports: 1 purged" in result.output
