"""phlo-desk --self-test: can this installation work on this machine?

One line per check (PASS, WARN or FAIL and a detail), then a summary; the exit
status is 0 only when nothing failed. Qt starts on the platform the window would
use (QT_QPA_PLATFORM, else Qt's own choice for the display); with no display at
all it runs offscreen and warns that the window's platform went unchecked. It
never reads or writes the user's keyring entries or settings, and places no
real call: the transfer goes to the built-in sandbox on loopback. It works the
same from a source checkout, a wheel and the frozen bundle, which is its main
use: catching a module, plugin or data file an installation left out.

Where stdout is missing (the windowed Windows exe), the report goes to the
parent console if there is one, and to PHLO_DESK_SELF_TEST_REPORT if set.

Not part of the window: it checks every layer, so it sits above them. Qt is
imported only inside the checks that need it, and nothing here imports the
window's start module (phlo_desk.ui.app, which calls run_self_test).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

PASS, WARN, FAIL = "PASS", "WARN", "FAIL"
SANDBOX_TARGET = "+14152225555"


class CheckFailed(Exception):
    pass


class Warning_(Exception):  # a check that works but deserves a look
    pass


def check_version() -> str:
    from importlib import metadata

    from phlo_desk import __version__

    try:
        installed = metadata.version("phlo-desk")
    except metadata.PackageNotFoundError:
        raise CheckFailed(f"{__version__}, but no phlo-desk package metadata (not installed or not bundled)")
    if installed != __version__:
        raise CheckFailed(f"code says {__version__}, package metadata says {installed}")
    return f"{__version__}"


NO_DISPLAY = "no display"


def qt_platform_choice(environ: Mapping[str, str], system: str = sys.platform) -> tuple[str, str]:
    """(QT_QPA_PLATFORM to start Qt with, "" to let Qt choose; how the report names the choice)."""
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        return requested, "from QT_QPA_PLATFORM"
    if system in ("win32", "darwin") or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return "", "Qt's choice for this display"
    return "offscreen", NO_DISPLAY  # over ssh and in CI: check everything but the display


def _platform_names(requested: str) -> set[str]:
    return {entry.split(":")[0].strip() for entry in requested.split(";") if entry.strip()}


def _start_qt(requested: str):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        return existing
    previous = os.environ.get("QT_QPA_PLATFORM")
    if requested:
        # offscreen as Qt's last resort: a platform that cannot start is a FAIL line, not an abort.
        names = _platform_names(requested)
        os.environ["QT_QPA_PLATFORM"] = requested if "offscreen" in names else f"{requested};offscreen"
    try:
        return QApplication(sys.argv[:1])
    finally:
        if previous is None:
            os.environ.pop("QT_QPA_PLATFORM", None)
        else:
            os.environ["QT_QPA_PLATFORM"] = previous


def check_qt() -> str:
    requested, how = qt_platform_choice(os.environ)
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QFontDatabase, QIcon, QImageReader
    from PySide6.QtWidgets import QLabel

    app = _start_qt(requested)
    platform = app.platformName()
    if requested and platform not in _platform_names(requested):
        raise CheckFailed(
            f"Qt cannot start on {requested!r} here, so the window would not open "
            "(Qt's own messages on stderr say why)"
        )
    label = QLabel("PHLO Desk")  # a widget that lays out text: needs a font
    label.adjustSize()
    if label.sizeHint().width() <= 0:
        raise CheckFailed("Qt cannot lay out text")
    families = QFontDatabase.families()
    if not families:
        raise CheckFailed("Qt found no fonts (install fonts-dejavu-core or another font)")
    from phlo_desk import icon_path

    icon = icon_path()
    if icon is None:
        raise CheckFailed(
            "the application icon is missing from phlo_desk/resources/icons: reinstall phlo-desk "
            "(from a checkout: pip install -e .)"
        )
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    if icon.suffix.lstrip(".") not in formats:
        raise CheckFailed(f"Qt cannot read {icon.suffix} images (image-format plugins missing?)")
    if QIcon(str(icon)).pixmap(QSize(64, 64)).isNull():
        raise CheckFailed(f"the icon {icon.name} does not render")
    detail = f"Qt {pyside_version} on {platform} ({how}), {len(families)} font families, icon {icon.name}"
    if how == NO_DISPLAY:
        raise Warning_(f"{detail}; the platform the window needs was not checked")
    return detail


def check_keyring() -> str:
    from importlib.metadata import entry_points

    # Every backend, including keyring's own, is found through entry points: without
    # the bundled metadata even a machine with a working Secret Service gets none.
    names = sorted(ep.name for ep in entry_points(group="keyring.backends"))
    if not names:
        raise CheckFailed("no keyring backends registered (keyring's package metadata is missing)")
    from phlo_desk.core.credentials import CredentialStore

    backend = CredentialStore().backend_name()  # picks a backend; reads no entry
    if backend.startswith("none"):
        raise Warning_(
            f"{backend}: the Auth Token must come from PLIVO_AUTH_TOKEN "
            f"(known backends: {', '.join(names)})"
        )
    return backend


def check_certificates() -> str:
    import certifi

    bundle = Path(certifi.where())
    try:
        text = bundle.read_text(encoding="ascii", errors="replace")
    except OSError as err:
        raise CheckFailed(f"CA bundle unreadable: {err}")
    count = text.count("BEGIN CERTIFICATE")
    if count == 0:
        raise CheckFailed(f"{bundle} holds no certificates")
    import truststore  # noqa: F401  (the client verifies against the OS store through it)

    return f"{count} certificates in {bundle.name}, truststore {truststore.__version__} importable"


def check_sandbox_transfer() -> str:
    from phlo_desk.core.actions import NodeAction
    from phlo_desk.core.client import PhloClient
    from phlo_desk.core.forms import node_request
    from phlo_desk.core.outcomes import Outcome
    from phlo_desk.core.settings import Profile
    from phlo_desk.sandbox import SandboxServer

    with SandboxServer() as sandbox:
        details = sandbox.credentials()
        token = details.pop("auth_token")
        profile = Profile(**details)
        client = PhloClient(profile, token)
        try:
            # Through the same parsing as the window: exercises phonenumbers' metadata too.
            request = node_request(NodeAction.WARM_TRANSFER, SANDBOX_TARGET, profile.trigger_source)
            result = client.perform(request)
        finally:
            client.close()
        phase = sandbox.snapshot()["phase"]
    if result.outcome is not Outcome.OK:
        raise CheckFailed(f"the sandbox answered {result.outcome}: {result.message}")
    if phase != "consulting":
        raise CheckFailed(f"the sandbox call is {phase!r} after a warm transfer, not consulting")
    return f"warm transfer accepted in {result.elapsed_ms:.0f} ms, call is consulting"


def check_history_database() -> str:
    import sqlite3

    # In memory: the agent's own history file is never opened.
    with sqlite3.connect(":memory:") as db:
        db.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, text TEXT)")
        db.execute("INSERT INTO probe (text) VALUES (?)", ("ok",))
        (text,) = db.execute("SELECT text FROM probe").fetchone()
    db.close()
    if text != "ok":
        raise CheckFailed("SQLite returned the wrong row")
    return f"SQLite {sqlite3.sqlite_version} works (the call history uses it)"


def check_languages() -> str:
    """The desk's catalogues and Qt's own for each language load (after check_qt: Qt is up)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from phlo_desk import translations_path

    shipped = sorted(path.stem.removeprefix("phlo_desk_") for path in translations_path().glob("phlo_desk_*.qm"))
    if not shipped:
        raise CheckFailed("no compiled translations in phlo_desk/resources/translations: "
                          "run python packaging/translations.py build, then reinstall")
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for code in shipped:
        if not QTranslator().load(f"phlo_desk_{code}", str(translations_path())):
            raise CheckFailed(f"the {code} catalogue does not load")
        if not QTranslator().load(f"qtbase_{code}", qt_folder):
            raise CheckFailed(f"Qt's own {code} catalogue (qtbase_{code}.qm) is missing from {qt_folder}")
    return "English and " + ", ".join(shipped) + ", Qt's own words included"


def check_local_sockets() -> str:
    from PySide6.QtNetwork import QLocalServer  # links from a second phlo-desk reach the open one

    return f"Qt's local sockets load ({QLocalServer.__name__})"


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("version", check_version),
    ("qt", check_qt),
    ("languages", check_languages),
    ("links", check_local_sockets),
    ("keyring", check_keyring),
    ("ca-bundle", check_certificates),
    ("sandbox", check_sandbox_transfer),
    ("history", check_history_database),
]


def run_self_test(out: TextIO | None = None) -> int:
    out = out or _output()
    frozen = "frozen" if getattr(sys, "frozen", False) else "not frozen"
    _line(out, f"phlo-desk self-test ({frozen}, Python {sys.version.split()[0]}, {sys.platform})")
    counts = {PASS: 0, WARN: 0, FAIL: 0}
    for name, check in CHECKS:
        started = time.perf_counter()
        try:
            status, detail = PASS, check()
        except Warning_ as err:
            status, detail = WARN, str(err)
        except CheckFailed as err:
            status, detail = FAIL, str(err)
        except Exception as err:  # an import that the bundle lost lands here
            status, detail = FAIL, f"{type(err).__name__}: {err}"
        counts[status] += 1
        elapsed = (time.perf_counter() - started) * 1000
        _line(out, f"{status}  {name:<10} {detail} ({elapsed:.0f} ms)")
    verdict = "FAILED" if counts[FAIL] else "OK"
    _line(out, f"self-test {verdict}: {counts[PASS]} passed, {counts[WARN]} warned, {counts[FAIL]} failed")
    return 1 if counts[FAIL] else 0


def _line(out: TextIO, text: str) -> None:
    print(text, file=out, flush=True)
    report = os.environ.get("PHLO_DESK_SELF_TEST_REPORT")
    if report:
        with open(report, "a", encoding="utf-8") as file:
            file.write(text + "\n")


def _output() -> TextIO:
    if sys.stdout is not None:
        return sys.stdout
    # A windowed Windows exe has no stdout: borrow the console it was started from.
    if sys.platform == "win32":
        import ctypes

        if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
            return open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
    return open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
