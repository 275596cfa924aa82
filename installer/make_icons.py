"""Draw the icon files from installer/icons/boosterdesk.svg; run once after changing the SVG.

    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icons.py

Writes boosterdesk.png (256x256, Linux), boosterdesk.ico (Windows) and boosterdesk.icns
(macOS) beside the SVG. The outputs are committed, so a build never needs to draw them.
"""

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).with_name("icons")


def render(svg: Path, size: int, target: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(target)):
        raise SystemExit(f"could not write {target}")


def main() -> int:
    QGuiApplication(sys.argv[:1])
    svg = ICONS / "boosterdesk.svg"
    png = ICONS / "boosterdesk.png"
    render(svg, 256, png)
    large = ICONS / "boosterdesk-1024.png"
    render(svg, 1024, large)
    with Image.open(large) as image:
        image.save(
            ICONS / "boosterdesk.ico",
            sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
        )
        image.save(ICONS / "boosterdesk.icns")
    large.unlink()
    print(f"wrote {png.name}, boosterdesk.ico and boosterdesk.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
