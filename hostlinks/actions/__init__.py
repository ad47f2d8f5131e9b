"""Every state change of the connected hosts (house style R1).

- ``connect``: discover a host, register once, authorize a learner, keep their tokens, disconnect.
- ``transfer``: pull a learner's credentials in, push chosen ones out (through the outbox).
"""

from .connect import (
    Pending,
    begin_connect,
    disconnect,
    finish_connect,
    remote_profile,
    usable_token,
)
from .transfer import deliver_push, pull, push

__all__ = [
    "Pending",
    "begin_connect",
    "deliver_push",
    "disconnect",
    "finish_connect",
    "pull",
    "push",
    "remote_profile",
    "usable_token",
]
