"""A patient's protocol template as JSON, and back: the course keeps its own edited copy."""

import json
from typing import Any

from clinical.protocols import LadderStep, Modality, ProtocolKind, ProtocolTemplate, WeeklyBlock


def template_to_dict(template: ProtocolTemplate) -> dict[str, Any]:
    return {
        "key": template.key,
        "name": template.name,
        "kind": template.kind.value,
        "modality": template.modality.value,
        "induction": [
            {"label": b.label, "sessions": b.sessions, "per_week": b.per_week}
            for b in template.induction
        ],
        "ladder": [
            {
                "label": s.label,
                "interval_days": s.interval_days,
                "treatments_required": s.treatments_required,
                "months": s.months,
            }
            for s in template.ladder
        ],
        "weekdays_only": template.weekdays_only,
        "extend_requires_stability": template.extend_requires_stability,
        "tracking_every_days": template.tracking_every_days,
        "review_every_days": template.review_every_days,
        "source": template.source,
    }


def template_from_dict(data: dict[str, Any]) -> ProtocolTemplate:
    return ProtocolTemplate(
        key=data["key"],
        name=data["name"],
        kind=ProtocolKind(data["kind"]),
        modality=Modality(data["modality"]),
        induction=tuple(
            WeeklyBlock(b["label"], sessions=b["sessions"], per_week=b["per_week"])
            for b in data["induction"]
        ),
        ladder=tuple(
            LadderStep(
                s["label"],
                s["interval_days"],
                treatments_required=s["treatments_required"],
                months=s["months"],
            )
            for s in data["ladder"]
        ),
        weekdays_only=data["weekdays_only"],
        extend_requires_stability=data["extend_requires_stability"],
        tracking_every_days=data["tracking_every_days"],
        review_every_days=data["review_every_days"],
        source=data["source"],
    )


def encode_template(template: ProtocolTemplate) -> str:
    return json.dumps(template_to_dict(template), ensure_ascii=False, sort_keys=True)


def decode_template(text: str) -> ProtocolTemplate:
    return template_from_dict(json.loads(text))
