"""`boosterdesk --check-bundle`: the parts a built bundle can silently lose, each tried once.

PyInstaller follows imports. What the program loads by path or only later (Alembic's
migration files, the fonts folder, Qt plugins, the PDF and chart modules that the letters
and dashboards will use) is where a frozen build breaks, so each is exercised here, off
screen, in a few seconds. Prints one line per check and exits 1 if any failed.
"""

import io
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SAMPLE = "Booster Desk: Zoë Nguyễn Thị Lan, Łódź, Ærø"


class BundleError(Exception):
    pass


def bundle_root() -> Path:
    """The folder the bundle's data files were unpacked into (the source tree when run
    unfrozen, so the check can be tried before building)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    return Path(frozen_root) if frozen_root else Path(__file__).parent


def icon_file() -> Path:
    return bundle_root() / "icons" / "boosterdesk.png"


def check_migrations() -> str:
    from db.migrate import MIGRATIONS_DIR, head_revision

    versions = sorted((MIGRATIONS_DIR / "versions").glob("[0-9]*.py"))
    if not (MIGRATIONS_DIR / "env.py").is_file() or not versions:
        raise BundleError(f"migration files missing from {MIGRATIONS_DIR}")
    return f"{len(versions)} migration files, head {head_revision()}"


def pdf_with_bundled_fonts() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    import reports

    font_dir = Path(reports.__file__).with_name("fonts")
    fonts = sorted(font_dir.glob("*.ttf"))
    if not fonts:
        raise BundleError(f"no fonts in {font_dir}")
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    y = 780
    for path in fonts:
        name = f"bundle-check-{path.stem}"
        pdfmetrics.registerFont(TTFont(name, str(path)))
        canvas.setFont(name, 12)
        canvas.drawString(72, y, f"{path.stem}: {SAMPLE}")
        y -= 20
    canvas.setFont("Helvetica", 12)  # ReportLab's own font metrics
    canvas.drawString(72, y, "Helvetica")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def check_pdf(folder: Path) -> str:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    path = folder / "fonts.pdf"
    path.write_bytes(pdf_with_bundled_fonts())
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise BundleError("QtPdf could not open the PDF ReportLab wrote")
    image = document.render(0, QSize(400, 560))
    if image.isNull() or document.pageCount() != 1:
        raise BundleError("QtPdf could not draw the page")
    view = QPdfView()
    view.setDocument(document)
    view.close()
    size = path.stat().st_size
    return f"ReportLab wrote a PDF with the bundled fonts ({size} bytes); QtPdf drew it"


def check_chart() -> str:
    from PySide6.QtCharts import QChart, QChartView, QLineSeries

    series = QLineSeries()
    for week, score in enumerate((24, 19, 14, 11, 9)):
        series.append(week, score)
    chart = QChart()
    chart.addSeries(series)
    chart.createDefaultAxes()
    view = QChartView(chart)
    view.resize(320, 200)
    if view.grab().isNull():
        raise BundleError("QtCharts could not draw a chart")
    view.close()
    return "QtCharts drew a line chart"


def check_printing(folder: Path) -> str:
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = folder / "printed.pdf"
    printer.setOutputFileName(str(target))
    painter = QPainter()
    if not painter.begin(printer):
        raise BundleError("QPrinter could not start a page")
    painter.drawText(100, 100, SAMPLE)
    painter.end()
    if not target.is_file() or target.stat().st_size == 0:
        raise BundleError("QPrinter wrote nothing")
    printers = len(QPrinterInfo.availablePrinterNames())
    return f"QPrinter printed to PDF; {printers} system printer(s) seen"


def check_plugins() -> str:
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    wanted = {
        "linux": {"platforms": ("xcb", "offscreen"), "printsupport": ("cups",)},
        "win32": {"platforms": ("windows", "offscreen")},
        "darwin": {"platforms": ("cocoa", "offscreen")},
    }.get(sys.platform, {})
    wanted = {**wanted, "imageformats": ("svg", "jpeg"), "iconengines": ("svg",)}
    missing = []
    for kind, names in wanted.items():
        present = [path.name for path in (plugins / kind).glob("*")]
        missing += [f"{kind}/{name}" for name in names if not any(name in p for p in present)]
    if missing:
        raise BundleError(f"Qt plugins missing from {plugins}: {', '.join(missing)}")
    return f"Qt plugins present: {', '.join(sorted(wanted))}"


def check_images() -> str:
    from PySide6.QtGui import QImageReader, QPixmap

    formats = {bytes(name).decode() for name in QImageReader.supportedImageFormats()}
    missing = {"png", "jpeg", "svg"} - formats
    if missing:
        raise BundleError(f"image formats missing: {', '.join(sorted(missing))}")
    if QPixmap(str(icon_file())).isNull():
        raise BundleError(f"the icon did not load from {icon_file()}")
    return "PNG, JPEG and SVG images load; the icon loads"


def check_bundle() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    failed = 0
    with tempfile.TemporaryDirectory(prefix="boosterdesk-bundle-check-") as name:
        folder = Path(name)
        checks: list[Callable[[], str]] = [
            check_migrations,
            lambda: check_pdf(folder),
            check_chart,
            lambda: check_printing(folder),
            check_plugins,
            check_images,
        ]
        for check in checks:
            try:
                print(f"ok      {check()}")
            except Exception as problem:  # every failure is reported, then the next check runs
                failed += 1
                print(f"FAILED  {type(problem).__name__}: {problem}")
    app.processEvents()
    if failed:
        print(f"bundle check failed: {failed} problem(s)")
        return 1
    print("bundle check passed")
    return 0


if __name__ == "__main__":
    sys.exit(check_bundle())
