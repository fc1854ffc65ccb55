"""The image pipeline: decide the type by content, refuse bombs, re-encode without metadata."""

import io
import os
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import ApiError, ValidationFailed

# Pillow format -> (MIME type, file extension, save options).
FORMATS = {
    "JPEG": ("image/jpeg", ".jpg", {"quality": 85, "optimize": True}),
    "PNG": ("image/png", ".png", {"optimize": True}),
    "WEBP": ("image/webp", ".webp", {"quality": 85}),
}
# Enough for any phone camera (a 200 MP sensor is 16384 x 12288); more is a decompression bomb.
MAX_PIXELS = 50_000_000


class FileTooLarge(ApiError):
    """The file is over the size limit."""

    code = 413
    reason = "file_too_large"


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded image with no metadata."""

    data: bytes
    mime: str
    extension: str
    width: int
    height: int


def _refuse(message, reason):
    raise ValidationFailed(message, reason=reason, errors={"file": [message]})


def _open(data):
    """Open and fully decode the image, or refuse it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                _refuse("仅支持 JPEG、PNG 或 WebP 图片", "unsupported_image_type")
            width, height = image.size
            if width * height > MAX_PIXELS:
                _refuse("图片尺寸过大", "image_too_large")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse("图片尺寸过大", "image_too_large")
    except UnidentifiedImageError:
        _refuse("文件不是可识别的图片", "unsupported_image_type")
    except (OSError, SyntaxError, ValueError, EOFError):
        _refuse("图片文件已损坏", "image_broken")
    return image


def sanitize(data, max_bytes):
    """Validate image bytes and return them re-encoded, stripped of EXIF, XMP, ICC and text."""
    if len(data) > max_bytes:
        raise FileTooLarge(f"图片不能超过 {max_bytes // (1024 * 1024)} MB")
    if not data:
        _refuse("文件为空", "image_broken")
    image = _open(data)
    source_format = image.format
    mime, extension, options = FORMATS[source_format]
    # Apply the camera's rotation to the pixels, since the orientation tag goes with the EXIF.
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert(
            "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
        )
    if source_format == "JPEG" and image.mode == "RGBA":
        image = image.convert("RGB")
    # A fresh image from raw pixels carries no info dict, so nothing but pixels can be saved.
    pixels = Image.frombytes(image.mode, image.size, image.tobytes())
    buffer = io.BytesIO()
    pixels.save(buffer, format=source_format, **options)
    return CleanImage(buffer.getvalue(), mime, extension, pixels.width, pixels.height)


def store(directory, image):
    """Write a clean image under a random name, readable only by the app; return the name."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    name = secrets.token_hex(16) + image.extension
    temporary = folder / f".{name}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(image.data)
    os.replace(temporary, folder / name)
    return name
