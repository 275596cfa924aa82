"""Where things go on the page, in PDF points (origin at the bottom-left corner).

The recipient's address must show through a window envelope however the folded sheet
shifts inside it. For each paper size the address zone below is the part of the page that
is inside the window in *every* position of the insert (the sheet can slide up/down and
left/right by the envelope's spare room), narrowed by a clearance on the left and right.

US Letter, #10 window envelope (the common single-window "standard" window):
  envelope 9 1/2" x 4 1/8"; window 4 1/2" wide x 1 1/8" high, 7/8" from the left edge and
  1/2" from the bottom edge (trade convention: size given height x width, position
  left then bottom). The 8 1/2" x 11" sheet is folded in thirds, so the top panel is
  11/3" = 3.667" high: 0.458" of vertical and 1" of horizontal play.
  Window on the sheet: 2.500"-3.625" from the top with the sheet up, 2.042"-3.167" with it
  down; 0.875"-5.375" from the left with the sheet left, -0.125"-4.375" with it right.
  Always visible: 2.500"-3.167" from the top, 0.875"-4.375" from the left.
  With 1/8" clearance left and right: address zone 1.000"-4.250" x 2.500"-3.167"
  (room for four lines at 10 pt, five at 8 pt). Fold marks at 11/3" and 22/3".

A4, DIN 5008 form B (the German business-letter layout, paired with DIN 676 fold marks),
for DIN 680 DL window envelopes:
  address field 85 x 45 mm, 20 mm from the left edge and 45 mm from the top; its upper
  17.7 mm are for postal endorsements, the recipient goes in the lower 27.3 mm
  (62.7-90 mm from the top), text indented 5 mm (25 mm from the left, the body margin).
  DL envelope 220 x 110 mm, window 90 x 45 mm, 20 mm from the left and 15 mm from the
  bottom; the sheet folded at the DIN 676 fold mark (105 mm) has 5 mm of vertical and
  10 mm of horizontal play, so the window always shows 50-90 mm from the top and
  20-100 mm from the left. Address zone, with the same 1/8" clearance on the right:
  25-96.8 mm x 62.7-90 mm (six lines at 10 pt).
  Fold marks at 105 and 210 mm, hole-punch mark at 148.5 mm.

Window positions vary between envelope makers: check one printed letter against the
clinic's envelopes before a large mailing.
"""

from dataclasses import dataclass

from reportlab.lib.units import inch, mm

from reports.model import PageSize


@dataclass(frozen=True)
class Rect:
    """A rectangle in PDF points: x0 < x1 left to right, y0 < y1 bottom to top."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def contains(self, x: float, y: float, tolerance: float = 0.01) -> bool:
        return (
            self.x0 - tolerance <= x <= self.x1 + tolerance
            and self.y0 - tolerance <= y <= self.y1 + tolerance
        )


@dataclass(frozen=True)
class WindowEnvelope:
    """An envelope with one address window, in points. The window's position is measured
    from the envelope's left and bottom edges (window facing you, flap at the top)."""

    name: str
    width: float
    height: float
    window_left: float
    window_bottom: float
    window_width: float
    window_height: float

    def always_visible(self, sheet_width: float, panel_height: float) -> tuple[float, ...]:
        """(left, top, right, bottom) measured from the sheet's top-left corner: the part of
        the sheet's top panel inside the window however far it slides."""
        play_x = self.width - sheet_width
        play_y = self.height - panel_height
        window_top = self.height - self.window_bottom - self.window_height
        window_bottom = self.height - self.window_bottom
        left = self.window_left  # sheet pushed to the left edge
        right = self.window_left + self.window_width - play_x  # sheet pushed right
        top = window_top  # sheet pushed up (its top at the envelope's top)
        bottom = window_bottom - play_y  # sheet pushed down
        return left, top, right, bottom


NO10_WINDOW = WindowEnvelope(
    name="#10 window envelope",
    width=9.5 * inch,
    height=4.125 * inch,
    window_left=0.875 * inch,
    window_bottom=0.5 * inch,
    window_width=4.5 * inch,
    window_height=1.125 * inch,
)

DL_WINDOW = WindowEnvelope(
    name="DL window envelope (DIN 680)",
    width=220 * mm,
    height=110 * mm,
    window_left=20 * mm,
    window_bottom=15 * mm,
    window_width=90 * mm,
    window_height=45 * mm,
)

# DIN 5008 form B: address field and its recipient ("Anschrift") zone, from the top-left.
DIN5008_FIELD_LEFT = 20 * mm
DIN5008_FIELD_TOP = 45 * mm
DIN5008_FIELD_WIDTH = 85 * mm
DIN5008_FIELD_HEIGHT = 45 * mm
DIN5008_ENDORSEMENT_ZONE = 17.7 * mm
DIN5008_TEXT_INDENT = 5 * mm
DIN676_FOLDS = (105 * mm, 210 * mm)
DIN676_PUNCH = 148.5 * mm

# Kept free between the address and the window's left and right sides: the usual 1/8"
# rule of thumb for window envelopes, so no letter touches the window's edge.
WINDOW_CLEARANCE = 0.125 * inch


@dataclass(frozen=True)
class PageGeometry:
    """Every fixed position the base document uses, for one paper size."""

    page_size: PageSize
    width: float
    height: float
    left_margin: float
    right_margin: float
    top_margin: float
    letterhead: Rect  # band on page 1 for logo, clinic name, address, phone and fax
    address_zone: Rect  # the recipient's lines, always inside the envelope window
    window: Rect  # the envelope window as it lies on the sheet in every position
    reference: Rect  # beside the address: date, patient, member ID ...
    first_body_top: float  # page 1 body frame top, when a recipient or references print
    plain_first_body_top: float  # page 1 body frame top without them
    running_header: Rect  # later pages: clinic, title, patient, date of birth
    later_body_top: float
    body_bottom: float
    footer_baseline: float
    fold_marks: tuple[float, ...]  # y of short marks at the left edge
    punch_mark: float | None

    @property
    def body_width(self) -> float:
        return self.width - self.left_margin - self.right_margin


def _from_top(height: float, left: float, top: float, right: float, bottom: float) -> Rect:
    return Rect(left, height - bottom, right, height - top)


def _letter() -> PageGeometry:
    width, height = PageSize.LETTER.points
    margin = 1.0 * inch
    left, top, right, bottom = NO10_WINDOW.always_visible(width, height / 3)
    window = _from_top(height, left, top, right, bottom)
    zone = _from_top(height, left + WINDOW_CLEARANCE, top, right - WINDOW_CLEARANCE, bottom)
    return PageGeometry(
        page_size=PageSize.LETTER,
        width=width,
        height=height,
        left_margin=margin,
        right_margin=margin,
        top_margin=0.5 * inch,
        letterhead=_from_top(height, margin, 0.5 * inch, width - margin, 1.95 * inch),
        address_zone=zone,
        window=window,
        reference=_from_top(height, 4.75 * inch, top, width - margin, 3.45 * inch),
        first_body_top=height - 3.6 * inch,
        plain_first_body_top=height - 2.1 * inch,
        running_header=_from_top(height, margin, 0.5 * inch, width - margin, 0.95 * inch),
        later_body_top=height - 1.2 * inch,
        body_bottom=0.85 * inch,
        footer_baseline=0.45 * inch,
        fold_marks=(height - height / 3, height - 2 * height / 3),
        punch_mark=None,
    )


def _a4() -> PageGeometry:
    width, height = PageSize.A4.points
    left_margin, right_margin = 25 * mm, 20 * mm
    w_left, w_top, w_right, w_bottom = DL_WINDOW.always_visible(width, DIN676_FOLDS[0])
    window = _from_top(height, w_left, w_top, w_right, w_bottom)
    zone_top = max(DIN5008_FIELD_TOP + DIN5008_ENDORSEMENT_ZONE, w_top)
    zone_bottom = min(DIN5008_FIELD_TOP + DIN5008_FIELD_HEIGHT, w_bottom)
    zone_left = max(DIN5008_FIELD_LEFT + DIN5008_TEXT_INDENT, w_left)
    zone_right = min(DIN5008_FIELD_LEFT + DIN5008_FIELD_WIDTH, w_right - WINDOW_CLEARANCE)
    return PageGeometry(
        page_size=PageSize.A4,
        width=width,
        height=height,
        left_margin=left_margin,
        right_margin=right_margin,
        top_margin=10 * mm,
        letterhead=_from_top(height, left_margin, 10 * mm, width - right_margin, 41 * mm),
        address_zone=_from_top(height, zone_left, zone_top, zone_right, zone_bottom),
        window=window,
        # DIN 5008 form B information block, 125 mm from the left; its top is lined up
        # with the address's first line rather than at 50 mm, which looks tidier.
        reference=_from_top(height, 125 * mm, zone_top, width - right_margin, 95 * mm),
        first_body_top=height - 98.46 * mm,
        plain_first_body_top=height - 50 * mm,
        running_header=_from_top(height, left_margin, 10 * mm, width - right_margin, 22 * mm),
        later_body_top=height - 30 * mm,
        body_bottom=22 * mm,
        footer_baseline=12 * mm,
        fold_marks=tuple(height - y for y in DIN676_FOLDS),
        punch_mark=height - DIN676_PUNCH,
    )


def geometry(page_size: PageSize) -> PageGeometry:
    return _letter() if page_size is PageSize.LETTER else _a4()
