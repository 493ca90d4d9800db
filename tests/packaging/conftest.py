"""Packaging tests: the self-test, the desktop files, the .deb and the release workflow."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def pytest_configure(config):  # type: ignore[no-untyped-def]
    config.addinivalue_line(
        "markers",
        "deb: needs the built .deb (dist/phlo-desk_*.deb) or PHLO_DESK_TEST_DEB=1, which builds it",
    )
