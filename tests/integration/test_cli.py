"""phlo-desk-cli end to end: a real process against the sandbox on loopback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid

import pytest
import requests

from phlo_desk.core.outcomes import EXIT_CODES, Outcome
from phlo_desk.sandbox import Fault, SandboxServer
from tests.support.secrets import TOKEN
from tests.unit.test_credentials import needs_secret_service

TARGET = "+14152225555"


@pytest.fixture
def sandbox():
    with SandboxServer() as server:
        yield server


def environment(sandbox: SandboxServer, **overrides: str) -> dict[str, str]:
    details = sandbox.credentials()
    env = dict(os.environ)
    env.update(
        PHLO_DESK_API_BASE=details["api_base"],
        PLIVO_AUTH_ID=details["auth_id"],
        PLIVO_AUTH_TOKEN=details["auth_token"],
        PHLO_DESK_PHLO_ID=details["phlo_id"],
        PHLO_DESK_NODE_ID=details["node_id"],
        PHLO_DESK_TRIGGER_SOURCE=details["trigger_source"],
    )
    env.update(overrides)
    return env


def cli(*args: str, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "phlo_desk.cli", *args],
        env=env, input=stdin, capture_output=True, text=True, timeout=60,
    )


def cli_json(*args: str, env: dict[str, str]) -> tuple[int, dict]:
    done = cli("--json", *args, env=env)
    assert "Traceback" not in done.stderr
    return done.returncode, json.loads(done.stdout.strip().splitlines()[-1])


def test_warm_transfer_reaches_the_sandbox_and_shows_the_consult(sandbox):
    code, result = cli_json("warm-transfer", "--to", "(415) 222-5555", env=environment(sandbox))
    assert code == 0
    assert result["ok"] is True and result["outcome"] == "ok" and result["status"] == 201
    assert uuid.UUID(result["api_id"])
    states = {m["address"]: m["state"] for m in sandbox.snapshot()["members"]}
    assert states[TARGET] == "consulting" and states[sandbox.trigger_source] == "consulting"
    assert sandbox.snapshot()["phase"] == "consulting"


def test_member_action_after_a_transfer(sandbox):
    env = environment(sandbox)
    cli_json("warm-transfer", "--to", TARGET, env=env)
    code, result = cli_json("member", sandbox.trigger_source, "abort_transfer", env=env)
    assert (code, result["outcome"]) == (0, "ok")
    assert sandbox.snapshot()["phase"] == "active"


def test_check_does_not_touch_the_call(sandbox):
    before = sandbox.snapshot()["revision"]
    code, result = cli_json("check", env=environment(sandbox))
    assert (code, result["outcome"]) == (0, "ok")
    assert sandbox.snapshot()["revision"] == before


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.mark.parametrize(
    ("outcome", "arrange"),
    [
        (Outcome.INVALID, lambda s: ({}, ["--to", "not a number"])),
        (Outcome.AUTH, lambda s: ({"PLIVO_AUTH_TOKEN": "wrong"}, [])),
        (Outcome.NOT_FOUND, lambda s: ({"PHLO_DESK_NODE_ID": "no-such-node"}, [])),
        # the sandbox refuses a trigger source that is not in the call
        (Outcome.REJECTED, lambda s: ({"PHLO_DESK_TRIGGER_SOURCE": "+14155550199"}, [])),
        (Outcome.RATE_LIMITED, lambda s: s.set_fault(Fault(status=429, count=1)) or ({}, [])),
        (Outcome.SERVER_ERROR, lambda s: s.set_fault(Fault(status=500, count=1)) or ({}, [])),
        (Outcome.NETWORK, lambda s: ({"PHLO_DESK_API_BASE": closed_port_url()}, [])),
        (Outcome.UNKNOWN, lambda s: s.set_fault(Fault(mode="drop", count=1)) or ({}, [])),
    ],
)
def test_each_outcome_has_its_exit_status(sandbox, outcome, arrange):
    overrides, extra = arrange(sandbox)
    env = environment(sandbox, **overrides)
    args = extra if "--to" in extra else ["--to", TARGET, *extra]
    code, result = cli_json("warm-transfer", *args, env=env)
    assert result["outcome"] == outcome.value
    assert code == EXIT_CODES[outcome]
    assert result["message"]


def test_invalid_input_sends_nothing_and_says_why(sandbox):
    done = cli("warm-transfer", "--to", "415", env=environment(sandbox))
    assert done.returncode == 2
    assert "Too few digits" in done.stderr and "Traceback" not in done.stderr
    assert sandbox.snapshot()["events"] == []


def test_missing_settings_name_what_is_missing(sandbox):
    env = environment(sandbox)
    del env["PHLO_DESK_PHLO_ID"]
    done = cli("warm-transfer", "--to", TARGET, env=env)
    assert done.returncode == 2 and "PHLO ID" in done.stderr


def test_flags_override_the_environment(sandbox):
    env = environment(sandbox, PHLO_DESK_NODE_ID="wrong-node")
    code, _ = cli_json("--node-id", sandbox.node_id, "warm-transfer", "--to", TARGET, env=env)
    assert code == 0
    code, _ = cli_json("warm-transfer", "--to", "+14152226666", "--node-id", "wrong-again", env=env)
    assert code == EXIT_CODES[Outcome.NOT_FOUND]


def test_sandbox_command_prints_its_connection_then_serves():
    process = subprocess.Popen(
        [sys.executable, "-m", "phlo_desk.cli", "sandbox", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        details = json.loads(process.stdout.readline())
        assert set(details) == {"api_base", "auth_id", "auth_token", "phlo_id", "node_id", "trigger_source"}
        env = dict(os.environ)
        env.update(
            PHLO_DESK_API_BASE=details["api_base"], PLIVO_AUTH_ID=details["auth_id"],
            PLIVO_AUTH_TOKEN=details["auth_token"], PHLO_DESK_PHLO_ID=details["phlo_id"],
            PHLO_DESK_NODE_ID=details["node_id"], PHLO_DESK_TRIGGER_SOURCE=details["trigger_source"],
        )
        code, result = cli_json("warm-transfer", "--to", TARGET, env=env)
        assert code == 0 and result["ok"]
        state = requests.get(details["api_base"] + "/sandbox/state", timeout=5).json()
        assert state["phase"] == "consulting"
        assert {m["address"]: m["state"] for m in state["members"]}[TARGET] == "consulting"
    finally:
        process.terminate()
        process.wait(timeout=10)


@needs_secret_service
def test_login_and_logout_use_the_keyring(sandbox):
    env = environment(sandbox)
    token = env.pop("PLIVO_AUTH_TOKEN")
    auth_id = env["PLIVO_AUTH_ID"]
    try:
        done = cli("login", "--token-stdin", env=env, stdin=token + "\n")
        assert done.returncode == 0, done.stderr
        assert token not in done.stdout + done.stderr
        code, result = cli_json("warm-transfer", "--to", TARGET, env=env)
        assert (code, result["outcome"]) == (0, "ok")
    finally:
        done = cli("logout", env=env)
    assert done.returncode == 0 and "removed" in done.stdout
    code, result = cli_json("warm-transfer", "--to", "+14152226666", env=env)
    assert code == 2 and "No Auth Token is stored" in result["message"]
    assert auth_id


def test_login_without_a_keyring_refuses_and_keeps_nothing(sandbox):
    env = environment(sandbox, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    env.pop("PLIVO_AUTH_TOKEN")
    done = cli("login", "--token-stdin", env=env, stdin=TOKEN + "\n")
    assert done.returncode == 2
    assert "No system keyring" in done.stderr and "Traceback" not in done.stderr


def test_settings_save_is_what_it_later_reads(sandbox, tmp_path):
    env = environment(sandbox, PHLO_DESK_CONFIG_DIR=str(tmp_path))
    cli("--phlo-id", "saved-phlo", "settings", "--save", env=env)
    for name in ("PHLO_DESK_PHLO_ID",):
        env.pop(name)
    done = cli("--json", "settings", env=env)
    shown = json.loads(done.stdout)
    assert shown["settings"]["phlo_id"] == "saved-phlo" and shown["sources"]["phlo_id"] == "saved"
    assert "auth_token" not in json.dumps(shown)
