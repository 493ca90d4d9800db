"""The agent's language: every text can be translated, Spanish is complete, and a longer
language still fits.

- lupdate must see every text: a call it cannot read (`tr(name)`) or a literal handed
  straight to Qt is found in the source (tests/support/extraction.py).
- The Spanish catalogue has every text of today's code, finished, with the same
  placeholders.
- A pseudo-language made from today's code (tests/support/pseudo_locale.py) shows what
  slipped through at run time (a plain English word in any state of the window) and
  what does not fit a language ~40 % longer (the layout checker).
- Spanish is chosen from the flag, from the locale, and Qt's own buttons follow.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from unittest import mock

import pytest

from phlo_desk import translations_path
from phlo_desk.ui import translation
from tests.support import fit, window_states
from tests.support.extraction import untranslatable
from tests.support.pseudo_locale import LANGUAGE, make_catalogue, plain_words, pseudo, shown_texts, translations

REPO = Path(__file__).resolve().parents[2]
_PLACEHOLDERS = re.compile(r"\{[a-z_]+\}|%\d")


def test_lupdate_can_read_every_text_the_window_shows():
    found = untranslatable(REPO / "phlo_desk")
    assert not found, "texts lupdate cannot see:\n  " + "\n  ".join(map(str, found))


def test_spanish_is_shipped():
    assert [path.name for path in translations.catalogues()] == ["phlo_desk_es.ts"]


def test_the_checker_sees_a_variable_in_tr_and_a_bare_literal(tmp_path):
    module = tmp_path / "pkg" / "bad.py"
    module.parent.mkdir()
    module.write_text("def f(label, name):\n    label.setText('Warm transfer')\n    return tr(name)\n")
    found = [str(f) for f in untranslatable(tmp_path / "pkg")]
    assert found == ["pkg/bad.py:2: setText() shows an untranslated literal: 'Warm transfer'",
                     "pkg/bad.py:3: tr() of something lupdate cannot read: name"]


def _messages(ts: Path) -> list[ElementTree.Element]:
    return list(ElementTree.parse(ts).iter("message"))


@pytest.mark.parametrize("catalogue", translations.catalogues(), ids=lambda path: path.stem)
def test_each_catalogue_has_every_text_of_todays_code_finished_with_its_placeholders(tmp_path, catalogue):
    today = tmp_path / catalogue.name
    today.write_bytes(catalogue.read_bytes())
    translations.extract([today])  # what the committed catalogue lacks comes in unfinished
    problems = []
    messages = _messages(today)
    assert len(messages) > 300
    for message in messages:
        source = message.findtext("source") or ""
        translation_element = message.find("translation")
        text = translation_element.text or "" if translation_element is not None else ""
        if translation_element is None or translation_element.get("type") in ("unfinished", "vanished") or not text:
            problems.append(f"not translated: {source!r}")
        elif sorted(_PLACEHOLDERS.findall(source)) != sorted(_PLACEHOLDERS.findall(text)):
            problems.append(f"placeholders differ: {source!r} -> {text!r}")
        elif source.count("&") != text.count("&"):
            problems.append(f"mnemonic differs: {source!r} -> {text!r}")
    assert not problems, f"{len(problems)} of {len(messages)}:\n  " + "\n  ".join(problems[:40])


def test_the_pseudo_language_keeps_what_a_translation_must_keep():
    assert pseudo("{move} to %1") == "{move} ţóó %1"
    assert pseudo("&History...").startswith("&Ĥíí")
    assert plain_words(pseudo("Warm transfer sent, waiting for Plivo's answer.")) == []
    assert plain_words("Ŵáárḿ transfer") == ["transfer"]


# -- the window in the pseudo-language -------------------------------------------------

# What comes from outside the desk and stays as it came: the simulator's error texts, the
# keyring library's name for its backend.
OUTSIDE_TEXTS = (window_states.LONG_ERROR, "Internal Server Error", "Internal server error", "SecretService Keyring",
                 *window_states.demo_directory_texts())  # names and teams are the directory's data


def _desk_in(language: str, folder: Path | None = None):  # type: ignore[no-untyped-def]
    """A sandbox window built in `language` (from `folder`'s catalogues, or the shipped ones)."""
    from phlo_desk.sandbox import SandboxServer
    from phlo_desk.ui.app import build_parser, launch

    catalogues = folder or translations_path()  # not translation's own: another window's patch may hold it
    with mock.patch.object(translation, "translations_folder", return_value=catalogues), SandboxServer() as server:
        launched = launch(build_parser().parse_args(["--sandbox", "--language", language]), sandbox=server)
        window = launched.window
        assert translation.current_language().startswith(language)
        window.show()
        window.apply_profile(window.profile)
        yield window
        window.close()
        launched.background.stop()
        translation.remove()


@pytest.fixture(scope="module")
def pseudo_desk(qapp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pseudo")
    make_catalogue(folder)
    yield from _desk_in(LANGUAGE, folder)


@pytest.fixture(scope="module")
def spanish_desk(qapp):
    yield from _desk_in("es")


@pytest.mark.parametrize("size", [(400, 700), (900, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(window_states.STATES))
def test_in_a_longer_language_every_text_is_translated_and_nothing_is_clipped(qtbot, pseudo_desk, state, size):
    desk = pseudo_desk
    qtbot.waitUntil(lambda: desk.sandbox is not None and desk.desk.in_flight is None, timeout=5000)
    wait = lambda predicate: qtbot.waitUntil(predicate, timeout=5000)  # noqa: E731
    with window_states.in_state(desk, state, size, wait) as shown:
        english = [f"{where}: {text!r} ({', '.join(words)})" for where, text in shown_texts(shown)
                   if (words := plain_words(text, OUTSIDE_TEXTS))]
        assert not english, f"{state}: texts not translated:\n  " + "\n  ".join(english)
        found = fit.problems(shown)
        assert not found, f"{state} at {size[0]}x{size[1]} in the pseudo-language:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("state", list(window_states.STATES))
def test_in_spanish_nothing_is_clipped_at_400_px(qtbot, spanish_desk, state):
    """Spanish with Qt's own Spanish too: Qt's key names are longer than the pseudo-language's."""
    qtbot.waitUntil(lambda: spanish_desk.sandbox is not None and spanish_desk.desk.in_flight is None, timeout=5000)
    wait = lambda predicate: qtbot.waitUntil(predicate, timeout=5000)  # noqa: E731
    with window_states.in_state(spanish_desk, state, (400, 700), wait) as shown:
        found = fit.problems(shown)
        assert not found, f"{state} at 400x700 in Spanish:\n  " + "\n  ".join(found)


# -- Spanish at start-up ----------------------------------------------------------------------

SHOW_LANGUAGE = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox
    application = QApplication(sys.argv[:1])
    from phlo_desk.ui import app as desk_app
    from phlo_desk.ui.main_window import MainWindow

    def report():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        print("WARM", window.warm_button.text().split("  ")[0], flush=True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)  # Qt's own words
        print("QT", box.button(QDialogButtonBox.StandardButton.Cancel).text(), flush=True)
        window.close()

    QTimer.singleShot(300, report)
    sys.exit(desk_app.main(["--sandbox", *sys.argv[1:]]))
""")


def _start(tmp_path, *args: str, **environment: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"), **environment)
    done = subprocess.run([sys.executable, "-c", SHOW_LANGUAGE, *args], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(line.split(" ", 1) for line in done.stdout.splitlines() if line.startswith(("WARM ", "QT ")))


@pytest.mark.skipif(sys.platform == "win32", reason="the locale comes from LANG on Unix")
def test_spanish_from_the_system_locale_from_the_flag_and_english_otherwise(tmp_path):
    assert _start(tmp_path, LANG="es_MX.UTF-8") == {"WARM": "&Transferencia asistida", "QT": "Cancelar"}
    assert _start(tmp_path, "--language", "es", LANG="en_US.UTF-8") == {"WARM": "&Transferencia asistida",
                                                                          "QT": "Cancelar"}
    assert _start(tmp_path, LANG="en_US.UTF-8") == {"WARM": "&Warm transfer", "QT": "Cancel"}
    # The agent's languages in order: English before Spanish is English; a language without
    # a catalogue before Spanish is Spanish.
    assert _start(tmp_path, LANG="en_US.UTF-8", LANGUAGE="en:es")["WARM"] == "&Warm transfer"
    assert _start(tmp_path, LANG="es_ES.UTF-8", LANGUAGE="fi:es")["WARM"] == "&Transferencia asistida"
    # A language there is no catalogue for: English, and the desk still starts.
    assert _start(tmp_path, "--language", "fi")["WARM"] == "&Warm transfer"
