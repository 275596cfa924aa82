"""Sample values for the report tests: names and images made in memory."""

import io

from PIL import Image, ImageDraw

CLINIC = "Riverside Interventional Psychiatry"
TITLE = "Letter of medical necessity"


def png(width: int, height: int, colour: str = "teal") -> bytes:
    image = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(image).ellipse((4, 4, height - 4, height - 4), fill=colour)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(out, "JPEG")
    return out.getvalue()
