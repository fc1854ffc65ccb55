"""Fixtures for reports: images with metadata, an association, upload and submit helpers."""

import io
from types import SimpleNamespace

import pytest
from PIL import Image
from sqlalchemy import func, select

from backend.app.extensions import db
from backend.app.reports.categories import NOTICE_VERSION
from backend.app.reports.models import Attachment, Report, ReportMessage

from ..factories import AssociationFactory

# Values planted in the test photo's EXIF, searched for after the upload.
EXIF_MAKE = "WhistleCam"
EXIF_MODEL = "WB-9000"
EXIF_TIME = "2026:11:20 07:42:13"
GPS_LATITUDE = (28.0, 39.0, 21.0)
GPS_LONGITUDE = (121.0, 25.0, 44.0)
BODY = "协会要求我们必须入会才能参加行业展会，每年会费三千元，不入会就不能报名参展。"


def jpeg_with_gps(size=(64, 48)):
    """A JPEG carrying camera, time and GPS EXIF."""
    image = Image.new("RGB", size, (180, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = EXIF_MAKE
    exif[0x0110] = EXIF_MODEL
    exif[0x0132] = EXIF_TIME
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", GPS_LATITUDE
    gps[3], gps[4] = "E", GPS_LONGITUDE
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def encode(image, fmt, **options):
    """Image bytes in a format."""
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


@pytest.fixture
def association(app):
    """An association in 椒江区 (331002), as (id, district_code)."""
    with app.app_context():
        created = AssociationFactory(name="台州市椒江区测试行业协会")
        return SimpleNamespace(id=created.id, district_code=created.district_code)


@pytest.fixture
def upload(client):
    """POST /uploads with one file; returns the response."""

    def do_upload(data=None, name="photo.jpg", mimetype="image/jpeg", **kwargs):
        data = jpeg_with_gps() if data is None else data
        return client.post(
            "/api/v1/uploads",
            data={"file": (io.BytesIO(data), name, mimetype)},
            content_type="multipart/form-data",
            **kwargs,
        )

    return do_upload


@pytest.fixture
def payload(association):
    """A valid anonymous submission body; keyword arguments change fields."""
    district, association_id = association.district_code, association.id

    def build(**changes):
        body = {
            "anonymous": True,
            "category": "fee_forced_membership",
            "district": district,
            "association_id": association_id,
            "title": "强制入会收取会费",
            "body": BODY,
            "upload_ids": [],
            "notice_version": NOTICE_VERSION,
        }
        body.update(changes)
        return body

    return build


def counts():
    """(reports, messages, attachments, attached attachments) in the database."""
    return (
        db.session.scalar(select(func.count()).select_from(Report)),
        db.session.scalar(select(func.count()).select_from(ReportMessage)),
        db.session.scalar(select(func.count()).select_from(Attachment)),
        db.session.scalar(
            select(func.count()).select_from(Attachment).where(Attachment.report_id.is_not(None))
        ),
    )
