"""How each instrument's course is read: response, direction, and the unit of change."""

import pytest

from clinical.scales import INSTRUMENTS, ScaleInputError
from clinical.scales.tracking import ChangeUnit, change_unit, follows_response, higher_is_better


@pytest.mark.parametrize(
    ("code", "response", "better_high", "unit"),
    [
        ("PHQ9", True, False, ChangeUnit.PERCENT),
        ("MADRS", True, False, ChangeUnit.PERCENT),
        ("HAMD17", True, False, ChangeUnit.PERCENT),
        ("BDI2", True, False, ChangeUnit.PERCENT),
        ("QIDSSR16", True, False, ChangeUnit.PERCENT),
        ("GAD7", False, False, ChangeUnit.PERCENT),
        ("PCL5", False, False, ChangeUnit.PERCENT),
        ("PHQ2", False, False, ChangeUnit.PERCENT),
        ("CADSS6", False, False, ChangeUnit.POINTS),
        ("MOCA", False, True, ChangeUnit.POINTS),
        ("CSSRS_SCREENER", False, False, ChangeUnit.NONE),
    ],
)
def test_each_instrument_is_followed_its_own_way(
    code: str, response: bool, better_high: bool, unit: ChangeUnit
) -> None:
    assert follows_response(code) is response
    assert higher_is_better(code) is better_high
    assert change_unit(code) is unit


def test_response_is_read_only_from_scales_with_a_total() -> None:
    followed = [instrument for code, instrument in INSTRUMENTS.items() if follows_response(code)]
    assert all(instrument.has_total for instrument in followed)
    # The reference gives the BDI-II no remission threshold; the others have one.
    assert [i.code for i in followed if i.remission is None] == ["BDI2"]


def test_an_unknown_instrument_is_refused() -> None:
    with pytest.raises(ScaleInputError, match="Unknown rating scale 'XYZ'"):
        follows_response("XYZ")
