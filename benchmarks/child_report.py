"""What a benchmark child needs to report back, and nothing more.

The start-up children import this before the program they measure, so it imports
no module of its own at load: anything it loaded would be free for the program
afterwards and hide part of its start-up cost.
"""

from __future__ import annotations

RESULT_PREFIX = "RESULT "


def read_status_kb(field: str, pid: int | str = "self") -> int:
    """A `kB` field of /proc/<pid>/status, e.g. VmRSS (resident) or VmHWM (peak)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def report(result: dict) -> None:
    """Child side: hand the result to the parent, once measured."""
    import json

    print(RESULT_PREFIX + json.dumps(result), flush=True)
