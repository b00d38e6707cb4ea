"""Uploaded pictures (profile photos, partner logos): checked, re-encoded, stored, served.

Every upload is decoded with Pillow and written again as WebP at fixed sizes, so what we
store and serve is never the uploaded file: its metadata (EXIF, GPS) and anything hidden
in it stay behind. Files live under UPLOAD_DIR/<kind>/<token>-<size>.webp; the token,
stored on the row, changes with every upload, so the files can be cached for good.
"""

from __future__ import annotations

import secrets
import warnings
from io import BytesIO
from pathlib import Path

from flask import abort, current_app, send_file
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

#: Formats accepted in; everything goes out as WebP.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_BYTES = 2_000_000
#: Larger pictures are refused before they are decoded (a 50-megapixel photo, a bomb).
MAX_PIXELS = 25_000_000
#: Square sizes in pixels, by name.
SIZES = {"large": 256, "small": 64}
KINDS = ("photos", "logos")
MIME_TYPE = "image/webp"


class ImageRefused(ValueError):
    """The upload is not a picture we take; the message says why, for the member."""


def upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def _decode(data: bytes) -> Image.Image:
    if len(data) > MAX_BYTES:
        raise ImageRefused(_l("The picture is too large: at most 2 MB."))
    if not data:
        raise ImageRefused(_l("Choose a picture to upload."))
    with warnings.catch_warnings():
        # Pillow warns before it refuses: both mean a picture far larger than we take.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data), formats=ACCEPTED_FORMATS)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageRefused(_l("The picture has too many pixels: at most 25 megapixels."))
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ImageRefused(
                _l("The picture has too many pixels: at most 25 megapixels.")
            ) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            if isinstance(error, ImageRefused):
                raise
            raise ImageRefused(_l("This is not a JPEG, PNG or WebP picture.")) from error
    return image


def _square(image: Image.Image, size: int, crop: bool) -> Image.Image:
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA")
    if crop:
        return ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)
    # A logo keeps its whole shape, centred on a transparent square.
    image.thumbnail((size, size), Image.Resampling.LANCZOS)
    canvas = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    canvas.paste(image, ((size - image.width) // 2, (size - image.height) // 2))
    return canvas


def encode_sizes(data: bytes, crop: bool = True) -> dict[str, bytes]:
    """The picture in ``data`` as WebP at each of SIZES, without metadata."""
    image = _decode(data)
    out = {}
    for name, size in SIZES.items():
        buffer = BytesIO()
        # A fresh image carries no EXIF, ICC or XMP from the upload.
        _square(image, size, crop).save(buffer, "WEBP", quality=85, method=4)
        out[name] = buffer.getvalue()
    return out


def file_path(kind: str, token: str, size: str) -> Path:
    return upload_dir() / kind / f"{token}-{size}.webp"


def store(kind: str, data: bytes, crop: bool = True) -> str:
    """Re-encode and store an upload; its new token."""
    encoded = encode_sizes(data, crop)
    token = secrets.token_hex(16)
    folder = upload_dir() / kind
    folder.mkdir(parents=True, exist_ok=True)
    for size, body in encoded.items():
        file_path(kind, token, size).write_bytes(body)
    return token


def remove(kind: str, token: str | None) -> None:
    """Delete the stored files of a token (none: nothing to do)."""
    if not token:
        return
    for size in SIZES:
        file_path(kind, token, size).unlink(missing_ok=True)


def stored_files(kind: str, token: str | None) -> list[str]:
    """The names of the files stored for a token, as the data export lists them."""
    if not token:
        return []
    return [
        f"{kind}/{token}-{size}.webp" for size in SIZES if file_path(kind, token, size).exists()
    ]


def valid_token(token: str) -> bool:
    return len(token) == 32 and all(ch in "0123456789abcdef" for ch in token)


def picture_response(kind: str, token: str, size: str, public: bool):
    """A stored picture with its type; cached for good (a new upload has a new name)."""
    if size not in SIZES or not valid_token(token):
        abort(404)
    path = file_path(kind, token, size)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=MIME_TYPE, max_age=0, conditional=True)
    scope = "public" if public else "private"
    response.headers["Cache-Control"] = f"{scope}, max-age=31536000, immutable"
    return response
