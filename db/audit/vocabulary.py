"""The actions and data categories an audit row names."""

from enum import StrEnum


class AuditAction(StrEnum):
    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    PRINT = "print"
    EXPORT = "export"
    LETTER = "letter"
    LOGIN = "login"
    LOGIN_FAILED = "login failed"
    LOGOUT = "logout"
    LOCK = "lock"
    UNLOCK = "unlock"
    ACCOUNT_LOCKED = "account locked"
    ACCOUNT_UNLOCKED = "account unlocked"
    PASSWORD_CHANGE = "password change"
    ROLE_CHANGE = "role change"
    SETTING_CHANGE = "setting change"
    PERMISSION_DENIED = "permission denied"
    VIEW_AUDIT = "view audit"


class AuditCategory(StrEnum):
    CHART = "chart"
    PATIENT_LIST = "patient list"
    DEMOGRAPHICS = "demographics"
    DIAGNOSES = "diagnoses"
    MEDICATION_TRIALS = "medication trials"
    PSYCHOTHERAPY = "psychotherapy"
    ALLERGIES = "allergies"
    SIGN_IN = "sign-in"
    ACCOUNTS = "accounts"
    SETTINGS = "settings"
    AUDIT = "audit trail"
