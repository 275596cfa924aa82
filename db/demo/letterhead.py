"""The demo clinic's letterhead, so letters print from `make run`: a synthetic clinic
("Riverside Mood Clinic"), a logo and a signature for each prescriber drawn here (nothing
from anywhere else), and its fasting wording.

Written straight into the settings and image tables, as the other demo generators write
their rows; the prescribers' NPIs come with their accounts (`db.demo.accounts`).
"""

import io
import json
import math
import random

from PIL import Image, ImageDraw
from sqlalchemy import select

from db.accounts.roles import Role
from db.database import Database
from db.letters.images import sha256_hex
from db.letters.letterhead import (
    ADDRESS_LINES,
    CLINIC_NAME,
    FASTING_WORDING,
    FAX,
    LOGO,
    PAGE_SIZE,
    PHONE,
)
from db.models import ClinicImage, ClinicSetting, PrescriberSignature, UserAccount
from reports.model import PageSize

DEMO_LETTERHEAD = {
    CLINIC_NAME: "Riverside Mood Clinic",
    ADDRESS_LINES: ["12 Weir Road, Suite 310", "Millbrook, OR 97000"],
    PHONE: "(503) 555-0140",
    FAX: "(503) 555-0141",
    PAGE_SIZE: PageSize.LETTER.value,
    FASTING_WORDING: (
        "Nothing to eat for 2 hours before your session, and nothing to drink for the "
        "last 30 minutes before it."
    ),
}
TEAL = (0, 118, 122)
INK = (24, 40, 92)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def demo_logo() -> bytes:
    """A teal disc with three waves: a river, for a clinic by the river."""
    size = 240
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=TEAL)
    for row in range(3):
        y0 = 88 + row * 34
        points = [
            (x, y0 + 12 * math.sin((x - 30) / 180 * 2 * math.pi)) for x in range(36, size - 35, 4)
        ]
        draw.line(points, fill=(255, 255, 255, 255), width=10, joint="curve")
    return _png(image)


def demo_signature(seed: int) -> bytes:
    """A looping, handwriting-like stroke in dark ink (a trochoid whose height wanders),
    different for each seed, with a flourish under it."""
    rng = random.Random(seed)
    width, height = 480, 140
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    loop = rng.uniform(11, 15)
    heights = [rng.uniform(14, 40) for _ in range(8)]
    points = []
    steps = 520
    for step in range(steps):
        t = step / 12
        x = 28 + step * 0.78 - loop * math.cos(t)
        wander = heights[int(step / steps * len(heights))]
        y = height / 2 - 6 - wander * math.sin(t) * (0.6 + 0.4 * math.sin(t / 7))
        points.append((x, y))
    draw.line(points, fill=INK, width=3, joint="curve")
    flourish = [(40 + x, height - 26 + 6 * math.sin(x / 70)) for x in range(0, width - 110, 6)]
    draw.line(flourish, fill=INK, width=3, joint="curve")
    return _png(image)


def generate_demo_letterhead(database: Database) -> None:
    """The letterhead settings, the logo, and a signature for every prescriber account."""
    logo = demo_logo()
    with database.transaction() as session:
        for key, value in DEMO_LETTERHEAD.items():
            encoded = json.dumps(value, sort_keys=True)
            row = session.get(ClinicSetting, key)
            if row is None:
                session.add(ClinicSetting(key=key, value_json=encoded))
            else:
                row.value_json = encoded
        if session.get(ClinicImage, LOGO) is None:
            session.add(ClinicImage(key=LOGO, image=logo, sha256=sha256_hex(logo)))
        prescribers = session.scalars(
            select(UserAccount.id).where(UserAccount.role == Role.PRESCRIBER)
        ).all()
        for user_id in prescribers:
            if session.get(PrescriberSignature, user_id) is None:
                signature = demo_signature(user_id)
                session.add(
                    PrescriberSignature(
                        user_id=user_id, image=signature, sha256=sha256_hex(signature)
                    )
                )
