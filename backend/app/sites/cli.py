"""flask sites seed-bulk: many synthetic sites for benchmarks."""

import random

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import insert, select, text

from ..common.time import utcnow
from ..extensions import db
from .demo import DISTRICT_CENTRES
from .geo import distance_m
from .models import Origin, Site, SiteType

sites_cli = AppGroup("sites", help="Culture sites.")

# Taizhou's bounding box (GCJ-02), over which bench sites are spread.
TAIZHOU_BOX = (28.0, 29.3, 120.2, 121.9)
BATCH = 1000


def bench_name(number):
    """The name of bench site number `number`: clearly not a real site."""
    return f"压测阵地{number:05d}"


def _bench_row(number, now):
    # Seeded by number, so site N is the same whatever count it was created with.
    rng = random.Random(f"bench-site-{number}")
    lat = round(rng.uniform(TAIZHOU_BOX[0], TAIZHOU_BOX[1]), 6)
    lng = round(rng.uniform(TAIZHOU_BOX[2], TAIZHOU_BOX[3]), 6)
    district = min(DISTRICT_CENTRES, key=lambda code: distance_m(lat, lng, *DISTRICT_CENTRES[code]))
    site_types = list(SiteType)
    return {
        "name": bench_name(number),
        "type": site_types[number % len(site_types)].value,
        "district_code": district,
        "address": "压测数据，非真实地址",
        "lat": lat,
        "lng": lng,
        "source_system": "gcj02",
        "source_lat": lat,
        "source_lng": lng,
        "description": "压测数据，非真实阵地。",
        "origin": Origin.BENCH.value,
        "created_at": now,
        "updated_at": now,
    }


@sites_cli.command("seed-bulk")
@click.option("--count", required=True, type=click.IntRange(1, 200_000), help="Bench sites.")
def seed_bulk_command(count):
    """Make sure bench sites 1..COUNT exist (spread over Taizhou); never in production."""
    if current_app.config["APP_ENV"] == "production":
        raise click.ClickException("refusing to add bench sites in production")
    existing = set(db.session.scalars(select(Site.name).where(Site.origin == Origin.BENCH.value)))
    numbers = [n for n in range(1, count + 1) if bench_name(n) not in existing]
    now = utcnow()
    with click.progressbar(length=len(numbers), label="bench sites") as progress:
        for start in range(0, len(numbers), BATCH):
            batch = numbers[start : start + BATCH]
            db.session.execute(insert(Site), [_bench_row(n, now) for n in batch])
            db.session.commit()
            progress.update(len(batch))
    if db.engine.dialect.name == "postgresql":
        # Fresh statistics, so the planner knows the coordinate index is selective.
        with db.engine.connect() as connection:
            connection.execute(text("ANALYZE sites"))
            connection.commit()
    click.echo(f"bench sites: {len(numbers)} added, {len(existing) + len(numbers)} in all")
