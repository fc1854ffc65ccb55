"""flask workdays: the override table for years the holiday package does not know."""

from datetime import date

import click
from flask.cli import AppGroup

from . import services

workdays_cli = AppGroup("workdays", help="China's working-day calendar and its overrides.")


def _day(ctx, param, value):
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD") from None


@workdays_cli.command("set")
@click.argument("day", callback=_day)
@click.option("--workday/--holiday", "is_workday", required=True, help="Work or rest that day.")
@click.option("--note", required=True, help="Why, e.g. 2027 春节调休 (国办发明电〔2026〕X号).")
def set_command(day, is_workday, note):
    """Declare DAY a working day (--workday) or a day off (--holiday)."""
    services.set_override(day, is_workday, note.strip()[:100])
    click.echo(f"{day}: {'workday' if is_workday else 'holiday'} ({note})")


@workdays_cli.command("unset")
@click.argument("day", callback=_day)
def unset_command(day):
    """Remove the override of DAY."""
    removed = services.remove_override(day)
    click.echo(f"{day}: override removed" if removed else f"{day}: no override")


@workdays_cli.command("list")
@click.option("--year", type=int)
def list_command(year):
    """Show the overrides, and the last year the package knows."""
    click.echo(f"chinesecalendar knows years up to {services.known_until()}")
    for override in services.list_overrides(year):
        kind = "workday" if override.is_workday else "holiday"
        click.echo(f"{override.day} {kind} {override.note}")
