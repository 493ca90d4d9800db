"""A simulator of the PHLO multi-party call API on loopback; imports no Qt.

Where the real API is silent, its behaviour is a sandbox choice (see state.py).
"""

from phlo_desk.sandbox.server import (
    DEFAULT_AUTH_ID,
    DEFAULT_NODE_ID,
    DEFAULT_PHLO_ID,
    DEFAULT_TRIGGER_SOURCE,
    Fault,
    SandboxServer,
)
from phlo_desk.sandbox.state import (
    DEFAULT_CUSTOMER,
    MemberState,
    Phase,
    SandboxCall,
    SandboxRejection,
)

__all__ = [
    "DEFAULT_AUTH_ID",
    "DEFAULT_CUSTOMER",
    "DEFAULT_NODE_ID",
    "DEFAULT_PHLO_ID",
    "DEFAULT_TRIGGER_SOURCE",
    "Fault",
    "MemberState",
    "Phase",
    "SandboxCall",
    "SandboxRejection",
    "SandboxServer",
]
