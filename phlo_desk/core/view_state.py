"""How the agent left the window: size and place, layout, always on top, colours.

Kept apart from the settings (which IT provisions) in the user's state folder. It is
a convenience: a missing or damaged file gives the defaults and is never an error.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, fields
from pathlib import Path

from phlo_desk.core.values import value_class

log = logging.getLogger(__name__)

COLOUR_CHOICES = ("system", "light", "dark")


@value_class
class ViewState:
    geometry: str = ""  # the window's own encoding of its size and place (base64)
    one_column: bool = False  # False: one column when narrow, columns side by side when wide
    always_on_top: bool = False
    colours: str = "system"

    @classmethod
    def from_json(cls, data: object) -> ViewState:
        if not isinstance(data, dict):
            return cls()
        defaults = cls()
        values = {}
        for field in fields(cls):
            value = data.get(field.name)
            values[field.name] = value if isinstance(value, type(getattr(defaults, field.name))) else \
                getattr(defaults, field.name)
        if values["colours"] not in COLOUR_CHOICES:
            values["colours"] = defaults.colours
        return cls(**values)


def default_view_state_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir("phlo-desk", appauthor=False)) / "window.json"


class ViewStateStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_view_state_path()

    def load(self) -> ViewState:
        try:
            return ViewState.from_json(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as err:
            if not isinstance(err, FileNotFoundError):
                log.warning("window state not read from %s: %s", self.path, err)
            return ViewState()

    def save(self, state: ViewState) -> None:
        """Write atomically; a read-only home only loses the convenience."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(".tmp")
            partial.write_text(json.dumps(asdict(state), indent=1), encoding="utf-8")
            os.replace(partial, self.path)
        except OSError as err:
            log.warning("window state not saved to %s: %s", self.path, err)
