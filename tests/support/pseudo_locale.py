"""A pseudo-language: every text lupdate extracts, about 40 % longer and in accented letters.

A window built under it shows at once what was not translated (any plain ASCII word
left in a text the agent reads) and what does not fit a longer language (the layout
test's checker on the same window). It is made from today's code with the project's
own lupdate options, so it always covers every extracted text.
"""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenuBar,
    QWidget,
)


def _packaging_script(name: str):  # type: ignore[no-untyped-def]
    """A script of packaging/ as a module (the folder is not a package: `packaging` is PyPI's)."""
    path = Path(__file__).resolve().parents[2] / "packaging" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"phlo_desk_packaging_{name}", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


translations = _packaging_script("translations")

LANGUAGE = "eo"  # a real locale nobody here ships, so Qt finds no catalogue of its own for it
_ACCENTED = dict(zip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                     "áƀçđéƒĝĥíĵķĺḿñóṕʠŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹḾÑÓṔɊŔŠŢÚṼŴẊÝŽ", strict=True))
_VOWELS = set("aeiouAEIOU")
# What a translation must keep as it is: format fields, %1, markup, entities.
_KEPT = re.compile(r"\{[a-z_]+\}|%\d|<[^>]*>|&[a-z]+;|&&")


def pseudo(text: str) -> str:
    """Each letter accented and each vowel doubled (English is ~40 % vowels): longer, unreadable as ASCII."""
    out, last = [], 0
    for kept in _KEPT.finditer(text):
        out.append(_letters(text[last:kept.start()]))
        out.append(kept.group())
        last = kept.end()
    out.append(_letters(text[last:]))
    return "".join(out)


def _letters(text: str) -> str:
    return "".join(_ACCENTED.get(ch, ch) * (2 if ch in _VOWELS else 1) for ch in text)


def make_catalogue(folder: Path) -> Path:
    """phlo_desk_<LANGUAGE>.qm in `folder`, every text of today's code in the pseudo-language."""
    ts = folder / f"{translations.CATALOGUE}_{LANGUAGE}.ts"
    translations.extract([ts])
    tree = ElementTree.parse(ts)
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        translation.text = pseudo(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return translations.compile_catalogue(ts)


# -- what a person reads -------------------------------------------------------------

# Left in plain letters on purpose: names, key names Qt writes, and the data the desk shows.
NOT_TRANSLATED = {"PHLO", "Plivo", "api_id", "HTTP", "SIP", "Ctrl", "Shift", "Alt", "Return", "Enter",
                  "Backspace", "Esc", "Del", "Space", "Tab", "Home", "End", "Meta", "PgUp", "PgDown"}
_DATA = re.compile(r"\b\w+://\S+|\bsip:\S+|\S+@\S+|\b[0-9a-f]{8}-[0-9a-f-]{27,}\b")
_ASCII_WORD = re.compile(r"\b[A-Za-z_]{2,}\b")  # a whole word in plain letters only


def plain_words(text: str, data: tuple[str, ...] = ()) -> list[str]:
    """The plain ASCII words in `text` that a translation should have changed."""
    for value in data:  # what came from outside the desk (a server's text, a typed name)
        if value:
            text = text.replace(value, " ")
    text = _DATA.sub(" ", re.sub(r"<[^>]*>", " ", text))
    return [word for word in _ASCII_WORD.findall(text) if word not in NOT_TRANSLATED]


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a person reads or hears in the visible tree under `root`."""
    found: list[tuple[str, str]] = [("window title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() and not isinstance(widget, QMenuBar):
            continue
        if _in_its_own_words(widget):
            continue
        name = widget.objectName() or type(widget).__name__
        texts = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())  # its text is the agent's own
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                texts.append(action.text())
                if action.menu():
                    texts += [a.text() for a in action.menu().actions()]
                    texts += [a.text() for sub in action.menu().actions() if sub.menu() for a in sub.menu().actions()]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _item_texts(widget)
        found += [(name, text) for text in texts if text]
    return found


def _in_its_own_words(widget: QWidget) -> bool:
    """Texts that are right untranslated here: each language named in itself, and Qt's own
    standard buttons (Qt's catalogue translates them; the pseudo-language has none)."""
    if widget.objectName() == "languageCombo":
        return True
    box = widget.parent()
    return (isinstance(widget, QAbstractButton) and isinstance(box, QDialogButtonBox)
            and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton)


def _item_texts(view: QAbstractItemView) -> list[str]:
    """Header titles, and the cells of the columns that hold the desk's words (not data)."""
    from PySide6.QtCore import Qt

    model = view.model()
    words = [column for column in range(model.columnCount())
             if str(getattr(model, "COLUMNS", [""] * 99)[column]) in ("Action", "Outcome", "Message", "Role")]
    texts = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
             if model.headerData(c, Qt.Orientation.Horizontal)]
    for row in range(min(model.rowCount(), 20)):
        texts += [str(model.index(row, c).data() or "") for c in words]
    return texts

