"""Reading a rendered PDF back: its text, where each piece of text sits, its fonts."""

import io
import unicodedata
from dataclasses import dataclass

import pypdf
from pypdf.generic import DictionaryObject

STANDARD_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """Each page's extracted text, NFC-normalised so composed and decomposed forms match."""
    return [unicodedata.normalize("NFC", page.extract_text()) for page in reader(pdf).pages]


@dataclass(frozen=True)
class Placed:
    text: str
    x: float  # baseline start, PDF points from the page's bottom-left corner
    y: float
    size: float  # font size as drawn (after any scaling)


def placed_text(pdf: bytes, page_index: int) -> list[Placed]:
    """Every text fragment on a page with its baseline position in page coordinates."""
    found: list[Placed] = []

    def visit(text: str, cm: list, tm: list, _font: object, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (cm[3] ** 2 + cm[1] ** 2) ** 0.5 * (tm[3] ** 2 + tm[1] ** 2) ** 0.5
        found.append(Placed(unicodedata.normalize("NFC", text), x, y, size * scale))

    reader(pdf).pages[page_index].extract_text(visitor_text=visit)
    return found


def _fonts_in(resources: DictionaryObject, seen: set[int], out: list[DictionaryObject]) -> None:
    fonts = resources.get("/Font")
    if fonts is not None:
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                out.append(font)
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xobject = ref.get_object()
            inner = xobject.get("/Resources")
            if xobject.get("/Subtype") == "/Form" and inner is not None:
                _fonts_in(inner.get_object(), seen, out)


def fonts(pdf: bytes) -> list[DictionaryObject]:
    """Every font dictionary the pages (and forms drawn on them) use."""
    seen: set[int] = set()
    out: list[DictionaryObject] = []
    for page in reader(pdf).pages:
        resources = page.get("/Resources")
        if resources is not None:
            _fonts_in(resources.get_object(), seen, out)
    return out


def base_font(font: DictionaryObject) -> str:
    """'DejaVuSans' from '/AAAAAA+DejaVuSans' (subset prefix dropped)."""
    return str(font["/BaseFont"]).lstrip("/").split("+")[-1]


def image_count(pdf: bytes, page_index: int) -> int:
    resources = reader(pdf).pages[page_index]["/Resources"]
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return 0
    return sum(
        1 for ref in xobjects.get_object().values() if ref.get_object()["/Subtype"] == "/Image"
    )
