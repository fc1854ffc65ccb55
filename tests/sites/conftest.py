"""Fixtures for the culture-site tests."""

import io

import pytest
from PIL import Image

from backend.app.extensions import db
from backend.app.sites import scene
from backend.app.sites.models import Site


@pytest.fixture
def scene_of(app):
    """The current QR scene of a site, by id."""

    def make(site_id):
        with app.app_context():
            return scene.make(db.session.get(Site, site_id))

    return make


@pytest.fixture
def site_row(app):
    """A fresh copy of a site's row, by id (None once deleted)."""

    def load(site_id):
        with app.app_context():
            site = db.session.get(Site, site_id)
            if site is not None:
                db.session.expunge(site)
            return site

    return load


def jpeg(size=(640, 480), colour=(200, 40, 40), exif=None):
    """JPEG bytes of a plain picture, optionally with EXIF."""
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    Image.new("RGB", size, colour).save(buffer, format="JPEG", **options)
    return buffer.getvalue()
