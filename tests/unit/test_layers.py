"""The layer contract: core and sandbox never import Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import phlo_desk

PACKAGE = Path(phlo_desk.__file__).parent


def _modules(subpackage: str) -> list[str]:
    root = PACKAGE / subpackage
    return [
        "phlo_desk." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for path in root.rglob("*.py")
    ]


def test_core_sandbox_and_cli_import_no_qt():
    modules = _modules("core") + _modules("sandbox") + ["phlo_desk.cli"]
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt')))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt imported by a Qt-free layer: {result.stdout}"


def test_no_qt_import_statement_outside_ui():
    # The self-test checks Qt too, importing it only inside that check.
    offenders = [
        str(path)
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts
        and path != PACKAGE / "selftest.py"
        and "PySide6" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
