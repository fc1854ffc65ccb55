"""POST /uploads: images only, cleaned, size-limited, private, gone within the hour if unused."""

import io
import os
import stat
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from backend.app.common.time import utcnow
from backend.app.config import ROOT
from backend.app.extensions import db
from backend.app.reports.models import Attachment
from backend.app.reports.uploads import file_path, hash_upload_id, upload_dir

from ..test_errors import assert_contract
from .conftest import EXIF_MAKE, EXIF_MODEL, counts, encode, jpeg_with_gps

MB = 1024 * 1024


def _stored_files(app):
    with app.app_context():
        folder = upload_dir()
        return sorted(folder.iterdir()) if folder.is_dir() else []


def test_a_jpeg_is_cleaned_and_stored_privately(app, upload):
    response = upload()
    assert response.status_code == 201, response.json
    result = response.json
    assert result["mime"] == "image/jpeg" and (result["width"], result["height"]) == (64, 48)
    assert result["expires_in"] == 3600
    assert len(result["upload_id"]) >= 22
    [path] = _stored_files(app)
    data = path.read_bytes()
    assert EXIF_MAKE.encode() not in data and EXIF_MODEL.encode() not in data
    assert not Image.open(io.BytesIO(data)).getexif()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    # Under UPLOAD_DIR, never under the code tree (where a static folder could serve it).
    assert ROOT not in path.parents
    with app.app_context():
        row = db.session.scalar(select(Attachment))
        assert file_path(row) == path
        # Only a hash of the upload id is stored.
        assert row.id == hash_upload_id(result["upload_id"]) != result["upload_id"]
        assert row.report_id is None and row.expires_at > utcnow()


@pytest.mark.parametrize(
    ("fmt", "mime"), [("PNG", "image/png"), ("WEBP", "image/webp"), ("JPEG", "image/jpeg")]
)
def test_the_type_comes_from_the_content_not_the_name(upload, fmt, mime):
    data = encode(Image.new("RGB", (8, 8), "blue"), fmt)
    # Every file claims to be a JPEG by name and by declared type.
    response = upload(data, name="photo.jpg", mimetype="image/jpeg")
    assert response.status_code == 201
    assert response.json["mime"] == mime


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"%PDF-1.4 a document, not an image", "scan.jpg", "unsupported_image_type"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "logo.png", "unsupported_image_type"),
        (encode(Image.new("P", (5, 5)), "GIF"), "anim.jpg", "unsupported_image_type"),
        (jpeg_with_gps()[:200], "cut.jpg", "image_broken"),
        (encode(Image.new("1", (10000, 10000)), "PNG"), "bomb.png", "image_too_large"),
        (b"", "empty.jpg", "image_broken"),
    ],
)
def test_non_images_broken_files_and_bombs_are_refused(app, upload, data, name, reason):
    response = upload(data, name=name)
    body = assert_contract(response, 422, reason)
    assert "file" in body["errors"]
    assert _stored_files(app) == []
    with app.app_context():
        assert counts() == (0, 0, 0, 0)


def test_a_request_without_a_file_is_refused(client):
    response = client.post("/api/v1/uploads", data={}, content_type="multipart/form-data")
    body = assert_contract(response, 422, "validation_failed")
    assert body["errors"]["file"] == ["缺少必填字段"]


def _noise_png(pixels):
    """A real PNG of random pixels: three bytes a pixel, since noise does not compress."""
    side = int(pixels**0.5)
    return encode(Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)), "PNG")


def test_a_nine_megabyte_image_is_accepted(app, upload):
    data = _noise_png(9.3 * MB / 3)
    assert 9 * MB <= len(data) < 10 * MB
    response = upload(data, name="big.png", mimetype="image/png")
    assert response.status_code == 201, response.json
    assert len(_stored_files(app)) == 1


def test_an_eleven_megabyte_body_is_413(app, upload):
    response = upload(b"\xff\xd8" + b"\x00" * (11 * MB))
    assert_contract(response, 413, "payload_too_large")
    assert _stored_files(app) == []


def test_just_over_ten_megabytes_is_413(app, upload):
    response = upload(b"\xff\xd8" + b"\x00" * (10 * MB))
    assert response.status_code == 413
    assert _stored_files(app) == []


def test_other_routes_keep_the_one_megabyte_limit(client):
    body = b'{"receipt": "' + b"1" * (2 * MB) + b'"}'
    response = client.post(
        "/api/v1/reports/track", data=body, headers={"Content-Type": "application/json"}
    )
    assert_contract(response, 413, "payload_too_large")


def test_twenty_uploads_an_hour_per_client(upload):
    small = encode(Image.new("RGB", (4, 4)), "PNG")
    for _ in range(20):
        assert upload(small).status_code == 201
    refused = upload(small)
    assert_contract(refused, 429, "upload_limit_reached")
    assert int(refused.headers["Retry-After"]) > 0
    assert upload(small, environ_base={"REMOTE_ADDR": "198.51.100.9"}).status_code == 201


def _expire_all(app):
    with app.app_context():
        for row in db.session.scalars(select(Attachment).where(Attachment.report_id.is_(None))):
            row.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()


def test_unattached_uploads_are_deleted_by_the_command(app, client, upload, payload):
    stale = upload().json["upload_id"]
    kept = upload().json["upload_id"]
    assert client.post("/api/v1/reports", json=payload(upload_ids=[kept])).status_code == 201
    _expire_all(app)
    fresh = upload(encode(Image.new("RGB", (4, 4)), "PNG")).json["upload_id"]
    assert len(_stored_files(app)) == 2  # the upload cleaned the stale one up lazily
    _expire_all(app)
    result = app.test_cli_runner().invoke(args=["reports", "purge-uploads"])
    assert result.exit_code == 0, result.output
    assert "1 expired" in result.output
    with app.app_context():
        remaining = db.session.scalars(select(Attachment)).all()
        assert [row.id for row in remaining] == [hash_upload_id(kept)]
        assert [path.name for path in _stored_files(app)] == [remaining[0].file_name]
    assert hash_upload_id(stale) != hash_upload_id(fresh)


def test_orphaned_files_are_deleted(app):
    with app.app_context():
        folder = upload_dir()
        folder.mkdir(parents=True)
        orphan = folder / "0123456789abcdef0123456789abcdef.jpg"
        orphan.write_bytes(b"left by a crash")
        old = (utcnow() - timedelta(hours=2)).timestamp()
        os.utime(orphan, (old, old))
        recent = folder / "fedcba9876543210fedcba9876543210.jpg"
        recent.write_bytes(b"being uploaded right now")
    result = app.test_cli_runner().invoke(args=["reports", "purge-uploads"])
    assert "1 orphaned" in result.output
    assert not orphan.exists() and recent.exists()
