"""The patient list at 20,000 patients: building the clinic, loading the list, searching."""

import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtWidgets import QApplication

from db.database import Database, sqlite_url
from db.demo.generate import generate_demo_clinic
from db.migrate import upgrade_to_head
from db.patients.repository import list_patient_rows, load_chart
from ui.patients.list_model import PatientFilterProxy, PatientTableModel

PATIENTS = 20_000


def run(folder: Path, measure: Callable[[Callable[[], object]], float]) -> Iterator[str]:
    QApplication.instance() or QApplication([])
    database = Database(sqlite_url(folder / "bench.sqlite3"))
    upgrade_to_head(database)
    start = time.perf_counter()
    generate_demo_clinic(database, patients=PATIENTS, seed=1)
    yield f"demo clinic, {PATIENTS:,} patients with histories: {time.perf_counter() - start:.1f} s"

    def load_rows() -> list:
        with database.reading() as session:
            return list_patient_rows(session)

    yield f"load the patient list ({PATIENTS:,} rows): {measure(load_rows):.0f} ms"
    rows = load_rows()
    model = PatientTableModel()
    yield f"fill the list model: {measure(lambda: model.set_rows(rows)):.0f} ms"
    proxy = PatientFilterProxy()
    proxy.setSourceModel(model)
    for query in ("n", "ng", "ngu", "nguyen", "bd-0199", "1980-"):
        def search(text: str = query) -> int:
            proxy.set_query(text)
            return proxy.rowCount()

        yield f"search keystroke '{query}' over {PATIENTS:,}: {measure(search):.1f} ms"
    proxy.set_query("")

    def open_chart() -> object:
        with database.reading() as session:
            return load_chart(session, PATIENTS // 2)

    yield f"open one chart: {measure(open_chart):.1f} ms"
    database.dispose()
