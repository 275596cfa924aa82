"""Save a draft shortly after the typing stops, and at once when asked (focus leaves a
field, the window closes or hides): a crash loses at most the field being typed."""

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

DEFAULT_DELAY_MS = 400


class Autosave(QObject):
    def __init__(
        self,
        save: Callable[[], bool],
        delay_ms: int = DEFAULT_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._on_timer_timeout)

    def schedule(self) -> None:
        """Another change: wait for the typing to pause (each change restarts the wait)."""
        self.timer.start()

    def flush(self) -> bool:
        """Save now if anything is waiting; True when nothing is left unsaved."""
        self.timer.stop()
        return self._save()

    def stop(self) -> None:
        self.timer.stop()

    def _on_timer_timeout(self) -> None:
        self._save()
