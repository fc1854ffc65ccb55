"""Demo sites from `flask seed demo`, and bench sites from `flask sites seed-bulk`."""

import io

import pytest
from PIL import Image
from sqlalchemy import func, select, text
from sqlalchemy.dialects import postgresql

from backend.app import create_app
from backend.app.associations.models import AssociationKind
from backend.app.extensions import db
from backend.app.sites import photos
from backend.app.sites.geo import distance_m
from backend.app.sites.models import Site
from backend.app.sites.services import box_statement

from ..test_config import SAFE_PRODUCTION

# Town centres of the nine districts (GCJ-02), as given for the demo data.
TOWNS = {
    "331002": (28.68, 121.44),
    "331003": (28.65, 121.26),
    "331004": (28.58, 121.37),
    "331082": (28.86, 121.14),
    "331081": (28.37, 121.39),
    "331083": (28.14, 121.23),
    "331023": (29.14, 121.01),
    "331024": (28.85, 120.73),
    "331022": (29.10, 121.39),
}


def test_seed_demo_adds_24_sites_once(app, client):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed", "demo"])
    assert first.exit_code == 0, first.output
    assert "culture sites: 24 added" in first.output
    second = runner.invoke(args=["seed", "demo"])
    assert "culture sites: 0 added" in second.output

    with app.app_context():
        sites = db.session.scalars(select(Site)).all()
        assert len(sites) == 24
        assert {site.district_code for site in sites} == set(TOWNS)
        for site in sites:
            nearest_town = min(TOWNS, key=lambda code: distance_m(site.lat, site.lng, *TOWNS[code]))
            assert nearest_town == site.district_code, site.name
            assert distance_m(site.lat, site.lng, *TOWNS[site.district_code]) < 5000, site.name
            assert site.source_system == "gcj02" and site.origin == "demo"
            assert site.hours and len(site.hours["weekly"]) == 7
            assert site.description and len(site.photos) == 1
            image = Image.open(photos.path(site.photos[0].file_name))
            assert image.format == "JPEG" and not image.getexif()
        landmarks = [site for site in sites if site.type == "micro_landmark"]
        assert len(landmarks) == 2
        assert all(
            site.association.kind == AssociationKind.CHAMBER_OF_COMMERCE for site in landmarks
        )
        assert {site.type for site in sites} == {
            "hall",
            "corridor",
            "micro_landmark",
            "education_base",
            "other",
        }

    listed = client.get("/api/v1/sites?page_size=100").json
    assert listed["total"] == 24
    photo_url = client.get(f"/api/v1/sites/{listed['items'][0]['id']}").json["photos"][0]["url"]
    served = client.get(photo_url)
    assert served.status_code == 200
    assert Image.open(io.BytesIO(served.data)).size == (800, 600)


def test_seed_bulk_is_idempotent_per_count(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["sites", "seed-bulk", "--count", "50"])
    assert first.exit_code == 0, first.output
    assert "50 added, 50 in all" in first.output
    again = runner.invoke(args=["sites", "seed-bulk", "--count", "50"])
    assert "0 added, 50 in all" in again.output
    more = runner.invoke(args=["sites", "seed-bulk", "--count", "60"])
    assert "10 added, 60 in all" in more.output
    with app.app_context():
        sites = db.session.scalars(select(Site)).all()
        assert len(sites) == 60
        assert {site.origin for site in sites} == {"bench"}
        assert all(site.name.startswith("压测阵地") for site in sites)
        assert all(28.0 <= s.lat <= 29.3 and 120.2 <= s.lng <= 121.9 for s in sites)
        assert len({site.district_code for site in sites}) >= 5


def test_seed_bulk_refuses_production(tmp_path):
    app = create_app({**SAFE_PRODUCTION, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/p.db"})
    result = app.test_cli_runner().invoke(args=["sites", "seed-bulk", "--count", "5"])
    assert result.exit_code != 0
    assert "production" in result.output


@pytest.mark.postgresql_only
def test_nearby_query_uses_the_coordinate_index_at_10000_sites(app):
    result = app.test_cli_runner().invoke(args=["sites", "seed-bulk", "--count", "10000"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Site)) == 10_000
        statement = box_statement([Site.enabled.is_(True)], 28.68, 121.44, 5000)
        sql = statement.compile(
            dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}
        )
        plan = "\n".join(db.session.scalars(text(f"EXPLAIN {sql}")))
    assert "ix_sites_lat_lng" in plan, plan
    assert "Seq Scan" not in plan, plan
