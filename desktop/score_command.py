"""`boosterdesk score INSTRUMENT ITEM... [--education-years N] [--json]`: score one scale.

Items are given in the instrument's order (`score PHQ9 1 2 0 3 1 0 2 1 0`), with `-` for one
not answered or not asked, or by key (`score PHQ9 1=1 2=2 9=0 ...`). Yes/no items take
yes/no (or y/n, 1/0). Nothing is read from or written to a database. An incomplete form is
reported (complete: false, total: null), never totalled; input that cannot be scored is
refused with the scale's own message and exit status 2.
"""

import argparse
import json
import re
import sys
from collections.abc import Sequence
from typing import Any

from clinical.scales import (
    AnswerKind,
    Instrument,
    ScaleInputError,
    ScaleResult,
    list_instruments,
    score,
)

EXIT_OK = 0
EXIT_BAD_INPUT = 2
NOT_ANSWERED = "-"
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the `score` command to the program's sub-commands."""
    codes = ", ".join(instrument.code for instrument in list_instruments())
    parser = subparsers.add_parser(
        "score",
        help="score one rating scale from its item answers",
        description=(
            "Score one administration of a rating scale. Give the items in the instrument's "
            "order ('-' for one not answered or not asked) or as KEY=VALUE. "
            f"Instruments: {codes}."
        ),
    )
    parser.add_argument("instrument", metavar="INSTRUMENT", help=f"one of {codes}")
    parser.add_argument("items", metavar="ITEM", nargs="*", help="the answers, in item order")
    parser.add_argument(
        "--education-years",
        type=int,
        metavar="N",
        help="years of formal education (the MoCA adds a point for 12 or fewer)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    return parser


def run(args: argparse.Namespace) -> int:
    """Score and print; the exit status says whether the input could be scored."""
    try:
        instrument = find_instrument(args.instrument)
        answers = parse_answers(instrument, args.items)
        result = score(instrument, answers, education_years=args.education_years)
    except ScaleInputError as refused:
        message = str(refused)
        if args.json:
            print(json.dumps({"error": message}, ensure_ascii=False))
        print(message, file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        print(json.dumps(result_json(instrument, result), ensure_ascii=False, indent=2))
    else:
        print(result_text(instrument, result))
    return EXIT_OK


def _squashed(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def find_instrument(name: str) -> Instrument:
    """By code or short name, ignoring case and punctuation: PHQ9, phq-9, HAM-D, c-ssrs."""
    wanted = _squashed(name)
    for instrument in list_instruments():
        names = {instrument.code, instrument.short_name, instrument.short_name.split()[0]}
        if wanted and wanted in {_squashed(n) for n in names}:
            return instrument
    known = ", ".join(instrument.code for instrument in list_instruments())
    raise ScaleInputError(f"Unknown rating scale {name!r}. The scales available are: {known}.")


def parse_answers(instrument: Instrument, items: Sequence[str]) -> dict[str, int | bool | None]:
    keyed = [item for item in items if "=" in item]
    if keyed and len(keyed) != len(items):
        raise ScaleInputError(
            "Give every item as KEY=VALUE, or every item as a value in order; not a mixture."
        )
    if keyed:
        pairs = [tuple(item.split("=", 1)) for item in items]
    else:
        if len(items) > len(instrument.items):
            raise ScaleInputError(
                f"The {instrument.short_name} has {len(instrument.items)} "
                f"{instrument.item_noun}s; {len(items)} answers were given."
            )
        pairs = [(item.key, value) for item, value in zip(instrument.items, items, strict=False)]
    answers: dict[str, int | bool | None] = {}
    for key, text in pairs:
        item = instrument.item(key.strip())
        answers[item.key] = _value(instrument, item.key, text.strip())
    return answers


def _value(instrument: Instrument, key: str, text: str) -> int | bool | None:
    item = instrument.item(key)
    where = instrument.describe_item(key)
    if text in ("", NOT_ANSWERED):
        return None
    if item.kind is AnswerKind.YES_NO:
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        raise ScaleInputError(f"{where}: answer yes or no, not {text!r}.")
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ScaleInputError(
            f"{where}: {text!r} is not a whole-number score from {item.minimum} to {item.maximum}."
        )
    return int(text)


def result_json(instrument: Instrument, result: ScaleResult) -> dict[str, Any]:
    return {
        "instrument": instrument.code,
        "name": instrument.short_name,
        "rule_version": result.rule_version,
        "complete": result.complete,
        "missing": list(result.missing),
        "total": result.total,
        "partial_total": result.partial_total,
        "raw_total": result.raw_total,
        "maximum": instrument.max_total if instrument.has_total else None,
        "severity": result.band.label if result.band else None,
        "remission": result.remission,
        "remission_rule": result.remission_rule.describe() if result.remission_rule else None,
        "risk_level": result.risk_level.value if result.risk_level else None,
        "flags": [
            {"item": flag.item_key, "value": flag.value, "message": flag.message}
            for flag in result.safety_flags
        ],
        "screens": [
            {"key": outcome.key, "positive": outcome.positive, "text": outcome.text}
            for outcome in result.screens
        ],
        "subscores": [
            {"key": sub.key, "label": sub.label, "score": sub.score, "maximum": sub.maximum}
            for sub in result.subscores
        ],
        "summary": result.summary,
    }


def result_text(instrument: Instrument, result: ScaleResult) -> str:
    lines = [result.summary]
    if not result.complete:
        missing = ", ".join(result.missing)
        lines.append(f"Unanswered {instrument.item_noun}s: {missing}")
    lines.extend(f"SAFETY: {flag.message}" for flag in result.safety_flags)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command on its own: `python -m desktop.score_command score PHQ9 ...`."""
    parser = argparse.ArgumentParser(prog="boosterdesk")
    add_parser(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
