"""Settings IT pushes through the operating system's own management: every value read
here is locked (the user's saved settings cannot override it; flags and the
environment IT starts the app with still do).

- Windows: the registry values under `Software\\Policies\\PhloDesk` (Group Policy and
  Intune write them; the ADMX template is `packaging/windows/PhloDesk.admx`), in
  `HKEY_CURRENT_USER` and `HKEY_LOCAL_MACHINE`; the machine's policy wins.
- macOS: managed preferences for the bundle id, `/Library/Managed Preferences/` (for the
  machine) and `/Library/Managed Preferences/<user>/` (pushed for the user); the
  machine's wins here too.
- Elsewhere: nothing; Linux uses the system settings file's `"locked"` list.

Value names are the settings file's keys (`phlo_id`, `node_id`, ...); only text
values count. A value that cannot be read is skipped, never an error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

POLICY_KEY = r"Software\Policies\PhloDesk"
BUNDLE_ID = "com.phlodesk.PhloDesk"
MANAGED_PREFERENCES = Path("/Library/Managed Preferences")


def read_registry_policies(registry: Any, names: Iterable[str]) -> dict[str, str]:
    """The policy values in the registry; `registry` is the `winreg` module (or a stand-in)."""
    values: dict[str, str] = {}
    for hive in (registry.HKEY_CURRENT_USER, registry.HKEY_LOCAL_MACHINE):  # the machine's last: it wins
        try:
            key = registry.OpenKey(hive, POLICY_KEY)
        except OSError:
            continue
        with key:
            for name in names:
                try:
                    value, kind = registry.QueryValueEx(key, name)
                except OSError:
                    continue
                if kind == registry.REG_SZ and isinstance(value, str) and value.strip():
                    values[name] = value.strip()
    return values


def read_managed_preferences(folder: Path, user: str, names: Iterable[str]) -> dict[str, str]:
    import plistlib

    names = tuple(names)
    values: dict[str, str] = {}
    for path in (folder / user / f"{BUNDLE_ID}.plist", folder / f"{BUNDLE_ID}.plist"):  # the machine's last
        try:
            with path.open("rb") as file:
                data = plistlib.load(file)
        except (OSError, ValueError, plistlib.InvalidFileException):
            continue
        if isinstance(data, dict):
            values.update({name: data[name].strip() for name in names
                           if isinstance(data.get(name), str) and data[name].strip()})
    return values


def platform_policies(names: Iterable[str]) -> dict[str, str]:
    """What this computer's management pushes, on the platforms that have it."""
    if sys.platform == "win32":
        import winreg

        return read_registry_policies(winreg, names)
    if sys.platform == "darwin":
        import getpass

        return read_managed_preferences(MANAGED_PREFERENCES, getpass.getuser(), names)
    return {}
