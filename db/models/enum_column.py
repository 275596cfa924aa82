"""Enums stored as their values, checked by a named constraint on every dialect."""

from sqlalchemy import Enum


def enum_column(enum_class: type, name: str) -> Enum:
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
    )
