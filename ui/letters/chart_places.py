"""Taking the person to where a missing fact is entered: a tab of the open chart, or an
area of the window (the calendar, the settings)."""

from typing import Protocol

from PySide6.QtWidgets import QTabWidget, QWidget

from db.letters import FixPlace

# The chart tab each place is on, by the chart page's attribute name.
_TABS = {
    FixPlace.DEMOGRAPHICS: "demographics",
    FixPlace.INSURANCE: "demographics",
    FixPlace.DIAGNOSES: "diagnoses",
    FixPlace.MEDICATION_TRIALS: "medications",
    FixPlace.PSYCHOTHERAPY: "psychotherapy",
    FixPlace.SCALES: "scales",
    FixPlace.COURSE: "treatment",
    FixPlace.SESSIONS: "sessions",
    FixPlace.CHECKLIST: "checklist",
    FixPlace.ANNUAL_REVIEW: "letters",
    FixPlace.LETTER_FORM: "letters",
}
# Where a place has no tab of its own, the tab that comes closest.
_FALLBACK = {"sessions": "treatment"}
_AREAS = {FixPlace.CALENDAR: "Calendar", FixPlace.LETTERHEAD_SETTINGS: "Settings"}


class Chart(Protocol):
    tabs: QTabWidget

    def window(self) -> QWidget: ...


def _tab_holding(tabs: QTabWidget, widget: QWidget) -> int:
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if page is widget or page.isAncestorOf(widget):
            return index
    return -1


def show_place(chart: Chart, place: FixPlace) -> bool:
    """Show `place`; False when it is not on this screen for this person."""
    if place in _AREAS:
        show_area = getattr(chart.window(), "show_area", None)
        return bool(callable(show_area) and show_area(_AREAS[place]))
    name = _TABS.get(place)
    widget = getattr(chart, name, None) if name else None
    if widget is None and name in _FALLBACK:
        widget = getattr(chart, _FALLBACK[name], None)
    if not isinstance(widget, QWidget):
        return False
    index = _tab_holding(chart.tabs, widget)
    if index < 0 or not chart.tabs.isTabVisible(index):
        return False
    chart.tabs.setCurrentIndex(index)
    if place is FixPlace.ANNUAL_REVIEW:
        open_review = getattr(widget, "open_annual_review", None)
        if callable(open_review):
            open_review()
    return True
