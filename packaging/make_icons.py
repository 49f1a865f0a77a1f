"""Render resources/icons/warta.svg (and warta-small.svg) to PNGs and the Windows .ico.

    python packaging/make_icons.py

Uses QtSvg offscreen (no display needed) and Pillow for the multi-size ICO.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "warta.svg"
# Below 32 px the W and the handle turn to mush; a simplified drawing is used.
SMALL_SVG = ICONS / "warta-small.svg"
SMALL_MAX = 24
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "warta.png"


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SMALL_SVG if size <= SMALL_MAX else SVG))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    images = {}
    for size in SIZES:
        # Re-encode with Pillow at maximum compression: the files ship in every bundle.
        image = Image.open(io.BytesIO(render(size)))
        image.load()
        images[size] = image
        target = png_path(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(target, optimize=True)
    # Pillow writes each ICO entry from the largest image unless given exact bitmaps.
    ico = images[ICO_SIZES[-1]]
    ico.save(
        ICONS / "warta.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES[:-1]],
    )
    for size in SIZES:
        print(f"{png_path(size).relative_to(ROOT)}  {png_path(size).stat().st_size} bytes")
    print(f"resources/icons/warta.ico  {(ICONS / 'warta.ico').stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
