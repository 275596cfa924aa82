"""Whether a Qt window can be shown here, and what to say when it cannot."""

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


def display_available() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
