"""What holds for every letter kind: the same input gives the same bytes, the PDF passes
qpdf's check, every font is embedded, names in any script print, no blank reads 'None',
and one entry point dispatches to the right renderer."""

import hashlib
import io
import subprocess
import sys
from collections.abc import Callable

import pikepdf
import pytest

from reports.letters import (
    Letter,
    LetterKind,
    LetterPatient,
    MissingFactsError,
    kind_of,
    missing_facts,
    render_annual_review_summary,
    render_booster_schedule,
    render_consent_reaffirmation,
    render_letter,
    render_medical_necessity,
    template_version,
)
from reports.model import PageSize
from tests.reports import letter_samples
from tests.reports.letter_samples import flat_text, letterhead
from tests.reports.pdf_probe import STANDARD_14, base_font, fonts, page_texts, reader

BUILDERS: dict[LetterKind, Callable[..., Letter]] = {
    LetterKind.CONSENT_REAFFIRMATION: letter_samples.consent,
    LetterKind.MEDICAL_NECESSITY: letter_samples.necessity,
    LetterKind.ANNUAL_REVIEW_SUMMARY: letter_samples.annual_review,
    LetterKind.BOOSTER_SCHEDULE: letter_samples.schedule,
}
RENDERERS = {
    LetterKind.CONSENT_REAFFIRMATION: render_consent_reaffirmation,
    LetterKind.MEDICAL_NECESSITY: render_medical_necessity,
    LetterKind.ANNUAL_REVIEW_SUMMARY: render_annual_review_summary,
    LetterKind.BOOSTER_SCHEDULE: render_booster_schedule,
}
KINDS = list(LetterKind)
NAMES = ("王小明", "Ωmega Zoë Nguyễn", "Дмитрий Иванов")


def _pdf(kind: LetterKind, **changes: object) -> bytes:
    return render_letter(BUILDERS[kind](**changes))


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_letter_gives_the_same_bytes(kind):
    first = _pdf(kind)
    _pdf(kind, patient=LetterPatient("王小明", letter_samples.patient().date_of_birth, "X"))
    assert _pdf(kind) == first


def test_the_same_letter_gives_the_same_bytes_in_another_process():
    here = {kind: hashlib.sha256(_pdf(kind)).hexdigest() for kind in KINDS}
    script = (
        "import hashlib\n"
        "from reports.letters import render_letter, LetterKind\n"
        "from tests.reports.test_letter_common import BUILDERS\n"
        "for kind in LetterKind:\n"
        "    print(kind.value, hashlib.sha256(render_letter(BUILDERS[kind]())).hexdigest())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    there = dict(line.split() for line in out.splitlines())
    assert there == {kind.value: digest for kind, digest in here.items()}


def test_a_changed_fact_changes_the_bytes():
    assert _pdf(LetterKind.CONSENT_REAFFIRMATION) != _pdf(
        LetterKind.CONSENT_REAFFIRMATION, witness_name="Someone Else"
    )


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("page_size", list(PageSize))
def test_qpdf_finds_no_problem(kind, page_size):
    pdf = _pdf(kind, letterhead=letterhead(page_size))
    with pikepdf.open(io.BytesIO(pdf)) as document:
        check = getattr(document, "check_pdf_syntax", None) or document.check
        assert check() == []
        assert len(document.pages) == len(reader(pdf).pages)


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded_and_none_is_standard_14(kind):
    pdf = _pdf(
        kind, patient=LetterPatient("王小明 Zoë", letter_samples.patient().date_of_birth, "BD-1")
    )
    used = fonts(pdf)
    names = {base_font(font) for font in used}
    assert {"DejaVuSans", "DroidSansFallback"} <= names
    assert not names & STANDARD_14
    for font in used:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, base_font(font)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", NAMES)
def test_names_in_any_script_read_back(kind, name):
    patient = LetterPatient(name, letter_samples.patient().date_of_birth, "BD-0417")
    pdf = _pdf(kind, patient=patient)
    assert name in flat_text(pdf)


@pytest.mark.parametrize("kind", [k for k in KINDS if k is not LetterKind.BOOSTER_SCHEDULE])
def test_the_patients_name_heads_every_later_page(kind):
    patient = LetterPatient("王小明", letter_samples.patient().date_of_birth, "BD-0417")
    pages = page_texts(_pdf(kind, patient=patient))
    assert len(pages) >= 2
    assert all("王小明" in page for page in pages[1:])


@pytest.mark.parametrize("kind", KINDS)
def test_no_letter_prints_none_or_an_empty_placeholder(kind):
    text = flat_text(_pdf(kind))
    assert "None" not in text.replace("None in this period", "")
    assert "()" not in text


@pytest.mark.parametrize("kind", KINDS)
def test_dispatch_finds_the_kind_its_version_and_its_renderer(kind):
    letter = BUILDERS[kind]()
    assert kind_of(letter) is kind
    assert render_letter(letter) == RENDERERS[kind](letter)
    assert missing_facts(letter) == ()
    version = template_version(kind)
    assert version.endswith("-2026.1")
    assert version in flat_text(render_letter(letter))


def test_template_versions_are_distinct_and_kinds_have_labels():
    assert len({template_version(kind) for kind in KINDS}) == 4
    assert LetterKind("necessity") is LetterKind.MEDICAL_NECESSITY
    assert LetterKind.CONSENT_REAFFIRMATION.label == "Consent reaffirmation"


def test_the_refusal_lists_every_missing_fact_without_patient_data():
    letter = letter_samples.necessity(illness_history="", clinical_rationale="")
    with pytest.raises(MissingFactsError) as refused:
        render_letter(letter)
    assert refused.value.missing == (
        "the illness history (onset and duration of the episode)",
        "the clinical rationale",
    )
    message = str(refused.value)
    assert message == (
        "This letter cannot be printed until these are entered: the illness history (onset "
        "and duration of the episode); the clinical rationale."
    )
    assert "Zoë" not in message and "XKH448812901" not in message


def test_dispatch_refuses_what_is_not_a_letter():
    with pytest.raises(TypeError):
        kind_of("not a letter")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        render_letter(object())  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", KINDS)
def test_the_version_line_ends_the_letter_beside_the_text_before_it(kind):
    last = " ".join(page_texts(_pdf(kind))[-1].split())
    version = template_version(kind)
    assert version in last
    before = {
        LetterKind.CONSENT_REAFFIRMATION: "Witness's signature",
        LetterKind.MEDICAL_NECESSITY: "Please contact me at (562) 555-0143",
        LetterKind.ANNUAL_REVIEW_SUMMARY: "NPI 1234567893",
        LetterKind.BOOSTER_SCHEDULE: "Before and after TMS",
    }[kind]
    assert before in last
    assert last.index(before) < last.index(version)
