"""The person at the keyboard, as every workflow receives them."""

import socket
from dataclasses import dataclass

from db.accounts.roles import Permission, Role, role_may


@dataclass(frozen=True)
class Actor:
    user_id: int
    username: str
    display_name: str
    role: Role
    workstation: str

    def may(self, permission: Permission) -> bool:
        return role_may(self.role, permission)


def this_workstation() -> str:
    return socket.gethostname() or "unknown workstation"
