"""One treatment session, documented as it happens: the form of its modality, saved as it
is typed, signed when complete, then read-only with its addenda.

A window of its own (not modal): a Spravato session is watched for two hours while the rest
of the program stays in use. Keys: Tab through the form, Ctrl+Enter signs, Escape closes
(the draft is kept). The draft is saved 400 ms after typing pauses, whenever focus leaves a
field, and when the window closes or hides (the screen lock hides it).
"""

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clinical.record.validation import Problem
from clinical.sessions import OverrideKey, SessionContent, VitalsPoint
from db.accounts.roles import Permission
from db.errors import ClinicError, InvalidEntryError, StaleEditError
from db.scales.views import RecordedScale
from db.sessions.ui_queries import scales_at_session
from db.sessions.views import SessionView
from db.sessions.workflows import save_draft, save_vitals, session_view, sign_session
from ui.scales.alert_dialog import SafetyAlertDialog
from ui.scales.record_scale_dialog import RecordScaleDialog
from ui.sessions.addenda_box import AddendaBox
from ui.sessions.addendum_dialog import AddendumDialog
from ui.sessions.autosave import DEFAULT_DELAY_MS, Autosave
from ui.sessions.look import QUIET, SIGNED_BANNER, STALE_BANNER
from ui.sessions.problem_list import SessionProblems
from ui.sessions.session_form import SessionForm
from ui.workspace import Workspace


def _banner(name: str, style: str, label: QLabel) -> QFrame:
    frame = QFrame(objectName=name)
    frame.setStyleSheet(style)
    label.setWordWrap(True)
    layout = QHBoxLayout(frame)
    layout.setContentsMargins(10, 6, 6, 6)
    layout.addWidget(label, 1)
    frame.hide()
    return frame


class SessionWindow(QWidget):
    saved = Signal(object)  # SessionView, after each save of the draft
    signed = Signal(object)  # SessionView
    amended = Signal(object)  # SessionView, with a new addendum
    closed = Signal(int)  # the patient's id

    def __init__(
        self,
        workspace: Workspace,
        view: SessionView,
        *,
        today: Callable[[], date] = date.today,
        autosave_ms: int = DEFAULT_DELAY_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("sessionWindow")
        self._workspace = workspace
        # The person who opened it: a window parked by the screen lock never saves as
        # whoever signs in next.
        self._actor = workspace.actor
        self._today = today
        self.view = view
        self._saved_state = (view.content, dict(view.overrides))
        self._stale = False
        self._close_anyway = False
        self.dialog: QDialog | None = None
        self.may_document = self._actor.may(Permission.DOCUMENT_SESSION)
        self.may_vitals = self._actor.may(Permission.RECORD_VITALS)
        self.may_sign = self._actor.may(Permission.SIGN_SESSION)

        self.name = QLabel(objectName="sessionPatient")
        self.name.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.facts = QLabel(objectName="sessionFacts")
        self.save_status = QLabel(objectName="saveStatus")
        self.save_status.setStyleSheet(QUIET)
        header = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name)
        names.addWidget(self.facts)
        header.addLayout(names, 1)
        header.addWidget(self.save_status, 0, Qt.AlignmentFlag.AlignBottom)

        self.stale_label = QLabel(objectName="staleMessage")
        self.reload_button = QPushButton("Open it again", objectName="reloadSession")
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        self.stale_banner = _banner("staleBanner", STALE_BANNER, self.stale_label)
        self.stale_banner.layout().addWidget(self.reload_button)
        self.signed_label = QLabel(objectName="signedBy")
        self.signed_banner = _banner("signedBanner", SIGNED_BANNER, self.signed_label)

        self.form = SessionForm(view)
        self.form.changed.connect(self._on_form_changed)
        self.form.field_left.connect(self._on_form_field_left)
        self.form.layout_changed.connect(self._set_tab_order)
        self.form.scale.record_requested.connect(self.open_scale_dialog)
        self.addenda = AddendaBox()
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.form)
        body_layout.addWidget(self.addenda)
        self.scroll = QScrollArea(objectName="sessionScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(body)

        self.problem_label = QLabel(objectName="problems")
        self.problems = SessionProblems(self.problem_label, self.form.fields, self._reveal)
        self.sign_button = QPushButton("Sign session", objectName="signSession")
        self.sign_button.setToolTip("Sign the session (Ctrl+Enter); it cannot change afterwards")
        self.sign_button.clicked.connect(self.sign)
        self.addendum_button = QPushButton("Add addendum…", objectName="addAddendum")
        self.addendum_button.clicked.connect(self.open_addendum_dialog)
        self.close_button = QPushButton("Close", objectName="closeSession")
        self.close_button.setToolTip("Close (Escape); the draft is kept")
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.addendum_button)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.stale_banner)
        layout.addWidget(self.signed_banner)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.problem_label)
        layout.addLayout(buttons)

        self.autosave = Autosave(self.save_now, autosave_ms, self)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.sign)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self._show(view)
        self._show_scales()
        self._fit_to_screen()

    # Showing ---------------------------------------------------------------------------

    def _fit_to_screen(self) -> None:
        available = self.screen().availableGeometry()
        self.resize(
            min(1240, available.width() * 95 // 100), min(860, available.height() * 9 // 10)
        )

    def _show(self, view: SessionView) -> None:
        self.view = view
        self._saved_state = (view.content, dict(view.overrides))
        self.setWindowTitle(
            f"Session: {view.patient_name} · {view.modality.label} · {view.session_on:%Y-%m-%d}"
        )
        self.name.setText(view.patient_name)
        state = "Signed" if view.signed else "Draft"
        self.facts.setText(
            f"MRN {view.mrn} · born {view.date_of_birth:%Y-%m-%d} · {view.modality.label} · "
            f"{view.session_on:%A %Y-%m-%d} · {state}"
        )
        self.form.load(view)
        editable = not view.signed and (self.may_document or self.may_vitals)
        self.form.set_read_only(
            view.signed or not self.may_document, vitals_editable=editable and self.may_vitals
        )
        if view.signed:
            self.form.mark(frozenset(), frozenset())
            signed_at = view.signed_at.astimezone() if view.signed_at else None
            when = f" on {signed_at:%Y-%m-%d at %H:%M}" if signed_at else ""
            self.signed_label.setText(
                f"Signed by {view.signed_by}{when}. The record is read-only; "
                "a correction is an addendum, kept with who, when and why."
            )
            self.save_status.clear()
        self.signed_banner.setVisible(view.signed)
        self.addenda.show_addenda(view.addenda)
        self.sign_button.setVisible(not view.signed and self.may_sign)
        self.addendum_button.setVisible(view.signed and self.may_document)
        self.form.scale.set_signed(view.scale_name, view.signed)
        self.form.scale.record_button.setVisible(
            not view.signed and self._actor.may(Permission.RECORD_SCALES)
        )
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        self.form.set_tab_order([self.addendum_button, self.sign_button, self.close_button])

    def _reveal(self, widget: QWidget) -> None:
        self.scroll.ensureWidgetVisible(widget, 40, 60)

    def _show_scales(self) -> None:
        try:
            given = scales_at_session(self._workspace.database, self._actor, self.view.id)
        except ClinicError:
            return
        self.form.scale.show_recorded([scale.text for scale in given])

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self.view.signed and self.focusWidget() is None:
            self.form.vitals.rows[VitalsPoint.BEFORE].taken_at.setFocus()

    # Saving ----------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        return not self._stale and not self.view.signed and (self.may_document or self.may_vitals)

    def _on_form_changed(self) -> None:
        if self.editable:
            self.autosave.schedule()

    def _on_form_field_left(self) -> None:
        if self.editable:
            self.autosave.flush()

    def _unsaved(self) -> tuple[SessionContent, dict[OverrideKey, str]] | None:
        current = (self.form.content(), self.form.overrides())
        return None if current == self._saved_state else current

    @property
    def has_unsaved_changes(self) -> bool:
        """Whether the form holds anything the stored draft does not."""
        return self.editable and self._unsaved() is not None

    def save_now(self) -> bool:
        """Save the draft if it changed; False when it could not be saved."""
        if not self.editable:
            return True
        unsaved = self._unsaved()
        if unsaved is None:
            return True
        content, overrides = unsaved
        database = self._workspace.database
        try:
            if self.may_document:
                view = save_draft(
                    database, self._actor, self.view.id, self.view.version, content, overrides
                )
            else:
                view = self.view
                for point in VitalsPoint:
                    vitals = content.common.vitals(point)
                    if vitals != view.content.common.vitals(point):
                        view = save_vitals(
                            database, self._actor, view.id, view.version, point, vitals
                        )
        except StaleEditError as refused:
            self._show_stale(str(refused))
            return False
        except ClinicError as refused:
            self.save_status.setStyleSheet("color: #b71c1c;")
            self.save_status.setText(f"Not saved: {refused}")
            return False
        self.view = view
        self._saved_state = (content, overrides)
        self.save_status.setStyleSheet(QUIET)
        self.save_status.setText(f"Draft saved {datetime.now():%H:%M}")
        self.saved.emit(view)
        return True

    def _show_stale(self, message: str) -> None:
        self._stale = True
        self.autosave.stop()
        self.stale_label.setText(message)
        self.stale_banner.show()
        self.sign_button.setEnabled(False)

    def _on_reload_button_clicked(self) -> None:
        try:
            fresh = session_view(self._workspace.database, self._actor, self.view.id)
        except ClinicError as refused:
            self.stale_label.setText(str(refused))
            return
        self._stale = False
        self.stale_banner.hide()
        self.sign_button.setEnabled(True)
        self._show(fresh)

    # Signing ---------------------------------------------------------------------------

    def sign(self) -> None:
        if self.view.signed or not self.may_sign or self._stale:
            return
        if not self.autosave.flush():
            return
        try:
            view = sign_session(
                self._workspace.database,
                self._actor,
                self.view.id,
                self.view.version,
                self.form.overrides(),
                today=self._today(),
            )
        except InvalidEntryError as refused:
            self.problems.show(refused.problems)
            return
        except StaleEditError as refused:
            self._show_stale(str(refused))
            return
        except ClinicError as refused:
            self.problems.show([Problem("", str(refused))])
            return
        self.problems.clear()
        self._show(view)
        self.signed.emit(view)

    # Addenda and scales ------------------------------------------------------------------

    def open_addendum_dialog(self) -> None:
        dialog = AddendumDialog(self._workspace.database, self._actor, self.view, self)
        self._keep(dialog)
        dialog.added.connect(self._on_addendum_added)
        dialog.open()

    def _on_addendum_added(self, view: SessionView) -> None:
        self._show(view)
        self.amended.emit(view)

    def open_scale_dialog(self) -> None:
        if not self.autosave.flush():
            return
        dialog = RecordScaleDialog(
            self._workspace,
            self.view.patient_id,
            instrument_code=self.view.content.common.scale_due or "PHQ9",
            session_id=self.view.id,
            parent=self,
        )
        self._keep(dialog)
        dialog.recorded.connect(self._on_scale_recorded)
        dialog.open()

    def _on_scale_recorded(self, recorded: RecordedScale) -> None:
        self._show_scales()
        if recorded.alerts:
            alert = SafetyAlertDialog(self._workspace, self.view.patient_id, recorded.alerts, self)
            self._keep(alert)
            alert.open()

    def _keep(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def forget() -> None:
            if self.dialog is dialog:
                self.dialog = None

        dialog.finished.connect(forget)
        self.dialog = dialog

    # Closing ---------------------------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt override)
        self.autosave.flush()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.autosave.flush() and not self._stale and not self._close_anyway:
            # Not saved (a full disk, a lost server): say so once; closing again discards.
            self._close_anyway = True
            self.save_status.setText(
                self.save_status.text() + " Close again to discard what was typed."
            )
            event.ignore()
            return
        self.autosave.stop()
        self.closed.emit(self.view.patient_id)
        super().closeEvent(event)
