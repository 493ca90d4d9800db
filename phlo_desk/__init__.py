"""PHLO Desk: warm-transfer console for Plivo PHLO multi-party calls."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"


def translations_path() -> Path:
    """The folder of the compiled catalogues (phlo_desk_<language>.qm), for the window and the self-test."""
    from importlib import resources

    return Path(str(resources.files("phlo_desk.resources") / "translations"))


def icon_path() -> Path | None:
    """The window icon, from the package data (the same in a checkout, a wheel and the bundle).

    Here, below every layer, so that the window and the self-test find the same file.
    """
    from importlib import resources

    try:
        icon = resources.files("phlo_desk.resources") / "icons" / "phlo-desk.svg"
    except ModuleNotFoundError:  # an editable install made before the icons were package data
        return None
    # Qt reads files, not archive members: anything but a real file counts as missing.
    return icon if isinstance(icon, Path) and icon.is_file() else None
