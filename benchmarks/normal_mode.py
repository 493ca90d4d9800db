"""The app in normal mode for the start-up benchmark: a real keyring, no network.

The app is started as an agent's shortcut would start it, without --sandbox and with
every setting as a flag, so nothing is saved and the settings dialog does not open.
Its Auth Token is stored beforehand in a real Secret Service keyring by the app's own
code (phlo_desk.core.credentials, run in a child with the benchmark's environment),
so the action thread reads it from there as it would on an agent's desk.

"Plivo" is the simulator, running in this (the parent) process on loopback: it checks
the token, so a warm-up that says "Connected" proves the keyring's token was read, and
none of its memory counts in the child's. Over loopback the app speaks plain HTTP and
does not load the OS trust store (truststore); an HTTPS warm-up adds that
(see import_cost.py: "truststore + verifying context").

Only inside packaging/with-keyring.sh (PHLO_DESK_SECRET_SERVICE=1: a throw-away
GNOME Keyring) is the token written, so a developer's own keyring is never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

AUTH_ID = "MABENCHMARKNORMAL001"  # 20 characters starting with MA, like a real one
HOW_TO_RUN = "dbus-run-session -- bash packaging/with-keyring.sh .venv/bin/python benchmarks/run.py"

# Runs in a child with the benchmark's environment: the same keyring the app will use.
_STORE = """
import sys
from phlo_desk.core.credentials import CredentialStore
store = CredentialStore()
if sys.argv[1] == "set":
    store.set(sys.argv[2], sys.stdin.read())
    print(store.backend_name())
else:
    store.delete(sys.argv[2])
"""


@dataclass(frozen=True)
class NormalMode:
    argv: list[str]  # the app's command line
    keyring_backend: str  # where the token was stored


def unavailable_reason() -> str:
    """Why normal mode cannot be measured here, or "" when it can."""
    if os.environ.get("PHLO_DESK_SECRET_SERVICE") != "1":
        return f"no throw-away Secret Service (run: {HOW_TO_RUN})"
    return ""


@contextmanager
def normal_mode(env: dict[str, str]) -> Iterator[NormalMode]:
    """A running simulator to talk to and its token in the keyring, for the duration."""
    from phlo_desk.sandbox import SandboxServer

    with SandboxServer(auth_id=AUTH_ID) as server:
        details = server.credentials()
        backend = _keyring("set", details["auth_token"], env)
        try:
            argv = ["--api-base", details["api_base"], "--phlo-id", details["phlo_id"],
                    "--node-id", details["node_id"], "--auth-id", details["auth_id"],
                    "--trigger-source", details["trigger_source"]]
            yield NormalMode(argv, backend)
        finally:
            _keyring("delete", "", env)


def _keyring(command: str, token: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", _STORE, command, AUTH_ID], input=token, env=env,
                          capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"the keyring refused to {command} the benchmark's token:\n{done.stderr[-2000:]}")
    return done.stdout.strip()
