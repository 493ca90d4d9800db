"""The connection profile and where its values come from.

Precedence, highest first: command-line flags, environment, the user's saved
settings, a system-wide file IT can push, built-in defaults. The Auth Token is
not part of the profile: it lives in the keyring (see credentials.py).
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

from phlo_desk.core.errors import InvalidInput

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
}
TOKEN_ENVIRONMENT = "PLIVO_AUTH_TOKEN"

_AUTH_ID_RE = re.compile(r"^(MA|SA)[A-Z0-9]{18}$")
_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class Profile:
    api_base: str = DEFAULT_API_BASE
    auth_id: str = ""
    phlo_id: str = ""
    node_id: str = ""
    trigger_source: str = ""
    default_region: str = "US"
    # field name -> "default" | "system" | "saved" | "environment" | "command line"
    sources: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def stored_values(self) -> dict[str, str]:
        values = asdict(self)
        del values["sources"]
        return values

    def missing(self) -> list[str]:
        """Fields an action needs that are still empty."""
        needed = ("api_base", "auth_id", "phlo_id", "node_id")
        return [name for name in needed if not getattr(self, name)]

    def problems(self) -> list[str]:
        """Plain-language problems with the values that are set."""
        found = []
        if self.api_base:
            try:
                normalise_api_base(self.api_base)
            except InvalidInput as err:
                found.append(err.advice)
        if self.auth_id and not _AUTH_ID_RE.match(self.auth_id):
            found.append("The Auth ID is 20 characters and starts with MA or SA.")
        for name, label in (("phlo_id", "PHLO ID"), ("node_id", "node ID")):
            value = getattr(self, name)
            if value and not _ID_RE.match(value):
                found.append(f"The {label} has only letters, digits and dashes.")
        return found

    def require_complete(self) -> None:
        """Raise InvalidInput (nothing sent) unless an action can be made."""
        from phlo_desk.core.errors import NotConfigured

        missing = self.missing()
        if missing:
            raise NotConfigured("missing: " + ", ".join(_LABELS[name] for name in missing))
        problems = self.problems()
        if problems:
            raise InvalidInput(" ".join(problems), advice="The settings are not valid: nothing was sent.")


_LABELS = {
    "api_base": "API base URL",
    "auth_id": "Auth ID",
    "phlo_id": "PHLO ID",
    "node_id": "node ID",
    "trigger_source": "trigger source",
    "default_region": "default region",
}
FIELD_NAMES = tuple(f.name for f in fields(Profile) if f.name != "sources")


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
    parts = urlsplit(text)
    try:
        host = parts.hostname or ""
        has_credentials = parts.username is not None or parts.password is not None
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        host, has_credentials = "", False
    # The URL is never echoed into the message: a pasted one may carry a token.
    if has_credentials:
        raise InvalidInput(
            "API base URL",
            advice="The API base URL must not contain a user or password: enter the Auth ID and "
            "Auth Token in their own fields.",
        )
    if not host or parts.scheme not in ("https", "http") or parts.query or parts.fragment:
        raise InvalidInput("API base URL", advice="The API base URL must look like https://phlorunner.plivo.com.")
    if parts.scheme == "http" and not is_loopback_host(host):
        raise InvalidInput("API base URL", advice="The API base URL must use https (plain http only to this computer).")
    return text


class SettingsStore:
    """Saved settings as JSON: the user's file over an optional system file."""

    def __init__(self, user_dir: Path | None = None, system_dir: Path | None = None) -> None:
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

    def has_saved(self) -> bool:
        return self.user_file.exists() or bool(self.system_file and self.system_file.exists())

    def load_layers(self) -> list[tuple[str, dict[str, str]]]:
        layers = []
        if self.system_file is not None:
            layers.append(("system", _read_json(self.system_file)))
        layers.append(("saved", _read_json(self.user_file)))
        return layers

    def save(self, profile: Profile) -> None:
        self.user_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.user_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(profile.stored_values(), indent=2) + "\n", encoding="utf-8")
        os.replace(temporary, self.user_file)  # atomic: a crash never leaves half a file


def _read_json(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        # A damaged file must not stop the app; the values fall back to the next layer.
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(v) for k, v in data.items() if k in FIELD_NAMES and v is not None}


def resolve_profile(
    flags: Mapping[str, str | None] | None = None,
    environ: Mapping[str, str] | None = None,
    store: SettingsStore | None = None,
) -> Profile:
    """Merge every layer into one Profile, remembering where each value came from."""
    environ = os.environ if environ is None else environ
    layers: list[tuple[str, Mapping[str, str | None]]] = []
    if store is not None:
        layers += store.load_layers()
    layers.append(("environment", {name: environ.get(var) for name, var in ENVIRONMENT.items()}))
    layers.append(("command line", flags or {}))

    values = {name: getattr(Profile, name) for name in FIELD_NAMES}
    sources = {name: "default" for name in FIELD_NAMES}
    for source, layer in layers:
        for name in FIELD_NAMES:
            value = layer.get(name)
            if value is not None and str(value).strip() != "":
                values[name] = str(value).strip()
                sources[name] = source
    return replace(Profile(**values), sources=sources)
