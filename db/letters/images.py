"""Checking a picture a clinic gives the program (a logo, a signature) before it is kept."""

import hashlib
import io

from PIL import Image, UnidentifiedImageError

from reports.model import image_kind

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 4000 * 4000


def image_problem(data: bytes, what: str) -> str | None:
    """Why `data` cannot be printed as `what` ('The logo'), or None when it can."""
    if len(data) > MAX_IMAGE_BYTES:
        return f"{what} is larger than 2 MB; save a smaller copy of it and choose that."
    try:
        image_kind(data)
    except ValueError:
        return f"{what} must be a PNG or JPEG picture."
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return f"{what} could not be read as a picture; the file may be damaged."
    if width * height > MAX_PIXELS:
        return f"{what} is more than 4000 × 4000 pixels; save a smaller copy of it."
    return None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def image_note(data: bytes | None) -> str:
    """How an image is named in the audit trail: its hash and size, never its pixels."""
    if data is None:
        return "none"
    return f"sha256 {sha256_hex(data)[:16]}…, {len(data) // 1024 + 1} kB"
