"""PHLO Desk: warm-transfer console for Plivo PHLO multi-party calls."""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"


def _package_data() -> Path:
    """The folder of the package data (phlo_desk.resources), the same in a checkout, a wheel
    and the bundle: the package's own path. (importlib.resources would cost start-up ~4 ms.)"""
    import phlo_desk.resources

    return Path(next(iter(phlo_desk.resources.__path__)))


def translations_path() -> Path:
    """The folder of the compiled catalogues (phlo_desk_<language>.qm), for the window and the self-test."""
    return _package_data() / "translations"


def icon_path() -> Path | None:
    """The window icon, from the package data.

    Here, below every layer, so that the window and the self-test find the same file.
    """
    try:
        icon = _package_data() / "icons" / "phlo-desk.svg"
    except ModuleNotFoundError:  # an editable install made before the icons were package data
        return None
    # Qt reads files, not archive members: anything but a real file counts as missing.
    return icon if icon.is_file() else None
