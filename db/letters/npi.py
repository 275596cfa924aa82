"""The National Provider Identifier's check digit.

CMS, "Requirements for the National Provider Identifier (NPI) and NPI Check Digit"
(NPS, 2005): an NPI is 9 digits and a check digit computed with the Luhn formula (ISO/IEC
7812, modulus 10 "double-add-double") as if the card-issuer prefix 80840 (80 health, 840
United States) stood in front. CMS's example: 123456789 takes the check digit 3.
"""

CARD_ISSUER_PREFIX = "80840"
NPI_LENGTH = 10


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit for `digits` (the number without its check digit)."""
    total = 0
    # Double every other digit from the rightmost one (it sits left of the check digit).
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return (10 - total % 10) % 10


def npi_problem(npi: str) -> str | None:
    """Why `npi` is not a valid NPI, in a clinician's words, or None when it is."""
    if len(npi) != NPI_LENGTH or not npi.isascii() or not npi.isdigit():
        return "The NPI is 10 digits."
    if luhn_check_digit(CARD_ISSUER_PREFIX + npi[:-1]) != int(npi[-1]):
        return (
            "That NPI fails its check digit, so a digit is probably mistyped. "
            "Compare it with the prescriber's NPI letter or the NPPES registry."
        )
    return None
