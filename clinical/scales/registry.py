"""Every instrument the program scores, by its stable code, in the order a picker shows them."""

from collections.abc import Mapping
from types import MappingProxyType

from clinical.scales.instruments.bdi2 import BDI2
from clinical.scales.instruments.cadss6 import CADSS6
from clinical.scales.instruments.cssrs_screener import CSSRS_SCREENER
from clinical.scales.instruments.gad7 import GAD7
from clinical.scales.instruments.hamd17 import HAMD17
from clinical.scales.instruments.madrs import MADRS
from clinical.scales.instruments.moca import MOCA
from clinical.scales.instruments.pcl5 import PCL5
from clinical.scales.instruments.phq2 import PHQ2
from clinical.scales.instruments.phq9 import PHQ9
from clinical.scales.instruments.qids_sr16 import QIDS_SR16
from clinical.scales.model import Instrument, ScaleInputError

_IN_PICKER_ORDER = (
    PHQ9,
    PHQ2,
    GAD7,
    MADRS,
    HAMD17,
    BDI2,
    QIDS_SR16,
    PCL5,
    CADSS6,
    CSSRS_SCREENER,
    MOCA,
)

INSTRUMENTS: Mapping[str, Instrument] = MappingProxyType(
    {instrument.code: instrument for instrument in _IN_PICKER_ORDER}
)


def get_instrument(code: str) -> Instrument:
    try:
        return INSTRUMENTS[code]
    except (KeyError, TypeError):
        known = ", ".join(INSTRUMENTS)
        raise ScaleInputError(
            f"Unknown rating scale {code!r}. The scales available are: {known}."
        ) from None


def list_instruments() -> tuple[Instrument, ...]:
    """The instruments in the order a picker shows them."""
    return _IN_PICKER_ORDER


def resolve_instrument(instrument: str | Instrument) -> Instrument:
    if isinstance(instrument, Instrument):
        return instrument
    return get_instrument(instrument)
