"""phlo-desk-cli end to end: a real process against the sandbox on loopback."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import requests

from phlo_desk.core.credentials import CredentialStore
from phlo_desk.core.outcomes import EXIT_CODES, Outcome
from phlo_desk.sandbox import Fault, SandboxServer
from phlo_desk.sandbox.http import HttpResponse
from tests.support.recording_server import FaultServer, RecordingServer, drip
from tests.support.secrets import TOKEN
from tests.unit.test_credentials import fresh_auth_id, needs_secret_service

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
def test_login_and_logout_use_the_keyring():
    keyring = CredentialStore()
    with SandboxServer(auth_id=fresh_auth_id(), auth_token=TOKEN) as sandbox:
        env = environment(sandbox)
        token = env.pop("PLIVO_AUTH_TOKEN")
        auth_id = env["PLIVO_AUTH_ID"]
        try:
            done = cli("login", "--token-stdin", env=env, stdin=token + "\n")
            assert done.returncode == 0, done.stderr
            assert token not in done.stdout + done.stderr
            assert keyring.get(auth_id) == token
            code, result = cli_json("warm-transfer", "--to", TARGET, env=env)
            assert (code, result["outcome"]) == (0, "ok")
        finally:
            done = cli("logout", env=env)
        assert done.returncode == 0 and "removed" in done.stdout
        assert keyring.get(auth_id) is None
        code, result = cli_json("warm-transfer", "--to", "+14152226666", env=env)
        assert code == 2 and "No Auth Token is stored" in result["message"]
        assert cli("logout", env=env).stdout.strip() == "No Auth Token was stored for this Auth ID."


def test_login_without_a_keyring_refuses_and_keeps_nothing(sandbox):
    env = environment(sandbox, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    env.pop("PLIVO_AUTH_TOKEN")
    done = cli("login", "--token-stdin", env=env, stdin=TOKEN + "\n")
    assert done.returncode == 2
    assert "No system keyring" in done.stderr and "Traceback" not in done.stderr


def test_settings_save_is_what_it_later_reads(tmp_path):
    with SandboxServer(auth_token=TOKEN) as sandbox:  # the test token: the run's scan covers it
        env = environment(sandbox, PHLO_DESK_CONFIG_DIR=str(tmp_path))
        saving = cli("--phlo-id", "saved-phlo", "settings", "--save", env=env)
        assert saving.returncode == 0, saving.stderr
        env.pop("PHLO_DESK_PHLO_ID")
        done = cli("--json", "settings", env=env)
    shown = json.loads(done.stdout)
    assert shown["settings"]["phlo_id"] == "saved-phlo" and shown["sources"]["phlo_id"] == "saved"
    assert json.loads((tmp_path / "settings.json").read_text()) == {"phlo_id": "saved-phlo"}
    assert TOKEN not in saving.stdout + saving.stderr + done.stdout + done.stderr


# -- settings: what is saved, what is shown ---------------------------------------------


def config_environment(tmp_path: Path, **overrides: str) -> tuple[dict[str, str], Path, Path]:
    """An environment with its own user and system settings folders (as on a desktop)."""
    env = {k: v for k, v in os.environ.items() if k != "PHLO_DESK_CONFIG_DIR"}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "user"), XDG_CONFIG_DIRS=str(tmp_path / "system"), **overrides)
    return env, tmp_path / "user" / "phlo-desk" / "settings.json", tmp_path / "system" / "phlo-desk" / "settings.json"


def write_json(path: Path, values: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(values))


def test_settings_save_keeps_only_the_flags_given_over_the_users_file(tmp_path):
    env, user_file, system_file = config_environment(
        tmp_path, PHLO_DESK_TRIGGER_SOURCE="+14152223333", PLIVO_AUTH_ID="MAENVIRONMENT0000001")
    write_json(system_file, {"node_id": "it-node", "default_region": "GB"})
    write_json(user_file, {"phlo_id": "old-phlo", "api_base": "https://phlorunner.plivo.com"})

    done = cli("--phlo-id", "new-phlo", "settings", "--save", "--trigger-source", "020 7946 0958", env=env)

    assert done.returncode == 0, done.stderr
    assert json.loads(user_file.read_text()) == {
        "phlo_id": "new-phlo", "api_base": "https://phlorunner.plivo.com", "trigger_source": "020 7946 0958"}
    # IT's next push still reaches this user: nothing of the system file was copied.
    write_json(system_file, {"node_id": "pushed-node", "default_region": "GB"})
    shown = json.loads(cli("--json", "settings", env=env).stdout)
    assert shown["settings"]["node_id"] == "pushed-node" and shown["sources"]["node_id"] == "system"


def test_settings_save_with_an_empty_flag_removes_that_setting(tmp_path):
    env, user_file, _ = config_environment(tmp_path)
    write_json(user_file, {"phlo_id": "p", "node_id": "n"})
    assert cli("--node-id", "", "settings", "--save", env=env).returncode == 0
    assert json.loads(user_file.read_text()) == {"phlo_id": "p"}


def test_settings_save_without_flags_writes_nothing(tmp_path):
    env, user_file, _ = config_environment(tmp_path)
    done = cli("settings", "--save", env=env)
    assert done.returncode == 2 and "Nothing was saved" in done.stderr
    assert not user_file.exists()


SECRET_URL = f"https://MATESTAUTHID00000001:{TOKEN}@phlorunner.plivo.com"


@pytest.mark.parametrize("mode", [[], ["--json"]])
def test_a_url_with_a_password_is_never_printed(tmp_path, mode):
    env, user_file, _ = config_environment(tmp_path)
    done = cli(*mode, "--api-base", SECRET_URL, "settings", env=env)
    assert done.returncode == 2
    assert TOKEN not in done.stdout + done.stderr
    assert "hidden: it contains a user or password" in done.stdout
    assert "must not contain a user or password" in done.stdout


@pytest.mark.parametrize("mode", [[], ["--json"]])
def test_settings_that_fail_validation_are_never_saved(tmp_path, mode):
    env, user_file, _ = config_environment(tmp_path)
    write_json(user_file, {"phlo_id": "kept"})
    for flags in (["--api-base", SECRET_URL], ["--auth-id", "XY1"], ["--region", "ZZ"],
                  ["--trigger-source", "415"]):
        done = cli(*mode, *flags, "settings", "--save", env=env)
        assert done.returncode == 2, flags
        assert TOKEN not in done.stdout + done.stderr and "Traceback" not in done.stderr
        assert "nothing was saved" in done.stdout + done.stderr
        assert json.loads(user_file.read_text()) == {"phlo_id": "kept"}
    shown = json.loads(cli("--json", "--auth-id", "XY1", "settings", "--save", env=env).stdout)
    assert shown["ok"] is False and any("MA or SA" in p for p in shown["problems"])


def test_a_damaged_settings_file_is_reported_by_every_command(tmp_path):
    env, user_file, system_file = config_environment(tmp_path)
    user_file.parent.mkdir(parents=True)
    user_file.write_text("{not json")
    write_json(system_file, {"phlo_id": "it-phlo", "node_id": 7})

    for command in (["check"], ["warm-transfer", "--to", TARGET], ["settings"], ["logout"]):
        done = cli(*command, env=env)
        assert f"The settings file {user_file} is damaged (it is not valid JSON)" in done.stderr, command
        assert f'The settings file {system_file} is damaged: "node_id" is not text' in done.stderr, command

    shown = json.loads(cli("--json", "settings", env=env).stdout)
    assert len(shown["notices"]) == 2 and str(user_file) in shown["notices"][1]
    assert shown["settings"]["phlo_id"] == "it-phlo" and shown["sources"]["phlo_id"] == "system"
    # --json output of an action stays one JSON object
    done = cli("--json", "check", env=env)
    assert json.loads(done.stdout)["outcome"] == "invalid"


# -- what reaches the terminal -----------------------------------------------------------

HOSTILE = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u202eevil"  # clipboard write, clear screen, bidi override
HOSTILE_LATIN1 = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J"  # what an HTTP header can carry
CONTROLS = ("\x1b", "\x07", "\u202e")


def assert_no_controls(text: str) -> None:
    assert not [c for c in CONTROLS if c in text], repr(text)


@pytest.mark.parametrize(
    "reply",
    [
        HttpResponse.json(400, {"api_id": "a" + HOSTILE, "error": "bad " + HOSTILE}),
        HttpResponse.text(502, f"<html><title>Gateway {HOSTILE}</title></html>", "text/html"),
        HttpResponse(302, b"", {"Location": "https://elsewhere.example/" + HOSTILE_LATIN1}),
    ],
)
def test_server_text_cannot_drive_the_terminal(reply):
    with RecordingServer(default=reply) as server:
        env = {**environment_for(server.url), "PHLO_DESK_CONFIG_DIR": os.environ["PHLO_DESK_CONFIG_DIR"]}
        done = cli("warm-transfer", "--to", TARGET, env=env)
        assert done.returncode in (EXIT_CODES[Outcome.REJECTED], EXIT_CODES[Outcome.SERVER_ERROR])
        assert_no_controls(done.stdout + done.stderr)
        assert "FAILED" in done.stderr
        code, result = cli_json("warm-transfer", "--to", TARGET, env=env)
        assert code == done.returncode and result["outcome"] in ("rejected", "server_error")


def test_settings_text_cannot_drive_the_terminal(tmp_path):
    env, user_file, system_file = config_environment(tmp_path, PHLO_DESK_PHLO_ID="p" + HOSTILE)
    write_json(system_file, {"trigger_source": "+1415" + HOSTILE, "node_id": "n" + HOSTILE})
    done = cli("settings", env=env)
    assert_no_controls(done.stdout + done.stderr)
    assert "cm0gLXJmIH4=" in done.stdout  # shown, without its controls
    done = cli("--json", "settings", env=env)  # JSON keeps the text, escaped
    assert_no_controls(done.stdout)
    assert json.loads(done.stdout)["settings"]["phlo_id"] == "p" + HOSTILE


def test_usage_errors_cannot_drive_the_terminal():
    done = cli("check", HOSTILE, env=dict(os.environ))  # argparse echoes unknown arguments as typed
    assert done.returncode == 2 and "unrecognized arguments" in done.stderr
    assert_no_controls(done.stderr)


def environment_for(api_base: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(PHLO_DESK_API_BASE=api_base, PLIVO_AUTH_ID="MATESTAUTHID00000001", PLIVO_AUTH_TOKEN=TOKEN,
               PHLO_DESK_PHLO_ID="phlo", PHLO_DESK_NODE_ID="node", PHLO_DESK_TRIGGER_SOURCE="+14152223333")
    return env


# -- the deadline ------------------------------------------------------------------------


def test_timeout_is_the_deadline_for_the_whole_answer():
    body = b'{"api_id": "11111111-2222-4333-8444-555555555555", "error": ""}'
    head = b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
    # Each byte comes well within a second, the whole answer only after about 13 s.
    with FaultServer(drip(body, 0.2, already=head)) as server:
        code, result = cli_json("--timeout", "1", "warm-transfer", "--to", TARGET, env=environment_for(server.url))
    assert (code, result["outcome"]) == (EXIT_CODES[Outcome.UNKNOWN], "unknown")
    assert "may have happened" in result["message"]


def test_timeout_help_says_it_covers_the_whole_answer():
    done = cli("warm-transfer", "--help", env=dict(os.environ))
    assert "seconds to wait for Plivo's whole answer" in " ".join(done.stdout.split())


# -- the sandbox command -------------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.1", "example.com"])
def test_sandbox_refuses_a_host_that_is_not_loopback(host):
    done = cli("sandbox", "--host", host, env=dict(os.environ))
    assert done.returncode == 2
    assert "only on this computer" in done.stderr and "Traceback" not in done.stderr


def ipv6_loopback_available() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not ipv6_loopback_available(), reason="no IPv6 loopback on this machine")
@pytest.mark.parametrize("mode", [[], ["--json"]])
def test_sandbox_on_ipv6_loopback_prints_a_url_that_works(mode):
    process = subprocess.Popen(
        [sys.executable, "-m", "phlo_desk.cli", *mode, "sandbox", "--host", "::1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        first = process.stdout.readline()
        api_base = json.loads(first)["api_base"] if mode else re.search(r"on (\S+) -", first).group(1)
        assert re.fullmatch(r"http://\[::1\]:\d+", api_base)
        state = requests.get(api_base + "/sandbox/state", timeout=5).json()
        assert state["phase"] == "active"
    finally:
        process.terminate()
        process.wait(timeout=10)


# -- the documentation ----------------------------------------------------------------------


def test_the_docs_list_every_exit_status_as_the_code_has_them():
    text = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text()
    rows = {int(m.group(1)): m.group(0) for m in re.finditer(r"^\| (\d+) \|.*$", text, re.M)}
    for outcome, code in EXIT_CODES.items():
        assert f"| {code} | `{outcome.value}` |" in rows[code]
    assert {1, 130} <= set(rows)
    may_have_happened = {code for code, row in rows.items() if row.rstrip(" |").endswith(("**yes**", "being sent"))}
    assert may_have_happened == {1, 130, EXIT_CODES[Outcome.SERVER_ERROR], EXIT_CODES[Outcome.UNKNOWN]}
    # A 2xx with an error may have happened: only `check` (no side effects) calls it rejected.
    assert "a 2xx with an `error`" in rows[EXIT_CODES[Outcome.UNKNOWN]]
    assert "for `check`, a 2xx with an `error`" in rows[EXIT_CODES[Outcome.REJECTED]]


def test_settings_show_where_each_value_came_from_and_what_it_locked(tmp_path):
    env, user_file, system_file = config_environment(tmp_path)
    write_json(system_file, {"phlo_id": "it-phlo", "node_id": "it-node", "locked": ["phlo_id"]})
    write_json(user_file, {"phlo_id": "mine", "node_id": "my-node"})
    code, shown = cli_json("settings", env=env)
    assert shown["settings"]["phlo_id"] == "it-phlo" and shown["sources"]["phlo_id"] == "system"
    assert shown["settings"]["node_id"] == "my-node" and shown["sources"]["node_id"] == "saved"
    assert shown["locked"] == ["phlo_id"]
    text = cli("settings", env=env).stdout
    assert any(line.startswith("phlo_id") and "(system, locked by IT)" in line for line in text.splitlines())
    assert any(line.startswith("node_id") and line.endswith("(saved)") for line in text.splitlines())


def test_a_locked_setting_is_not_saved_from_the_command_line(tmp_path):
    env, user_file, system_file = config_environment(tmp_path)
    write_json(system_file, {"phlo_id": "it-phlo", "locked": ["phlo_id"]})
    done = cli("--phlo-id", "mine", "settings", "--save", env=env)
    assert done.returncode == 2 and "Set by your IT department" in done.stdout + done.stderr
    assert not user_file.exists()
