"""What lupdate cannot see: texts the window shows that are not a literal in a marked call.

lupdate reads only the literal first argument of tr(), translate() and the marks
(`translatable`, `say`); `tr(name)` or an f-string in it is skipped without a word,
and so is a literal handed straight to a Qt text setter. This finds both in the source.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

MARKS = {"tr", "translate", "translatable", "say", "QT_TR_NOOP", "QT_TRANSLATE_NOOP"}
# Qt calls whose string arguments a person reads.
TEXT_SETTERS = {
    "setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setAccessibleName",
    "setAccessibleDescription", "setStatusTip", "setWhatsThis", "setTitle", "addAction", "addMenu",
    "showMessage", "addItem", "addItems", "setHorizontalHeaderLabels", "setLabelText", "addRow",
    "setInformativeText", "setDetailedText", "setTabText", "addTab", "setSuffix", "setPrefix",
    "setSpecialValueText", "setToolTipText", "information", "warning", "critical", "question",
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMenu", "QToolButton",
}
# Literals that are not words: punctuation, numbers, markup, names that stay as they are.
NOT_WORDS = re.compile(r"^[\W\d_]*$|^(?:PHLO Desk|Plivo|api_id|HTTP|SIP|PHLO)$")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _words(node: ast.expr) -> bool:
    return _literal(node) and not NOT_WORDS.match(node.value)  # type: ignore[attr-defined]


# Calls on these objects are logging, for the log file, not for the agent.
LOGGERS = {"log", "logger", "logging"}
# Where marked texts are translated: its translate() calls take them as variables.
TRANSLATING_MODULE = "translation.py"


def _on_logger(func: ast.expr) -> bool:
    return isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in LOGGERS


def _qt_translate(func: ast.expr) -> bool:
    """QCoreApplication.translate, not str.translate."""
    return (isinstance(func, ast.Attribute) and func.attr == "translate" and isinstance(func.value, ast.Name)
            and func.value.id in ("QCoreApplication", "QApplication"))


def findings_in(path: Path, root: Path) -> list[Finding]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    shown = str(path.relative_to(root))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # lupdate reads no call inside an f-string
            found += [Finding(shown, call.lineno, f"{_name(call.func)}() inside an f-string: lupdate skips it")
                      for part in node.values if isinstance(part, ast.FormattedValue)
                      for call in ast.walk(part.value) if isinstance(call, ast.Call) and _name(call.func) in MARKS]
            continue
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if _on_logger(node.func) or (name == "translate" and not _qt_translate(node.func)):
            continue
        if name in MARKS and node.args and path.name != TRANSLATING_MODULE:
            text = node.args[1] if name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) > 1 else node.args[0]
            if not _literal(text):
                found.append(Finding(shown, node.lineno, f"{name}() of something lupdate cannot read: "
                                                         f"{ast.unparse(text)[:60]}"))
        elif name in TEXT_SETTERS:
            for argument in node.args:
                if _words(argument):
                    found.append(Finding(shown, node.lineno, f"{name}() shows an untranslated literal: "
                                                             f"{argument.value[:60]!r}"))  # type: ignore[attr-defined]
    return found


def untranslatable(package: Path) -> list[Finding]:
    """Every finding under `package` (phlo_desk), sorted by place."""
    root = package.parent
    return sorted((f for path in sorted(package.rglob("*.py")) for f in findings_in(path, root)),
                  key=lambda f: (f.path, f.line))
