"""Closed vocabularies of the calendar: what a booking uses, where it stands, what changed."""

from enum import StrEnum

from clinical.protocols.enums import Modality, SessionStatus


class Resource(StrEnum):
    """What a booking occupies for its whole length; the clinic has a number of each."""

    INFUSION_CHAIR = "infusion_chair"
    SPRAVATO_ROOM = "spravato_room"
    TMS_DEVICE = "tms_device"

    @property
    def label(self) -> str:
        return _RESOURCE_LABELS[self]

    @property
    def singular(self) -> str:
        return _RESOURCE_SINGULAR[self]

    @property
    def plural(self) -> str:
        """As it reads inside a sentence: "infusion chairs", "TMS devices"."""
        return _RESOURCE_SINGULAR[self] + "s"


_RESOURCE_LABELS = {
    Resource.INFUSION_CHAIR: "Infusion chairs",
    Resource.SPRAVATO_ROOM: "Spravato monitoring rooms",
    Resource.TMS_DEVICE: "TMS devices",
}
_RESOURCE_SINGULAR = {
    Resource.INFUSION_CHAIR: "infusion chair",
    Resource.SPRAVATO_ROOM: "Spravato monitoring room",
    Resource.TMS_DEVICE: "TMS device",
}

# IM ketamine is given in a recovery chair and monitored like an infusion.
_RESOURCE_OF = {
    Modality.IV_KETAMINE: Resource.INFUSION_CHAIR,
    Modality.IM_KETAMINE: Resource.INFUSION_CHAIR,
    Modality.ESKETAMINE: Resource.SPRAVATO_ROOM,
    Modality.TMS: Resource.TMS_DEVICE,
}


def resource_for(modality: Modality) -> Resource:
    return _RESOURCE_OF[modality]


class AppointmentStatus(StrEnum):
    BOOKED = "booked"
    ARRIVED = "arrived"
    # Until treatment sessions are documented, a done appointment stands for a treatment given.
    DONE = "done"
    MISSED = "missed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def occupies(self) -> bool:
        """Whether the booking still holds its chair, room or device."""
        return self not in (AppointmentStatus.MISSED, AppointmentStatus.CANCELLED)

    @property
    def session_status(self) -> SessionStatus | None:
        """What the protocol engine is told: None for a treatment not (yet) given."""
        return _SESSION_STATUS.get(self)


_SESSION_STATUS = {
    AppointmentStatus.DONE: SessionStatus.GIVEN,
    AppointmentStatus.MISSED: SessionStatus.MISSED,
    AppointmentStatus.CANCELLED: SessionStatus.CANCELLED,
}


class ChangeKind(StrEnum):
    """One line of an appointment's history."""

    BOOKED = "booked"
    MOVED = "moved"
    STATUS = "status"
    REPLANNED = "replanned"

    @property
    def label(self) -> str:
        return _CHANGE_LABELS[self]


_CHANGE_LABELS = {
    ChangeKind.BOOKED: "Booked",
    ChangeKind.MOVED: "Moved",
    ChangeKind.STATUS: "Status",
    ChangeKind.REPLANNED: "Re-planned",
}


class Decision(StrEnum):
    """What the clinician did with the engine's proposal."""

    ACCEPTED = "accepted"
    OVERRIDDEN = "overridden"

    @property
    def label(self) -> str:
        return self.value.capitalize()
