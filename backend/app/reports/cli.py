"""flask reports purge / purge-uploads / hash-cost / remind."""

import statistics
import time

import click
from flask import current_app
from flask.cli import AppGroup

from ..moderation.reminders import due_reports
from .ids import new_receipt
from .receipts import receipt_hash
from .retention import purge_finished_reports
from .uploads import purge_expired_uploads, purge_orphan_files

reports_cli = AppGroup("reports", help="Problem reports: retention and upload clean-up.")


def _purge_uploads():
    expired = purge_expired_uploads()
    orphans = purge_orphan_files()
    click.echo(f"uploads: {expired} expired and {orphans} orphaned files deleted")


@reports_cli.command("purge")
def purge_command():
    """Drop text and images of reports finished longer ago than REPORT_RETENTION_DAYS."""
    count = purge_finished_reports()
    click.echo(f"reports: {count} purged (text and images deleted, statistics kept)")
    _purge_uploads()


@reports_cli.command("purge-uploads")
def purge_uploads_command():
    """Delete uploads not attached within REPORT_UPLOAD_TTL (run it every few minutes)."""
    _purge_uploads()


@reports_cli.command("hash-cost")
@click.option("--rounds", default=20, show_default=True, type=click.IntRange(1, 1000))
def hash_cost_command(rounds):
    """Time one receipt hash (paid by every submission and lookup) with the current settings."""
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        receipt_hash(new_receipt())
        timings.append(time.perf_counter() - start)
    config = current_app.config
    click.echo(
        f"receipt hash: Argon2id, time cost {config['RECEIPT_ARGON2_TIME_COST']}, "
        f"{config['RECEIPT_ARGON2_MEMORY_COST']} KiB, "
        f"{config['RECEIPT_ARGON2_PARALLELISM']} lane(s): "
        f"median {statistics.median(timings) * 1000:.1f} ms over {rounds} rounds"
    )


@reports_cli.command("remind")
def remind_command():
    """Print, per district, overdue reports and those due by the next working day (run daily)."""
    summary = due_reports()
    if not summary:
        click.echo("no report is overdue or due by the next working day")
    for district, lists in summary.items():
        click.echo(f"{district}: {len(lists['overdue'])} 件逾期，{len(lists['due'])} 件即将到期")
        for kind, label in (("overdue", "逾期"), ("due", "即将到期")):
            for item in lists[kind]:
                who = item["assigned"] or "未分派"
                click.echo(
                    f"  {item['public_id']}  {item['status']}  期限 {item['due_on']:%Y-%m-%d}"
                    f"（{label}）  承办：{who}"
                )
