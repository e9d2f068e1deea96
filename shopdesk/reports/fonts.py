"""The report font: one TrueType font that covers Latin, Simplified and Traditional Chinese, embedded.

Windows and macOS ship such fonts; on Linux, WenQuanYi Micro Hei (Debian's
``fonts-wqy-microhei``) does. ReportLab embeds TrueType outlines only, so
PostScript-flavoured fonts (Noto CJK ``.otf``/``.ttc``) are passed over. When
no font is found the user gets a message, never a report of empty boxes.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from shopdesk.domain import errors
from shopdesk.i18n import N_

#: Characters a report font must have: both Chinese scripts, the arrows and dashes of the figures.
COVERAGE = "报報营營体體草稿確认認▲▼—·€¥"

_WINDOWS = ("msyh.ttc", "msjh.ttc", "simsun.ttc", "mingliu.ttc", "msyh.ttf", "simhei.ttf")
_MAC = ("/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/STHeiti Medium.ttc",
        "/System/Library/Fonts/STHeiti Light.ttc", "/System/Library/Fonts/Hiragino Sans GB.ttc",
        "/Library/Fonts/Arial Unicode.ttf", "/System/Library/Fonts/Supplemental/Arial Unicode.ttf")
_LINUX = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
          "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/arphic/ukai.ttc",
          "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
          "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc")


class FontMissing(errors.ShopDeskError):
    """No font for the report's Chinese text was found."""

    msgid = N_("No font covering Simplified and Traditional Chinese was found for the report. Install one "
               "(for example WenQuanYi Micro Hei, Debian package fonts-wqy-microhei) or give the path of a "
               "TrueType font (.ttf or .ttc) in Settings → Reports font.")


class FontUnusable(errors.ShopDeskError):
    """The font named in the settings cannot be used."""

    msgid = N_("The report font {path} cannot be used: {reason}")


def candidates() -> list[Path]:
    """Where this system keeps fonts that may cover Chinese, most suitable first."""
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        return [folder / name for name in _WINDOWS]
    if sys.platform == "darwin":
        return [Path(p) for p in _MAC]
    return [Path(p) for p in _LINUX]


def _load(path: Path) -> TTFont:
    """The font at ``path``; raises TTFError or OSError if ReportLab cannot embed it or it lacks a glyph."""
    font = TTFont(f"ShopDesk-{path.stem}", str(path), subfontIndex=0)
    missing = [c for c in COVERAGE if ord(c) not in font.face.charToGlyph]
    if missing:
        raise TTFError(f"no glyph for {''.join(missing)}")
    return font


@cache
def _registered(path: str) -> str:
    font = _load(Path(path))
    pdfmetrics.registerFont(font)
    return font.fontName


def report_font(preferred: str = "") -> str:
    """Register the report font and return its ReportLab name.

    Args:
        preferred: a font file named in the settings; otherwise the system's fonts are searched.

    Raises:
        FontUnusable: ``preferred`` is not a usable TrueType font.
        FontMissing: no usable font was found.
    """
    if preferred:
        path = Path(preferred).expanduser()
        try:
            return _registered(str(path))
        except (TTFError, OSError) as exc:
            raise FontUnusable(path=str(path), reason=str(exc)) from None
    for path in candidates():
        if path.is_file():
            try:
                return _registered(str(path))
            except (TTFError, OSError):
                continue
    raise FontMissing()
