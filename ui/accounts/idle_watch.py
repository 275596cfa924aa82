"""Notices when nobody has touched the keyboard or mouse for a while."""

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from db.settings.clinic_settings import DEFAULT_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatch(QObject):
    """Any key press, click or mouse movement anywhere in the program restarts the count."""

    idle = Signal()

    def __init__(
        self, minutes: int = DEFAULT_IDLE_LOCK_MINUTES, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        minutes = max(1, min(minutes, MAX_IDLE_LOCK_MINUTES))
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, milliseconds: int) -> None:
        self._timer.setInterval(milliseconds)
        self._timer.start()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def pause(self) -> None:
        self._timer.stop()

    def resume(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    def stop(self) -> None:
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)
