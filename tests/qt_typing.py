"""Typing any text into a widget as key events, accents and non-Latin scripts included.

QTest.keyClicks handles ASCII only (it asserts on anything else), so characters outside
ASCII are sent as key events that carry their text, the way an input method delivers them.
"""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    for character in text:
        if character.isascii():
            QTest.keyClicks(widget, character)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                character,
                Qt.KeyboardModifier.NoModifier,
            )
