"""The image pipeline strips metadata and refuses what is not a sound image."""

import io
import os
import stat

import pytest
from PIL import Image, PngImagePlugin

from backend.app.common import images
from backend.app.errors import ApiError

MB = 1024 * 1024


def _jpeg_with_gps():
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0110] = "Model-X"  # Model
    exif[0x0132] = "2026:11:27 08:15:00"  # DateTime
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (28.0, 39.0, 21.0)
    gps[3], gps[4] = "E", (121.0, 25.0, 44.0)
    buffer = io.BytesIO()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">secret-xmp</x:xmpmeta>'
    image.save(buffer, format="JPEG", exif=exif, xmp=xmp, icc_profile=b"fake-icc" * 10)
    return buffer.getvalue()


def _encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def test_jpeg_metadata_is_gone_and_rotation_kept():
    raw = _jpeg_with_gps()
    assert b"SecretCam" in raw and b"secret-xmp" in raw
    clean = images.sanitize(raw, 10 * MB)
    assert clean.mime == "image/jpeg" and clean.extension == ".jpg"
    for secret in (b"SecretCam", b"Model-X", b"2026:11:27", b"secret-xmp", b"fake-icc", b"Exif"):
        assert secret not in clean.data
    reopened = Image.open(io.BytesIO(clean.data))
    assert not reopened.getexif()
    assert not {"exif", "xmp", "icc_profile"} & set(reopened.info)
    # The orientation tag was applied to the pixels: 64x48 became 48x64.
    assert (clean.width, clean.height) == (48, 64)


def test_png_text_chunks_are_gone():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "reporter-name")
    raw = _encode(Image.new("RGBA", (10, 10), (0, 0, 0, 128)), "PNG", pnginfo=info)
    clean = images.sanitize(raw, 10 * MB)
    assert b"reporter-name" not in clean.data
    assert Image.open(io.BytesIO(clean.data)).mode == "RGBA"


def test_webp_is_accepted():
    raw = _encode(Image.new("RGB", (20, 20), "blue"), "WEBP")
    assert images.sanitize(raw, 10 * MB).mime == "image/webp"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4 not an image", "unsupported_image_type"),
        (b"GIF89a" + b"\x00" * 40, "unsupported_image_type"),
        (b"", "image_broken"),
    ],
)
def test_non_images_are_refused(data, reason):
    with pytest.raises(ApiError) as caught:
        images.sanitize(data, 10 * MB)
    assert (caught.value.code, caught.value.reason) == (422, reason)


def test_gif_is_refused_whatever_its_name():
    raw = _encode(Image.new("P", (5, 5)), "GIF")
    with pytest.raises(ApiError) as caught:
        images.sanitize(raw, 10 * MB)
    assert caught.value.reason == "unsupported_image_type"


def test_truncated_image_is_refused():
    raw = _encode(Image.effect_noise((200, 200), 60).convert("RGB"), "JPEG")
    with pytest.raises(ApiError) as caught:
        images.sanitize(raw[: len(raw) // 2], 10 * MB)
    assert caught.value.reason == "image_broken"


def test_decompression_bomb_is_refused():
    # A tiny PNG that claims 10000 x 10000 pixels.
    raw = _encode(Image.new("1", (10000, 10000)), "PNG")
    assert len(raw) < MB
    with pytest.raises(ApiError) as caught:
        images.sanitize(raw, 10 * MB)
    assert caught.value.reason == "image_too_large"


def test_oversized_file_is_413():
    with pytest.raises(ApiError) as caught:
        images.sanitize(b"\xff" * (2 * MB), MB)
    assert (caught.value.code, caught.value.reason) == (413, "file_too_large")


def test_store_uses_a_random_private_name(tmp_path):
    clean = images.sanitize(_jpeg_with_gps(), 10 * MB)
    first, second = images.store(tmp_path, clean), images.store(tmp_path, clean)
    assert first != second and first.endswith(".jpg") and len(first) == 36
    assert (tmp_path / first).read_bytes() == clean.data
    assert stat.S_IMODE(os.stat(tmp_path / first).st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first, second])
