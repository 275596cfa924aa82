"""Roles and what each may do, enforced inside the workflows (not only by hiding buttons).

Least privilege after US ONC 170.315(d)(1): the front desk sees no clinical data, and the
administrator manages people and settings but not charts.
"""

from enum import StrEnum


class Role(StrEnum):
    PRESCRIBER = "prescriber"
    CLINICIAN = "clinician"
    NURSE = "nurse"
    FRONT_DESK = "front_desk"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.PRESCRIBER: "Prescriber",
    Role.CLINICIAN: "Clinician / TMS operator",
    Role.NURSE: "Nurse",
    Role.FRONT_DESK: "Front desk",
    Role.ADMINISTRATOR: "Administrator",
}


class Permission(StrEnum):
    VIEW_DEMOGRAPHICS = "view demographics"
    EDIT_DEMOGRAPHICS = "edit demographics"
    VIEW_CLINICAL = "view clinical records"
    EDIT_DIAGNOSES = "edit diagnoses"
    EDIT_TREATMENT_HISTORY = "edit treatment history"
    RECORD_VITALS = "record vital signs"
    RECORD_SCALES = "record rating scales"
    RECORD_MONITORING = "record monitoring"
    DOCUMENT_SESSION = "document treatment sessions"
    SIGN_SESSION = "sign treatment sessions"
    PLAN_TREATMENT = "plan treatment courses and decide on boosters"
    SIGN_LETTER = "sign and print letters"
    MANAGE_CALENDAR = "manage the calendar"
    MANAGE_USERS = "manage user accounts"
    MANAGE_SETTINGS = "change clinic settings"
    VIEW_AUDIT = "view the audit trail"


_P, _C, _N, _F, _A = (
    Role.PRESCRIBER,
    Role.CLINICIAN,
    Role.NURSE,
    Role.FRONT_DESK,
    Role.ADMINISTRATOR,
)

ROLE_PERMISSIONS: dict[Permission, frozenset[Role]] = {
    Permission.VIEW_DEMOGRAPHICS: frozenset({_P, _C, _N, _F}),
    Permission.EDIT_DEMOGRAPHICS: frozenset({_P, _C, _N, _F}),
    Permission.VIEW_CLINICAL: frozenset({_P, _C, _N}),
    Permission.EDIT_DIAGNOSES: frozenset({_P}),
    Permission.EDIT_TREATMENT_HISTORY: frozenset({_P, _C, _N}),
    Permission.RECORD_VITALS: frozenset({_P, _C, _N}),
    Permission.RECORD_SCALES: frozenset({_P, _C, _N}),
    Permission.RECORD_MONITORING: frozenset({_P, _C, _N}),
    Permission.DOCUMENT_SESSION: frozenset({_P, _C}),
    Permission.SIGN_SESSION: frozenset({_P, _C}),
    Permission.PLAN_TREATMENT: frozenset({_P, _C}),
    Permission.SIGN_LETTER: frozenset({_P}),
    Permission.MANAGE_CALENDAR: frozenset({_P, _C, _N, _F}),
    Permission.MANAGE_USERS: frozenset({_A}),
    Permission.MANAGE_SETTINGS: frozenset({_A}),
    Permission.VIEW_AUDIT: frozenset({_A}),
}


def role_may(role: Role, permission: Permission) -> bool:
    return role in ROLE_PERMISSIONS[permission]
