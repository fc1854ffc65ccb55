"""flask quizzes import / finish-overdue / send-reminders / rebuild-leaderboards."""

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from ..errors import ApiError
from ..extensions import db, redis
from . import attempts, redis_boards, reminders, spreadsheets
from .models import Competition

quizzes_cli = AppGroup("quizzes", help="Question bank and competitions.")


def _explain(error):
    lines = [error.message]
    for field, messages in error.errors.items():
        lines.extend(f"  {field}: {message}" for message in messages)
    return "\n".join(lines)


@quizzes_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every row and store nothing.")
def import_command(path, dry_run):
    """Import questions from an .xlsx in the template's layout: all rows or none."""
    try:
        rows = spreadsheets.read_rows(path.read_bytes())
        steps = len(rows) * (1 if dry_run else 2)
        with click.progressbar(length=steps, label="题目", file=sys.stderr) as bar:
            report = spreadsheets.import_questions(
                None, dry_run=dry_run, progress=bar.update, rows=rows
            )
    except ApiError as error:
        raise click.ClickException(_explain(error)) from None
    for error in report["errors"]:
        click.echo(f"第 {error['row']} 行 {error['column']}：{error['message']}")
    if report["new_categories"]:
        click.echo(f"新分类：{'、'.join(report['new_categories'])}")
    done = f"可导入 {report['importable']}" if dry_run else f"已导入 {report['created']}"
    click.echo(
        f"共 {report['rows']} 行：{done} 题，跳过已有 {len(report['skipped'])} 题，"
        f"有误 {len({error['row'] for error in report['errors']})} 行"
    )
    if report["errors"]:
        raise SystemExit(1)


@quizzes_cli.command("finish-overdue")
def finish_overdue_command():
    """Grade and close attempts past their deadline (run it every minute from cron)."""
    click.echo(f"finished {attempts.finish_overdue()} overdue attempts")


@quizzes_cli.command("send-reminders")
def send_reminders_command():
    """Send the opening reminders of competitions now open (run it every minute from cron)."""
    if not current_app.config["COMPETITION_OPEN_TEMPLATE_ID"]:
        click.echo("COMPETITION_OPEN_TEMPLATE_ID is not set: no reminders are sent")
    done = reminders.send_due()
    click.echo(
        f"sent {done.sent} reminders, {done.refused} refused (no consent), "
        f"{done.kept} kept for the next run; dropped {done.dropped} of closed competitions"
    )


@quizzes_cli.command("rebuild-leaderboards")
@click.argument("competition_ids", nargs=-1, type=int)
def rebuild_command(competition_ids):
    """Reload leaderboards into Redis from the database (after a Redis outage)."""
    if redis.client is None:
        raise click.ClickException("REDIS_URL is not set: leaderboards are served from SQL")
    ids = competition_ids or db.session.scalars(select(Competition.id)).all()
    for competition_id in ids:
        redis_boards.forget(competition_id)
        if not redis_boards.rebuild(competition_id):
            click.echo(f"competition {competition_id}: another rebuild is running, skipped")
            continue
        click.echo(f"competition {competition_id}: rebuilt")
