"""flask admin create."""

import click
from flask.cli import AppGroup

from ..common.roles import Role
from ..errors import ApiError
from . import services

admin_cli = AppGroup("admin", help="Admin accounts.")


@admin_cli.command("create")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--district", "district_code", help="Division code, for district roles.")
@click.option("--association-id", type=int, help="For association officers.")
def create_command(username, password, role, district_code, association_id):
    """Create an admin account."""
    try:
        admin = services.create_admin(username, password, role, district_code, association_id)
    except ApiError as error:
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.errors.items())
        raise click.ClickException(f"{error.message} {details}".strip()) from None
    click.echo(f"created admin {admin.username} ({admin.role})")
