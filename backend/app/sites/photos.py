"""Site photo and QR code files under UPLOAD_DIR/sites, through the shared image pipeline."""

import io
from pathlib import Path

from flask import current_app
from PIL import Image

from ..common import images
from .models import SitePhoto

# Long edges: phones show nothing sharper, and every kilobyte counts on a slow network.
PHOTO_EDGE = 1600
THUMB_EDGE = 480
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


def folder(kind):
    """UPLOAD_DIR/sites/<kind> ("photos" or "qrcodes")."""
    return Path(current_app.config["UPLOAD_DIR"]) / "sites" / kind


def path(name):
    """Where a stored photo file lives."""
    return folder("photos") / name


def _fit(clean, edge):
    """The clean image scaled down to fit edge x edge, through the pipeline again."""
    if max(clean.width, clean.height) <= edge:
        return clean
    image = Image.open(io.BytesIO(clean.data))
    image.thumbnail((edge, edge), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    # Near-lossless here: the pipeline re-encodes at its own quality next.
    image.save(buffer, format=_FORMATS[clean.mime], quality=95)
    return images.sanitize(buffer.getvalue(), len(buffer.getvalue()))


def store_photo(site, raw, max_bytes, position):
    """Sanitize the upload, store it and its thumbnail, and return the (unsaved) SitePhoto."""
    clean = _fit(images.sanitize(raw, max_bytes), PHOTO_EDGE)
    thumb = _fit(clean, THUMB_EDGE)
    directory = folder("photos")
    file_name = images.store(directory, clean)
    try:
        thumb_name = images.store(directory, thumb)
    except OSError:
        remove(file_name)
        raise
    return SitePhoto(
        site_id=site.id,
        file_name=file_name,
        thumb_name=thumb_name,
        mime=clean.mime,
        width=clean.width,
        height=clean.height,
        position=position,
    )


def remove(*names):
    """Delete stored photo files, ignoring those already gone."""
    for name in names:
        path(name).unlink(missing_ok=True)
