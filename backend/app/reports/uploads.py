"""Uploads: cleaned images held for an hour until a report or a message takes them."""

import hashlib
import logging
import os
import time
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ..common import images
from ..common.time import SHANGHAI, utcnow
from ..errors import field_error
from ..extensions import db
from .ids import new_upload_id
from .models import Attachment

logger = logging.getLogger(__name__)


def upload_dir():
    """The reports' own folder under UPLOAD_DIR (outside any static folder)."""
    return Path(current_app.config["UPLOAD_DIR"]) / "reports"


def file_path(attachment):
    """Where an attachment's image is on disk."""
    return upload_dir() / attachment.file_name


def hash_upload_id(upload_id):
    """The stored form of an upload id, which is the uploader's secret."""
    return hashlib.sha256(b"report-upload:" + upload_id.encode()).hexdigest()


def save_upload(data):
    """Clean and store one image; return its upload id (shown once) and what it became."""
    purge_expired_uploads(limit=100)
    config = current_app.config
    clean = images.sanitize(data, config["REPORT_UPLOAD_MAX_BYTES"])
    name = images.store(upload_dir(), clean)
    upload_id = new_upload_id()
    db.session.add(
        Attachment(
            id=hash_upload_id(upload_id),
            file_name=name,
            mime=clean.mime,
            size_bytes=len(clean.data),
            width=clean.width,
            height=clean.height,
            expires_at=utcnow() + config["REPORT_UPLOAD_TTL"],
        )
    )
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        (upload_dir() / name).unlink(missing_ok=True)
        raise
    return {
        "upload_id": upload_id,
        "expires_in": int(config["REPORT_UPLOAD_TTL"].total_seconds()),
        "mime": clean.mime,
        "width": clean.width,
        "height": clean.height,
    }


def claim_uploads(upload_ids, field="upload_ids"):
    """The pending uploads these ids name, locked, in the given order; or a 422."""
    if not upload_ids:
        return []
    limit = current_app.config["REPORT_MAX_IMAGES"]
    if len(upload_ids) > limit:
        raise field_error(field, f"最多附 {limit} 张图片", reason="too_many_images")
    if len(set(upload_ids)) != len(upload_ids):
        raise field_error(field, "图片重复", reason="duplicate_upload")
    hashes = [hash_upload_id(upload_id) for upload_id in upload_ids]
    rows = db.session.scalars(
        select(Attachment).where(Attachment.id.in_(hashes)).with_for_update()
    ).all()
    found = {row.id: row for row in rows}
    now = utcnow()
    claimed = []
    for digest in hashes:
        row = found.get(digest)
        if row is None or row.report_id is not None:
            raise field_error(field, "图片不存在，请重新上传", reason="upload_not_found")
        if row.expires_at <= now:
            raise field_error(field, "图片已过期，请重新上传", reason="upload_expired")
        claimed.append(row)
    return claimed


def attach(uploads, report, message=None):
    """Give claimed uploads to a report (and message); they stop expiring and lose their time."""
    start = len(report.attachments)
    for offset, upload in enumerate(uploads):
        upload.report = report
        upload.message = message
        upload.position = start + offset
        upload.expires_at = None


def blur_file_times(names, day):
    """Set the files' access and modification times to the day's start (China time)."""
    stamp = datetime(day.year, day.month, day.day, tzinfo=SHANGHAI).timestamp()
    folder = upload_dir()
    for name in names:
        os.utime(folder / name, (stamp, stamp))


def delete_files(names):
    """Remove image files, after the rows that named them are gone."""
    folder = upload_dir()
    for name in names:
        try:
            (folder / name).unlink(missing_ok=True)
        except OSError as error:
            logger.warning("could not delete an upload file: %s", error.strerror)


def purge_expired_uploads(limit=None):
    """Delete uploads never attached within their hour, rows and files; return how many."""
    statement = select(Attachment).where(
        Attachment.report_id.is_(None), Attachment.expires_at <= utcnow()
    )
    if limit:
        statement = statement.limit(limit)
    expired = db.session.scalars(statement).all()
    if not expired:
        return 0
    names = [row.file_name for row in expired]
    for row in expired:
        db.session.delete(row)
    db.session.commit()
    delete_files(names)
    return len(names)


def purge_orphan_files():
    """Delete files in the reports' folder that no row names (left by a crash); return how many."""
    folder = upload_dir()
    if not folder.is_dir():
        return 0
    known = set(db.session.scalars(select(Attachment.file_name)))
    cutoff = time.time() - current_app.config["REPORT_UPLOAD_TTL"].total_seconds()
    orphans = [
        path.name
        for path in folder.iterdir()
        if path.is_file() and path.name not in known and path.stat().st_mtime < cutoff
    ]
    delete_files(orphans)
    return len(orphans)
