"""Opening a session window from anywhere (the calendar, the chart, Today): start the draft
for an appointment or open a session, and bring an already open window of the same session
forward instead of opening a second one (two windows on one draft would refuse each other's
saves as stale).

`changed` is emitted with the patient's id when a session was signed, amended or closed, so
the screen that opened it can reload.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from db.errors import ClinicError
from db.sessions.views import SessionView
from db.sessions.workflows import session_view, start_session
from ui.sessions.session_window import SessionWindow
from ui.workspace import Workspace

# Open windows by (database, session id), across every opener of the program.
_OPEN: dict[tuple[int, int], SessionWindow] = {}


def open_window(workspace: Workspace, session_id: int) -> SessionWindow | None:
    return _OPEN.get((id(workspace.database), session_id))


class SessionOpener(QObject):
    changed = Signal(int)  # the patient's id

    def __init__(
        self,
        workspace: Workspace,
        parent_widget: QWidget,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent_widget)
        self._workspace = workspace
        self._parent = parent_widget
        self.today = today
        self.window: SessionWindow | None = None
        self.message: QMessageBox | None = None

    def document_appointment(self, appointment_id: int) -> SessionWindow | None:
        """The appointment's session: its draft started (pre-filled) or the one that exists."""
        try:
            view = start_session(
                self._workspace.database,
                self._workspace.actor,
                appointment_id,
                today=self.today(),
            )
        except ClinicError as refused:
            self._warn("The session cannot be started", str(refused))
            return None
        return self._show(view)

    def open_session(self, session_id: int) -> SessionWindow | None:
        existing = open_window(self._workspace, session_id)
        if existing is not None:
            return self._raise(existing)
        try:
            view = session_view(self._workspace.database, self._workspace.actor, session_id)
        except ClinicError as refused:
            self._warn("The session cannot be opened", str(refused))
            return None
        return self._show(view)

    def _show(self, view: SessionView) -> SessionWindow:
        existing = open_window(self._workspace, view.id)
        if existing is not None:
            return self._raise(existing)
        window = SessionWindow(
            self._workspace, view, today=self.today, parent=self._parent.window()
        )
        key = (id(self._workspace.database), view.id)
        _OPEN[key] = window
        for signal in (window.signed, window.amended):
            signal.connect(lambda shown: self.changed.emit(shown.patient_id))
        window.closed.connect(self.changed)
        # Forgotten as it closes (its deletion comes later), so a new open makes a new one.
        window.closed.connect(lambda _patient_id, k=key: self._forget(k))
        window.destroyed.connect(lambda _object=None, k=key: self._forget(k))
        self.window = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _raise(self, window: SessionWindow) -> SessionWindow:
        window.show()
        window.raise_()
        window.activateWindow()
        self.window = window
        return window

    def _forget(self, key: tuple[int, int]) -> None:
        window = _OPEN.pop(key, None)
        if window is not None and window is self.window:
            self.window = None

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self._parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: setattr(self, "message", None))
        self.message = box
        box.open()
