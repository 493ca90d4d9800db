"""The connection profile and where its values come from.

Precedence, highest first: command-line flags, environment, policies (Windows
registry, macOS managed preferences: see policy.py), the user's saved settings, a
system-wide file IT can push, built-in defaults. The user's file holds only what the
user set, so it never shadows what IT pushes later. IT can lock settings: the
system file's `"locked"` list, and every policy value. A locked setting ignores the
user's file and cannot be saved there; flags and environment IT starts the app with
still win. The Auth Token is not part of the profile: it lives in the keyring (see
credentials.py).
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import field, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

from phlo_desk.core.addresses import DEFAULT_REGION
from phlo_desk.core.errors import InvalidInput
from phlo_desk.core.translatable import say, translatable
from phlo_desk.core.values import value_class

DEFAULT_API_BASE = "https://phlorunner.plivo.com"
APP_NAME = "phlo-desk"

# Profile field -> environment variable. PLIVO_AUTH_ID is the name Plivo's SDKs read.
ENVIRONMENT = {
    "api_base": "PHLO_DESK_API_BASE",
    "auth_id": "PLIVO_AUTH_ID",
    "phlo_id": "PHLO_DESK_PHLO_ID",
    "node_id": "PHLO_DESK_NODE_ID",
    "trigger_source": "PHLO_DESK_TRIGGER_SOURCE",
    "default_region": "PHLO_DESK_REGION",
    "tray": "PHLO_DESK_TRAY",
    "notifications": "PHLO_DESK_NOTIFICATIONS",
    "language": "PHLO_DESK_LANGUAGE",
    "directory": "PHLO_DESK_DIRECTORY",
    "directory_endpoints": "PHLO_DESK_DIRECTORY_ENDPOINTS",
}
TOKEN_ENVIRONMENT = "PLIVO_AUTH_TOKEN"


def environment_commands(values: Mapping[str, str], token: str) -> str:
    """Shell lines that point phlo-desk-cli at the same connection (the sandbox's, for trainers)."""
    import shlex

    lines = [f"export {ENVIRONMENT[name]}={shlex.quote(value)}" for name, value in values.items()
             if name in ENVIRONMENT and value]
    return "\n".join([*lines, f"export {TOKEN_ENVIRONMENT}={shlex.quote(token)}"]) + "\n"


_AUTH_ID_RE = re.compile(r"^(MA|SA)[A-Z0-9]{18}$")
_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

# Shown instead of an API base URL that holds a user or password (it may be the token).
HIDDEN_API_BASE = translatable("(hidden: it contains a user or password)")
REGION_PROBLEM = translatable("The default region is a two-letter country code, such as US or GB.")
SWITCHES = ("on", "off")
SWITCH_PROBLEMS = {"tray": translatable("The tray icon setting is on or off."),
                   "notifications": translatable("The notifications setting is on or off."),
                   "directory_endpoints": translatable("The Plivo endpoints setting is on or off.")}
DIRECTORY_PROBLEM = translatable(
    "The directory is a file path or an https address (plain http only to this computer).")
LANGUAGE_PROBLEM = translatable("The language is a code such as es or pt_BR, or empty to follow the system.")
_ID_PROBLEMS = {"phlo_id": translatable("The PHLO ID has only letters, digits and dashes."),
                "node_id": translatable("The node ID has only letters, digits and dashes.")}
# "es", "pt_BR", "es_419": a language, and its region if any, as Qt's locales name them.
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(_([A-Z]{2}|[0-9]{3}))?$")


@value_class
class Profile:
    api_base: str = DEFAULT_API_BASE
    auth_id: str = ""
    phlo_id: str = ""
    node_id: str = ""
    trigger_source: str = ""
    default_region: str = DEFAULT_REGION
    # The desktop: an icon in the system tray, a notification for an answer that comes
    # while the agent works in another window ("on" / "off"), and the language ("" = the system's).
    tray: str = "on"
    notifications: str = "on"
    language: str = ""
    # The transfer directory: IT's list (a CSV or JSON file path or URL, "" = none) and
    # whether the Plivo account's SIP endpoints join it (IT opts in: it reads the Voice API).
    directory: str = ""
    directory_endpoints: str = "off"
    # field name -> "default" | "system" | "saved" | "environment" | "command line"
    sources: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # One plain message per damage found in a settings file, with what was used instead.
    notices: tuple[str, ...] = field(default=(), compare=False, repr=False)
    # Fields IT locked: shown read-only, never taken from or saved to the user's file.
    locked: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __repr__(self) -> str:  # safe in logs and tracebacks: shown_values() hides a URL with a password
        return "Profile(" + ", ".join(f"{k}={v!r}" for k, v in self.shown_values().items()) + ")"

    def stored_values(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FIELD_NAMES}

    def shown_values(self) -> dict[str, str]:
        """stored_values() safe to print: an API base URL with a user or password is hidden."""
        values = self.stored_values()
        if has_credentials(self.api_base):
            values["api_base"] = HIDDEN_API_BASE
        return values

    def is_on(self, switch: str) -> bool:
        """Whether a switch ("tray", "notifications", "directory_endpoints") is on; a value
        that is not valid counts as the switch's default."""
        value = getattr(self, switch)
        if value not in SWITCHES:
            value = _SWITCH_DEFAULTS[switch]
        return value == "on"

    def missing(self) -> list[str]:
        """Fields an action needs that are still empty."""
        needed = ("api_base", "auth_id", "phlo_id", "node_id")
        return [name for name in needed if not getattr(self, name)]

    def problems(self) -> list[str]:
        """Plain-language problems with the values an action needs that are set."""
        return [sentence for _name, sentence in self._connection_problems()]

    def field_problems(self) -> list[tuple[str, str]]:
        """(field, fixed sentence) for every value set but not valid, the region and
        your number included: what a settings file must never hold."""
        from phlo_desk.core.addresses import AddressError, is_valid_region, parse_address

        found = self._connection_problems()
        if self.default_region and not is_valid_region(self.default_region):
            found.append(("default_region", REGION_PROBLEM))
        found += [(name, sentence) for name, sentence in SWITCH_PROBLEMS.items() if getattr(self, name) not in SWITCHES]
        if self.language and not _LANGUAGE_RE.match(self.language):
            found.append(("language", LANGUAGE_PROBLEM))
        if self.directory and not is_directory_location(self.directory):
            found.append(("directory", DIRECTORY_PROBLEM))
        if self.trigger_source:
            try:
                parse_address(self.trigger_source, self.default_region)
            except AddressError as err:
                found.append(("trigger_source", str(err)))
        return found

    def _connection_problems(self) -> list[tuple[str, str]]:
        found = []
        if self.api_base:
            try:
                normalise_api_base(self.api_base)
            except InvalidInput as err:
                found.append(("api_base", err.advice))
        if self.auth_id and not _AUTH_ID_RE.match(self.auth_id):
            found.append(("auth_id", translatable("The Auth ID is 20 characters and starts with MA or SA.")))
        for name, sentence in _ID_PROBLEMS.items():
            value = getattr(self, name)
            if value and not _ID_RE.match(value):
                found.append((name, sentence))
        return found

    def require_complete(self) -> None:
        """Raise InvalidInput (nothing sent) unless an action can be made."""
        from phlo_desk.core.errors import NotConfigured

        missing = self.missing()
        if missing:
            raise NotConfigured("missing: " + ", ".join(_LABELS[name] for name in missing))
        problems = self.problems()
        if problems:
            raise InvalidInput(" ".join(problems),
                               advice=translatable("The settings are not valid: nothing was sent."))


_LABELS = {
    "api_base": "API base URL",
    "auth_id": "Auth ID",
    "phlo_id": "PHLO ID",
    "node_id": "node ID",
    "trigger_source": "trigger source",
    "default_region": "default region",
}
FIELD_NAMES = tuple(f.name for f in fields(Profile) if f.name not in ("sources", "notices", "locked"))
_SWITCH_DEFAULTS = {f.name: f.default for f in fields(Profile) if f.name in SWITCH_PROBLEMS}
LOCKED_BY_IT = translatable("Set by your IT department: it cannot be changed here.")


class InvalidSettings(InvalidInput):
    """Values that must not be saved; `problems` holds (field, fixed sentence) for each."""

    advice = translatable("The settings are not valid: nothing was saved.")

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(" ".join(sentence for _name, sentence in problems))
        self.problems = problems


def has_credentials(url: str) -> bool:
    """An API base URL has no use for "@": one there means a user or password (maybe the token)."""
    return "@" in url


def is_url(location: str) -> bool:
    return "://" in location


def is_directory_location(location: str) -> bool:
    """A file path, or a URL the desk may fetch (see directory_url_problem)."""
    if not is_url(location):
        return "\0" not in location
    return not directory_url_problem(location.strip())


def directory_url_problem(url: str) -> str:
    """Why a directory URL cannot be used, or "": https, or plain http to loopback only, and
    never a user or password (settings files are not for secrets). The URL is never echoed."""
    if has_credentials(url):
        return translatable("The directory URL must not contain a user or password.")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        host = ""
    if not host or parts.scheme.lower() not in ("https", "http"):
        return translatable("The directory URL is not valid: it must look like https://intranet.example/directory.csv.")
    if parts.scheme.lower() == "http" and not is_loopback_host(host):
        return translatable("The directory URL must use https (plain http only to this computer).")
    return ""


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_api_base(url: str) -> str:
    """`https://host[:port]`, or plain http to loopback only; no trailing /v1."""
    text = url.strip().rstrip("/")
    if text.endswith("/v1"):
        text = text[: -len("/v1")]
    # The URL is never echoed into the message: a pasted one may carry a token.
    if has_credentials(text):
        raise InvalidInput(
            "API base URL",
            advice=translatable("The API base URL must not contain a user or password: enter the Auth ID and "
                                "Auth Token in their own fields."),
        )
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        host = ""
    if not host or parts.scheme not in ("https", "http") or parts.query or parts.fragment:
        raise InvalidInput("API base URL",
                           advice=translatable("The API base URL must look like https://phlorunner.plivo.com."))
    if parts.scheme == "http" and not is_loopback_host(host):
        raise InvalidInput("API base URL",
                           advice=translatable("The API base URL must use https (plain http only to this computer)."))
    return text


@value_class
class Layer:
    source: str  # "system" | "saved" | "policy" | "environment" | "command line"
    values: Mapping[str, str | None]
    locked: frozenset[str] = frozenset()


class SettingsStore:
    """Saved settings as JSON: the user's file over an optional system file, and the
    platform's policies over both."""

    def __init__(self, user_dir: Path | None = None, system_dir: Path | None = None,
                 policies: Callable[[], Mapping[str, str]] | None = None) -> None:
        if user_dir is None:
            override = os.environ.get("PHLO_DESK_CONFIG_DIR")
            if override:
                user_dir = Path(override)
            else:
                import platformdirs

                user_dir = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
        if system_dir is None and not os.environ.get("PHLO_DESK_CONFIG_DIR"):
            import platformdirs

            system_dir = Path(platformdirs.site_config_dir(APP_NAME, appauthor=False))
        self.user_file = user_dir / "settings.json"
        self.system_file = system_dir / "settings.json" if system_dir else None
        if policies is None and not os.environ.get("PHLO_DESK_CONFIG_DIR"):
            from phlo_desk.core.policy import platform_policies

            policies = lambda: platform_policies(FIELD_NAMES)  # noqa: E731
        self.policies = policies

    def has_saved(self) -> bool:
        return self.user_file.exists() or bool(self.system_file and self.system_file.exists())

    def load_layers(self) -> tuple[list[Layer], list[str]]:
        """The system file's, the user's and the policies' values, lowest first, and a
        notice per damage."""
        layers, notices = [], []
        below_user = say("the defaults")
        if self.system_file is not None:
            values, found, locked = _read_settings(self.system_file, fallback=say("the defaults"), lockable=True)
            layers.append(Layer("system", values, locked))
            notices += found
            below_user = say("the system-wide settings and the defaults")
        values, found, _ = _read_settings(self.user_file, fallback=below_user)
        layers.append(Layer("saved", values))
        if self.policies is not None:
            policy = dict(self.policies())
            layers.append(Layer("policy", policy, frozenset(policy)))
        return layers, notices + found

    def locked(self) -> frozenset[str]:
        return frozenset().union(*(layer.locked for layer in self.load_layers()[0]))

    def load_user(self) -> dict[str, str]:
        """The valid values in the user's own file (damage is reported by load_layers)."""
        return _read_settings(self.user_file, fallback="")[0]

    def merged(self, changes: Mapping[str, str], context: Profile | None = None) -> dict[str, str]:
        """The user's file with `changes` over it (an empty value removes its key), checked.

        Raises InvalidSettings when a value to be written is not valid; `context` (the
        effective profile) supplies the rest, such as the region a number is read in.
        """
        locked = sorted(name for name in changes if name in self.locked())
        if locked:
            raise InvalidSettings([(name, LOCKED_BY_IT) for name in locked])
        values = self.load_user()
        for name, value in changes.items():
            if value.strip():
                values[name] = value.strip()
            else:
                values.pop(name, None)
        candidate = replace(context or Profile(), **values)
        problems = [(name, sentence) for name, sentence in candidate.field_problems() if name in values]
        if problems:
            raise InvalidSettings(problems)
        return values

    def save(self, changes: Mapping[str, str], context: Profile | None = None) -> dict[str, str]:
        """Write merged(changes, context) as the user's file and return it; nothing when invalid."""
        values = self.merged(changes, context)
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.user_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(values, indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, self.user_file)  # atomic: a crash never leaves half a file
        return values


def _read_settings(path: Path, *, fallback: str,
                   lockable: bool = False) -> tuple[dict[str, str], list[str], frozenset[str]]:
    """The valid values in one settings file, a plain notice for each damage found, and
    (in the system file) the fields it locks.

    A damaged file never stops the app: what is damaged falls back to the lower
    layers, which `fallback` names for the notice.
    """
    nothing: frozenset[str] = frozenset()
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        return {}, [], nothing
    except UnicodeDecodeError:
        return {}, [_damaged(path, say("it is not UTF-8 text"), fallback)], nothing
    except ValueError:
        return {}, [_damaged(path, say("it is not valid JSON"), fallback)], nothing
    except OSError as err:
        return {}, [say("The settings file {path} could not be read ({why}) and was ignored: {fallback} are used "
                        "instead.", path=path, why=err.strerror or say("unknown error"), fallback=fallback)], nothing
    if not isinstance(data, dict):
        return {}, [_damaged(path, say("it holds no settings object"), fallback)], nothing
    values, notices = {}, []
    for name in FIELD_NAMES:
        value = data.get(name)
        if isinstance(value, str):
            values[name] = value
        elif value is not None:
            notices.append(say("The settings file {path} is damaged: \"{name}\" is not text and was ignored; "
                               "{fallback} are used for it instead.", path=path, name=name, fallback=fallback))
    locked = data.get("locked", []) if lockable else []
    if not isinstance(locked, list) or any(name not in FIELD_NAMES for name in locked):
        notices.append(say("The settings file {path} is damaged: \"locked\" must list setting names "
                           "({names}); what it names correctly is still locked.", path=path,
                           names=", ".join(FIELD_NAMES)))
        locked = locked if isinstance(locked, list) else []
    return values, notices, frozenset(name for name in locked if name in FIELD_NAMES)


def _damaged(path: Path, why: str, fallback: str) -> str:
    return say("The settings file {path} is damaged ({why}) and was ignored: {fallback} are used instead.",
               path=path, why=why, fallback=fallback)


def resolve_profile(
    flags: Mapping[str, str | None] | None = None,
    environ: Mapping[str, str] | None = None,
    store: SettingsStore | None = None,
) -> Profile:
    """Merge every layer into one Profile, remembering where each value came from."""
    environ = os.environ if environ is None else environ
    layers: list[Layer] = []
    notices: list[str] = []
    if store is not None:
        saved, notices = store.load_layers()
        layers += saved
    layers.append(Layer("environment", {name: environ.get(var) for name, var in ENVIRONMENT.items()}))
    layers.append(Layer("command line", flags or {}))
    locked = frozenset().union(*(layer.locked for layer in layers))

    values = {name: getattr(Profile, name) for name in FIELD_NAMES}
    sources = {name: "default" for name in FIELD_NAMES}
    for layer in layers:
        for name in FIELD_NAMES:
            value = layer.values.get(name)
            if layer.source == "saved" and name in locked:
                continue  # IT locked it: the user's file does not count
            if value is not None and str(value).strip() != "":
                values[name] = str(value).strip()
                sources[name] = layer.source
    return replace(Profile(**values), sources=sources, notices=tuple(notices), locked=locked)
