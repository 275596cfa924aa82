"""A session's problems before signing, shown as ProblemDisplay (ui/forms.py) shows them:
the messages in red under the form, each field at fault outlined, the first one focused.
The outline goes over a field's "new each session" tint instead of wiping it."""

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QLabel, QWidget

from clinical.record.validation import Problem
from ui.sessions.look import paint

MAX_LINES = 8


class SessionProblems:
    def __init__(
        self,
        label: QLabel,
        fields: Callable[[], dict[str, QWidget]],
        reveal: Callable[[QWidget], None],
    ) -> None:
        self._label = label
        self._fields = fields
        self._reveal = reveal
        self._outlined: list[QWidget] = []
        label.setWordWrap(True)
        label.setStyleSheet("color: #b71c1c; font-weight: 600;")
        label.hide()

    def show(self, problems: Sequence[Problem]) -> None:
        self.clear()
        lines = [problem.message for problem in problems[:MAX_LINES]]
        if len(problems) > MAX_LINES:
            lines.append(f"…and {len(problems) - MAX_LINES} more, outlined in red above.")
        self._label.setText("\n".join(lines))
        self._label.setVisible(bool(problems))
        fields = self._fields()
        first: QWidget | None = None
        for problem in problems:
            widget = fields.get(problem.field)
            if widget is not None:
                paint(widget, invalid=True)
                self._outlined.append(widget)
                first = first or widget
        if first is not None:
            self._reveal(first)
            first.setFocus()

    def clear(self) -> None:
        self._label.clear()
        self._label.hide()
        for widget in self._outlined:
            paint(widget)
        self._outlined = []
