"""phlo-desk-cli: the same core from a terminal, for scripts, CRM hooks and support.

Exit status: 0 success, 2 invalid input or set-up (nothing sent), then one code
per outcome (see EXIT_CODES and docs/cli.md), 1 for an internal error, 130 when
interrupted. `--json` prints one JSON object per action. In text mode everything
printed goes through `printable`: a server's text must not drive the terminal.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
import threading
from collections.abc import Callable, Sequence

from phlo_desk import __version__
from phlo_desk.core.actions import ActionRequest, MemberAction, NodeAction, Role
from phlo_desk.core.errors import InvalidInput, PhloError
from phlo_desk.core.flags import add_settings_arguments, settings_flags
from phlo_desk.core.outcomes import EXIT_CODES, ActionResult, Outcome
from phlo_desk.core.settings import (
    FIELD_NAMES,
    InvalidSettings,
    Profile,
    SettingsStore,
    is_loopback_host,
    resolve_profile,
)
from phlo_desk.core.text import printable

EXIT_INTERNAL_ERROR = 1
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """Usage and errors echo what was typed: printed without terminal controls too."""

    def _print_message(self, message: str, file=None) -> None:  # type: ignore[no-untyped-def]
        if message:
            super()._print_message(_printable_lines(message), file)


def _positive_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 600:
        raise argparse.ArgumentTypeError("give the seconds to wait, more than 0 and at most 600")
    return seconds


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError("give a port from 0 to 65535 (0 picks a free one)")
    return int(text)


def _common_options() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    add_settings_arguments(common, with_trigger_source=True)
    output = common.add_argument_group("output")
    output.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print one JSON object per action")
    output.add_argument("--timeout", type=_positive_seconds, default=argparse.SUPPRESS,
                        help="seconds to wait for Plivo's whole answer (default 15)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = _Parser(
        prog="phlo-desk-cli",
        description="Warm and cold transfers through Plivo's PHLO multi-party call API.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"phlo-desk {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for name, action, summary in (
        ("warm-transfer", NodeAction.WARM_TRANSFER, "consult the target privately, then hand over"),
        ("cold-transfer", NodeAction.COLD_TRANSFER, "connect the customer to the target; you leave"),
        ("call", NodeAction.CALL, "dial an address and add it to the call"),
    ):
        sub = commands.add_parser(name, parents=[common], help=summary, description=summary)
        sub.add_argument("--to", required=True,
                         help="phone number or sip:user@host to transfer to, or a name in the directory")
        sub.add_argument("--role", choices=[r.value for r in Role], default=Role.AGENT.value)
        sub.set_defaults(node_action=action)

    member = commands.add_parser("member", parents=[common], help="act on one member of the call")
    member.add_argument("address", help="the member's phone number or SIP address")
    member.add_argument("member_action", metavar="ACTION", choices=[a.value for a in MemberAction],
                        help=", ".join(a.value for a in MemberAction))

    commands.add_parser("check", parents=[common], help="verify credentials and ids (no call is touched)")
    login = commands.add_parser("login", parents=[common], help="store the Auth Token in the OS keyring")
    login.add_argument("--token-stdin", action="store_true", help="read the token from standard input")
    commands.add_parser("logout", parents=[common], help="remove the Auth Token from the OS keyring")
    config = commands.add_parser("settings", parents=[common], help="show the effective settings")
    config.add_argument("--save", action="store_true",
                        help="save the settings given as flags for this user (an empty value removes one)")

    directory = commands.add_parser("directory", parents=[common], help="search the transfer directory")
    directory_commands = directory.add_subparsers(dest="directory_command", required=True, metavar="WHAT")
    search = directory_commands.add_parser("search", parents=[common], help="colleagues and teams matching TEXT")
    search.add_argument("text", help="words of a name or team, initials, or digits of a number")
    search.add_argument("--limit", type=int, default=20, help="at most this many matches (default 20)")
    directory_commands.add_parser("list", parents=[common], help="every entry, favourites first")

    sandbox = commands.add_parser("sandbox", parents=[common], help="run the PHLO simulator (no real calls)")
    sandbox.add_argument("--host", default="127.0.0.1", help="a loopback address: 127.0.0.1, ::1 or localhost")
    sandbox.add_argument("--port", type=_port, default=0, help="0 picks a free port")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(_PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    try:
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as err:  # never a traceback, nor the exception's own text, at a terminal
        _emit(args, {"ok": False, "outcome": "internal_error",
                     "message": f"Internal error ({type(err).__name__}). If an action was being sent, "
                     "check the call before trying again."})
        return EXIT_INTERNAL_ERROR


# -- commands ------------------------------------------------------------------


def _profile(args: argparse.Namespace, store: SettingsStore | None = None) -> Profile:
    """The effective settings; in text mode a damaged settings file is reported on stderr."""
    profile = resolve_profile(settings_flags(args), store=store or SettingsStore())
    if not _json_mode(args):
        for notice in profile.notices:
            _out(notice, error=True)
    return profile


def _node_action(args: argparse.Namespace) -> int:
    from phlo_desk.core.forms import node_request

    profile = _profile(args)
    trigger = profile.trigger_source  # --trigger-source is already a layer of the profile
    try:
        to = _address_or_name(args.to, profile)
    except InvalidInput as err:
        return _report_error(args, err)
    return _run_action(
        args, profile,
        lambda: node_request(args.node_action, to, trigger, args.role, profile.default_region),
    )


def _address_or_name(text: str, profile: Profile) -> str:
    """`text` if it is an address; else the address of the one directory entry named so
    (case and accents ignored). Raises InvalidInput, nothing sent, when none or several are."""
    from phlo_desk.core.addresses import AddressError, parse_address

    try:
        parse_address(text, profile.default_region)
        return text
    except AddressError as err:
        reason = str(err)
    # One colleague in two sources (IT's list and a Plivo endpoint) is one match.
    named = list({entry.address: entry for entry in reversed(_directory_read(profile).directory.exact(text))}
                 .values())[::-1]
    if len(named) == 1:
        return named[0].address
    if not named:
        raise InvalidInput("To", advice=f"{reason} No one in the directory is named so: nothing was sent.")
    candidates = "; ".join(f"{entry.name} ({_source_name(entry.source)}) {entry.address}" for entry in named)
    raise InvalidInput("To", advice=f"{len(named)} directory entries are named so: give the address instead. "
                       f"Nothing was sent. {candidates}")


def _directory(args: argparse.Namespace) -> int:
    profile = _profile(args)
    read = _directory_read(profile)
    if args.directory_command == "search":
        entries = read.directory.search(args.text, max(1, args.limit))
    else:
        entries = read.directory.browse()
    rows = [_entry_row(entry, read) for entry in entries]
    if _json_mode(args):
        _print_json({"ok": True, "matches": rows, "problems": list(read.problems)})
    else:
        for row in rows:
            presence = f", {row['presence']}" if "presence" in row else ""
            team = f" ({row['team']})" if row["team"] else ""
            _out(f"{row['name']}{team}  {row['address']}  [{_source_name(row['source'])}{presence}]")
        for problem in read.problems:
            _out(f"problem: {problem}", error=True)
    # Nothing matched: the status a script tests, as for anything not found.
    return 0 if rows or args.directory_command == "list" else EXIT_CODES[Outcome.NOT_FOUND]


def _directory_read(profile: Profile):  # type: ignore[no-untyped-def]
    """The directory as the desk keeps it; the Plivo endpoints as last listed by the desk:
    the command line never spends the account's read budget."""
    from phlo_desk.core.directory_service import DirectoryService
    from phlo_desk.core.paths import default_directory_paths

    service = DirectoryService(*default_directory_paths(sandbox=False))
    service.configure(profile, token=None)
    return service.read()


def _entry_row(entry, read) -> dict[str, object]:  # type: ignore[no-untyped-def]
    row: dict[str, object] = {"name": entry.name, "team": entry.team, "address": entry.address,
                              "source": entry.source}
    endpoint_ids = [e.endpoint_id for e in read.directory.find_address(entry.address) if e.endpoint_id]
    registered = read.presence.get(endpoint_ids[0]) if endpoint_ids else None
    if registered is not None:
        row["presence"] = "online" if registered else "offline"
    return row


def _source_name(source: str) -> str:
    return {"list": "IT's list", "own": "own entry", "plivo": "Plivo endpoint"}.get(source, source)


def _member_action(args: argparse.Namespace) -> int:
    from phlo_desk.core.forms import member_request

    profile = _profile(args)
    return _run_action(
        args, profile, lambda: member_request(args.member_action, args.address, profile.default_region)
    )


def _check(args: argparse.Namespace) -> int:
    return _run_action(args, _profile(args), None)


def _run_action(args: argparse.Namespace, profile: Profile, build: Callable[[], ActionRequest] | None) -> int:
    """Validate input, then credentials, then send once; report the result."""
    from phlo_desk.core.client import PhloClient, result_from_error
    from phlo_desk.core.credentials import CredentialStore, resolve_token

    request = None
    try:
        if build is not None:
            request = build()
        profile.require_complete()
        token = resolve_token(profile.auth_id, CredentialStore())
        options = {"total_timeout": args.timeout} if getattr(args, "timeout", None) else {}
        client = PhloClient(profile, token, **options)
        result = client.check() if request is None else client.perform(request)
    except PhloError as err:
        result = result_from_error(err, request)
    _report(args, result)
    return EXIT_CODES[result.outcome]


def _login(args: argparse.Namespace) -> int:
    from phlo_desk.core.credentials import CredentialStore

    profile = _profile(args)
    try:
        if not profile.auth_id:
            raise InvalidInput("Auth ID", advice="Give the Auth ID with --auth-id, PLIVO_AUTH_ID or the settings.")
        if args.token_stdin or not sys.stdin.isatty():
            token = sys.stdin.readline().strip()
        else:
            token = getpass.getpass(printable(f"Auth Token for {profile.auth_id}: ")).strip()
        if not token:
            raise InvalidInput("Auth Token", advice="No Auth Token was given: nothing was stored.")
        store = CredentialStore()
        store.set(profile.auth_id, token)
    except PhloError as err:
        return _report_error(args, err)
    _emit(args, {"ok": True, "outcome": "ok", "message": f"Auth Token stored in {store.backend_name()} for {profile.auth_id}."})
    return 0


def _logout(args: argparse.Namespace) -> int:
    from phlo_desk.core.credentials import CredentialStore

    profile = _profile(args)
    try:
        if not profile.auth_id:
            raise InvalidInput("Auth ID", advice="Give the Auth ID with --auth-id, PLIVO_AUTH_ID or the settings.")
        removed = CredentialStore().delete(profile.auth_id)
    except PhloError as err:
        return _report_error(args, err)
    message = "Auth Token removed from the keyring." if removed else "No Auth Token was stored for this Auth ID."
    _emit(args, {"ok": True, "outcome": "ok", "message": message})
    return 0


def _settings(args: argparse.Namespace) -> int:
    """Show the effective settings; with --save, first keep the flags given in the user's file."""
    store = SettingsStore()
    profile = _profile(args, store)
    given = {name: value for name, value in settings_flags(args).items() if value is not None}
    if args.save:
        refusal = _save_settings(store, profile, given)
        if refusal is not None:
            refusal["notices"] = list(profile.notices)
            _emit(args, refusal, lines=[f"problem: {p}" for p in refusal.get("problems", [])])
            return EXIT_CODES[Outcome.INVALID]
    saved = sorted(given) if args.save else []
    problems = [_problem_text(name, sentence) for name, sentence in profile.field_problems()]
    values = profile.shown_values()
    if _json_mode(args):
        _print_json({"settings": values, "sources": profile.sources, "locked": sorted(profile.locked),
                     "file": str(store.user_file), "saved": saved, "problems": problems,
                     "notices": list(profile.notices)})
    else:
        for name in FIELD_NAMES:
            where = profile.sources[name] + (", locked by IT" if name in profile.locked else "")
            _out(f"{name:15} {values[name] or '-':40} ({where})")
        _out(f"{'saved in':15} {store.user_file}")
        if saved:
            _out(f"{'just saved':15} {', '.join(saved)}")
        for problem in problems:
            _out(f"problem: {problem}")
    return EXIT_CODES[Outcome.INVALID] if problems else 0


def _save_settings(store: SettingsStore, profile: Profile, given: dict[str, str]) -> dict[str, object] | None:
    """Write `given` over the user's file; None when saved, else why not (nothing was written)."""
    refusal: dict[str, object] = {"ok": False, "outcome": Outcome.INVALID.value}
    if not given:
        return {**refusal, "message": "Nothing was saved: give the settings to save as flags, "
                "for example --phlo-id ID settings --save."}
    try:
        store.save(given, context=profile)
    except InvalidSettings as err:
        problems = [_problem_text(name, sentence) for name, sentence in err.problems]
        return {**refusal, "message": err.advice, "problems": problems}
    except OSError as err:
        return {**refusal, "message": f"The settings could not be saved in {store.user_file}: {err.strerror or err}"}
    return None


def _problem_text(name: str, sentence: str) -> str:
    # The address sentences do not name their field; the others do.
    return f"Your number (trigger source): {sentence}" if name == "trigger_source" else sentence


def _sandbox(args: argparse.Namespace) -> int:
    from phlo_desk.sandbox import SandboxServer

    if not is_loopback_host(args.host):
        _emit(args, {"ok": False, "outcome": "invalid",
                     "message": "The sandbox listens only on this computer (127.0.0.1, ::1 or localhost): its "
                     "control routes have no password. Nothing was started."})
        return EXIT_CODES[Outcome.INVALID]
    try:
        server = SandboxServer(host=args.host, port=args.port).start()
    except OSError as err:
        _emit(args, {"ok": False, "outcome": "invalid",
                     "message": f"The sandbox could not listen on {args.host} port {args.port} "
                     f"({err.strerror or 'unknown error'}). Nothing was started."})
        return EXIT_CODES[Outcome.INVALID]
    details = server.credentials()
    if _json_mode(args):
        _print_json(details)
    else:
        _out(f"PHLO sandbox on {details['api_base']} - no real calls are placed.")
        _out("Use it from another terminal with:")
        _out(
            f"  export PHLO_DESK_API_BASE={details['api_base']} PLIVO_AUTH_ID={details['auth_id']} "
            f"PLIVO_AUTH_TOKEN={details['auth_token']} PHLO_DESK_PHLO_ID={details['phlo_id']} "
            f"PHLO_DESK_NODE_ID={details['node_id']} PHLO_DESK_TRIGGER_SOURCE={details['trigger_source']}"
        )
        _out(f"Call state: {details['api_base']}/sandbox/state   Stop with Ctrl+C.")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "warm-transfer": _node_action,
    "cold-transfer": _node_action,
    "call": _node_action,
    "member": _member_action,
    "check": _check,
    "login": _login,
    "logout": _logout,
    "settings": _settings,
    "directory": _directory,
    "sandbox": _sandbox,
}


# -- output --------------------------------------------------------------------


def _report_error(args: argparse.Namespace, err: PhloError) -> int:
    from phlo_desk.core.client import result_from_error

    result = result_from_error(err, None)
    _report(args, result)
    return EXIT_CODES[result.outcome]


def _report(args: argparse.Namespace, result: ActionResult) -> None:
    if _json_mode(args):
        _print_json(result.as_dict())
        return
    what = args.command + (f" {result.request.target}" if result.request else "")
    facts = [f"HTTP {result.status}" if result.status else "", f"api_id {result.api_id}" if result.api_id else "",
             f"{result.elapsed_ms:.0f} ms" if result.elapsed_ms is not None else ""]
    facts_text = ", ".join(f for f in facts if f)
    lines = [f"{'OK' if result.ok else 'FAILED'} [{result.outcome.value}] {what}: {result.message}"
             + (f" ({facts_text})" if facts_text else "")]
    if result.detail:
        lines.append(f"  Plivo said: {result.detail}" if result.status else f"  ({result.detail})")
    for line in lines:
        _out(line, error=not result.ok)


def _emit(args: argparse.Namespace, payload: dict[str, object], lines: Sequence[str] = ()) -> None:
    """One message: the payload as JSON, or its message (and `lines`) as text."""
    if _json_mode(args):
        _print_json(payload)
        return
    for line in [str(payload["message"]), *lines]:
        _out(line, error=not payload.get("ok"))


# The only places that print: JSON (json.dumps escapes every control) or printable text.

def _json_mode(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def _print_json(payload: dict[str, object]) -> None:
    print(json.dumps(payload), flush=True)


def _out(text: str, *, error: bool = False) -> None:
    print(_printable_lines(text), file=sys.stderr if error else sys.stdout, flush=True)


class _PrintableFormatter(logging.Formatter):
    """Log lines on the terminal: printable, and without tracebacks."""

    def format(self, record: logging.LogRecord) -> str:
        return _printable_lines(super().format(record))

    def formatException(self, ei) -> str:  # type: ignore[no-untyped-def]  # noqa: N802 - logging's name
        return ""


def _printable_lines(text: str) -> str:
    return "\n".join(printable(line) for line in text.split("\n"))


if __name__ == "__main__":
    sys.exit(main())
