"""Whether a Qt window can be shown here, and what to say when it cannot."""

import ctypes.util
import os
import sys

NO_DISPLAY_MESSAGE = """\
Booster Desk needs a screen to open its window, and none was found (DISPLAY is not set).

  On a desktop: run it from a terminal inside your desktop session.
  On a server with no screen: run it under a virtual screen,
      xvfb-run -a make run          (install it with: apt-get install xvfb)
  To check that it starts without showing anything:
      QT_QPA_PLATFORM=offscreen .venv/bin/boosterdesk --self-test
"""


MISSING_XCB_MESSAGE = """\
Booster Desk's window needs the X11 cursor library, which is not installed.
On Debian or Ubuntu:  sudo apt-get install libxcb-cursor0
"""


def missing_system_library() -> str | None:
    """Qt 6.5+ needs libxcb-cursor to open a window on X11; say so instead of aborting."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if getattr(sys, "frozen", False):
        return None  # the installed bundle carries its own copy
    if os.environ.get("DISPLAY") and ctypes.util.find_library("xcb-cursor") is None:
        return MISSING_XCB_MESSAGE
    return None


def display_available() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
