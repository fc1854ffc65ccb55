"""flask seed demo: idempotent demo data for development."""

import click
from flask import current_app
from flask.cli import AppGroup

from .admins import demo as admins_demo
from .associations import demo as associations_demo
from .associations.services import ensure_districts
from .quizzes import demo as quizzes_demo
from .reports import demo as reports_demo
from .sites import demo as sites_demo

seed_cli = AppGroup("seed", help="Demo and reference data.")


@seed_cli.command("demo")
def seed_demo_command():
    """Load demo data (districts, associations, admin accounts); safe to run again."""
    if current_app.config["APP_ENV"] == "production":
        raise click.ClickException("refusing to load demo data in production")
    added = ensure_districts()
    click.echo(f"districts: {added} added")
    added = associations_demo.seed()
    click.echo(f"associations: {added} added")
    categories, questions, competitions = quizzes_demo.seed()
    click.echo(
        f"demo question bank (演示题库): {categories} categories, {questions} questions added; "
        f"demo competitions: {competitions} added"
    )
    added = sites_demo.seed()
    click.echo(f"culture sites: {added} added")
    for public_id, status, receipt in reports_demo.seed():
        click.echo(f"demo report {public_id} ({status}) receipt: {receipt}  <- shown once")
    for username, role, password in admins_demo.seed():
        click.echo(f"admin {username} ({role}) password: {password}  <- shown once, note it now")
