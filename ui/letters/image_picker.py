"""A picture the clinic gives the program (a logo, a signature): a thumbnail, Choose… and
Remove. The file is read once when chosen; only its bytes are kept."""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from db.letters.images import image_problem


class ImagePicker(QWidget):
    changed = Signal()
    problem = Signal(str)  # why a chosen file was not taken

    def __init__(self, what: str, thumbnail_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what  # "The logo"
        self._height = thumbnail_height
        self.image: bytes | None = None
        self.file_dialog: QFileDialog | None = None
        self.thumbnail = QLabel(objectName="thumbnail")
        self.thumbnail.setFixedSize(thumbnail_height * 4, thumbnail_height + 8)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet("border: 1px solid #cfd4d9; background: white; color: #777;")
        self.choose_button = QPushButton("Choose…", objectName="chooseImage")
        self.remove_button = QPushButton("Remove", objectName="removeImage")
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnail)
        layout.addWidget(self.choose_button)
        layout.addWidget(self.remove_button)
        layout.addStretch()
        self.set_image(None)

    def set_image(self, image: bytes | None) -> None:
        self.image = image
        pixmap = QPixmap()
        if image is not None and pixmap.loadFromData(image):
            self.thumbnail.setPixmap(
                pixmap.scaledToHeight(self._height, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText("none")
        self.remove_button.setEnabled(image is not None)

    def load_file(self, path: Path) -> bool:
        """Take the picture in `path`; False (and `problem` said why) when it cannot be."""
        try:
            data = path.read_bytes()
        except OSError as failed:
            self.problem.emit(f"{self._what} could not be read: {failed.strerror or failed}.")
            return False
        if (why := image_problem(data, self._what)) is not None:
            self.problem.emit(why)
            return False
        self.set_image(data)
        self.changed.emit()
        return True

    def _on_choose_button_clicked(self) -> None:
        dialog = QFileDialog(self, f"Choose {self._what.lower().removeprefix('the ')}")
        dialog.setObjectName("imageFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setNameFilter("Pictures (*.png *.jpg *.jpeg)")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.load_file(Path(path)))
        dialog.finished.connect(self._on_file_dialog_finished)
        self.file_dialog = dialog
        dialog.open()

    def _on_file_dialog_finished(self, _result: int) -> None:
        self.file_dialog = None

    def _on_remove_button_clicked(self) -> None:
        self.set_image(None)
        self.changed.emit()
