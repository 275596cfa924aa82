"""What a letter still lacks, each fact with a link to where it is entered."""

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.letters import FixPlace, MissingFact

_LINK_STYLE = (
    "QPushButton { border: none; color: #0b57d0; text-decoration: underline; "
    "text-align: left; padding: 0 2px; }"
    "QPushButton:hover { color: #063f99; }"
)

# Why a place cannot be reached from here (shown instead of the link), or None.
Unreachable = Callable[[FixPlace], str | None]


class MissingFactsPanel(QFrame):
    place_requested = Signal(int)  # the index of the fact whose link was clicked
    check_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("missingFacts")
        self.setStyleSheet(
            "QFrame#missingFacts { background: #fff8e1; border: 1px solid #f0c36d; "
            "border-radius: 4px; }"
        )
        self.facts: tuple[MissingFact, ...] = ()
        self.links: list[QPushButton | None] = []
        self.title = QLabel(objectName="missingTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setHorizontalSpacing(6)
        self.check_button = QPushButton("Check again", objectName="checkAgain")
        self.check_button.setToolTip("Look at the chart again after entering what was missing")
        self.check_button.clicked.connect(self.check_requested)
        bottom = QHBoxLayout()
        bottom.addStretch()
        bottom.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)
        layout.addLayout(bottom)
        self.hide()

    def show_facts(self, facts: Sequence[MissingFact], unreachable: Unreachable) -> None:
        self._clear()
        self.facts = tuple(facts)
        count = len(self.facts)
        self.title.setText(
            f"This letter cannot be printed yet: {count} thing{'s' if count != 1 else ''} "
            "to enter first."
        )
        for row, fact in enumerate(self.facts):
            bullet = QLabel("•")
            text = QLabel(fact.description)
            text.setWordWrap(True)
            bullet.setAlignment(Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(bullet, 2 * row, 0)
            self.grid.addWidget(text, 2 * row, 1)
            self.links.append(self._link(row, fact.where, unreachable(fact.where)))
        self.setVisible(bool(self.facts))

    def _link(self, row: int, place: FixPlace, why_not: str | None) -> QPushButton | None:
        if why_not is not None:
            note = QLabel(why_not)
            note.setWordWrap(True)
            note.setStyleSheet("color: #555;")
            self.grid.addWidget(note, 2 * row + 1, 1)
            return None
        target = "Go to this letter's form" if place is FixPlace.LETTER_FORM else place.label
        link = QPushButton(f"{target} →", objectName=f"fix_{place.value}")
        link.setStyleSheet(_LINK_STYLE)
        link.setToolTip("Go where this is entered")
        link.clicked.connect(lambda: self.place_requested.emit(row))
        self.grid.addWidget(link, 2 * row, 2, Qt.AlignmentFlag.AlignTop)
        return link

    def link_for(self, place: FixPlace) -> QPushButton | None:
        """The first link to `place` (for tests and the keyboard)."""
        for fact, link in zip(self.facts, self.links, strict=True):
            if fact.where is place and link is not None:
                return link
        return None

    def clear_facts(self) -> None:
        self._clear()
        self.facts = ()
        self.hide()

    def _clear(self) -> None:
        self.links = []
        while self.grid.count():
            item = self.grid.takeAt(0)
            if (widget := item.widget()) is not None:
                widget.deleteLater()
