"""phlo-desk: start the window (optionally on the built-in sandbox)."""

from __future__ import annotations

import sys

from phlo_desk.ui.module_sources import keep_no_module_sources

# Where PySide6 is loaded first (tests, the start-up benchmark's probe), before the
# imports below; otherwise main() does it once PySide6 is imported.
keep_no_module_sources(sys.modules)

import argparse  # noqa: E402
import logging  # noqa: E402
from collections.abc import Mapping  # noqa: E402
from pathlib import Path  # noqa: E402

from phlo_desk import __version__, icon_path  # noqa: E402
from phlo_desk.core.flags import add_settings_arguments, settings_flags  # noqa: E402
from phlo_desk.core.values import value_class  # noqa: E402

log = logging.getLogger("phlo_desk")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="phlo-desk", description="PHLO Desk: warm transfers for Plivo PHLO calls.",
                                     formatter_class=_help_formatter)
    parser.add_argument("--version", action="version", version=f"phlo-desk {__version__}")
    parser.add_argument("--sandbox", action="store_true",
                        help="run on the built-in simulator: no real calls are placed")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation (no real calls), print a report and exit")
    add_settings_arguments(parser, with_trigger_source=True)
    parser.add_argument("link", nargs="?", help="a tel: or sip: link (or number) to put in To; never sends by itself")
    return parser


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's own, at the terminal's width as argparse measures it, but without its
    import of shutil: ~5 ms of every start-up, for a help text that is rarely printed."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS") or os.get_terminal_size(sys.__stdout__.fileno()).columns)
    except (AttributeError, OSError, ValueError):  # no terminal (a desktop launcher), or no stdout
        columns = 80
    return argparse.HelpFormatter(prog, width=columns - 2)


def log_file_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("phlo-desk", appauthor=False)) / "phlo-desk.log"


def setup_logging() -> Path | None:
    """A rotating log file under the platform's user log folder; never holds a secret."""
    import logging.handlers  # its imports cost ~10 ms: loaded once the window is up

    path = log_file_path()
    root = logging.getLogger()
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return path  # already set up
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None  # a read-only home must not stop an agent from working
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


@value_class(frozen=False)
class Launched:
    window: object  # MainWindow
    background: object  # Background
    first_start: bool  # nothing configured anywhere: open Settings
    simulator: object = None  # the SandboxServer main() started, attached to the window or not yet

    def shutdown(self) -> None:
        self.background.stop()
        for server in {self.simulator, self.window.sandbox} - {None}:
            server.stop()


def prepare_first_use(launched: Launched, sandbox: bool) -> bool:
    """Runs on the bulk thread after the first paint, so the window takes input meanwhile:
    loads what filling in the form needs and, in sandbox mode, starts the simulator
    (together ~100 ms of imports)."""
    from phlo_desk.core.addresses import load_phone_number_library

    load_phone_number_library()
    if sandbox:
        from phlo_desk.sandbox import SandboxServer

        launched.simulator = SandboxServer().start()
    return True


def starting_profile(args: argparse.Namespace, environ: Mapping[str, str] | None = None,
                     store=None):  # type: ignore[no-untyped-def]
    """The profile the window starts with (`store`: a SettingsStore, or a new one)."""
    from phlo_desk.core.settings import SettingsStore, resolve_profile

    if args.sandbox:  # until the simulator runs, only the flags count (the region)
        return resolve_profile(settings_flags(args), environ={}, store=None)
    return resolve_profile(settings_flags(args), environ=environ, store=store if store is not None else SettingsStore())


def launch(
    args: argparse.Namespace,
    environ: Mapping[str, str] | None = None,
    sandbox=None,  # type: ignore[no-untyped-def]
) -> Launched:
    """Build the window and its background workers; needs a QApplication.

    In sandbox mode the simulator is attached here only when `sandbox` (a running
    SandboxServer, as tests pass) is given; otherwise main() starts one after the first paint
    (prepare_first_use).
    """
    # paths, not history: sqlite3 loads at first use
    from phlo_desk.core.paths import default_directory_paths, default_history_path
    from phlo_desk.core.settings import SettingsStore
    from phlo_desk.ui import translation
    from phlo_desk.ui.main_window import MainWindow
    from phlo_desk.ui.worker import Background

    store = SettingsStore()
    profile = starting_profile(args, environ, store)
    language = desktop_settings(args, environ, store)["language"] if args.sandbox else profile.language
    translation.install(language)  # before any text is made
    history_path = default_history_path(sandbox=args.sandbox)
    background = Background()
    background.use_history(history_path)
    background.use_directory(*default_directory_paths(sandbox=args.sandbox))
    window = MainWindow(profile, background, store, sandbox_mode=args.sandbox, history_path=history_path)
    if sandbox is not None:
        attach_sandbox(window, args, sandbox)
    if args.link:
        from phlo_desk.ui.single_instance import show_link

        show_link(window, args.link, come_forward=False)  # the same checks as a link handed over later
    first_start = not args.sandbox and not store.has_saved() and set(profile.sources.values()) == {"default"}
    return Launched(window, background, first_start)


DESKTOP_SETTINGS = ("tray", "notifications", "language", "directory")


def desktop_settings(args: argparse.Namespace, environ: Mapping[str, str] | None = None,
                     store=None) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The agent's own desktop settings from every layer: in sandbox mode too, where the
    simulator decides only the connection."""
    from phlo_desk.core.settings import SettingsStore, resolve_profile

    profile = resolve_profile(settings_flags(args), environ=environ, store=store or SettingsStore())
    return {name: getattr(profile, name) for name in DESKTOP_SETTINGS}


def attach_sandbox(window, args: argparse.Namespace, server=None) -> None:  # type: ignore[no-untyped-def]
    """Start the simulator (unless given) and point the window at it."""
    from phlo_desk.core.settings import resolve_profile
    from phlo_desk.sandbox import SandboxServer
    from phlo_desk.sandbox.endpoints import demo_directory_path


    server = server or SandboxServer().start()
    details = server.credentials()
    token = details.pop("auth_token")
    desktop = desktop_settings(args)
    # The simulator decides every connection setting and serves the Endpoint API; flags may
    # still set the region. The demo directory stands in unless a list of one's own is set.
    desktop["directory"] = desktop["directory"] or str(demo_directory_path())
    details["directory_endpoints"] = "on"
    profile = resolve_profile({**settings_flags(args), **desktop, **details}, environ={}, store=None)
    window.attach_sandbox(server, profile, token)


def lock_path() -> Path:
    """The single-instance lock, in a folder only this user can write to.

    Normally the runtime folder. Without XDG_RUNTIME_DIR (su, cron, some ssh logins)
    platformdirs would warn and pick a folder in /tmp: use the login's own
    /run/user/<uid> when it is there and private (the desktop session's desk locks the
    same file), else the user's state folder, with the host name in the file's name so
    that a home shared between machines does not lock them all.
    """
    import os
    import stat

    import platformdirs

    if sys.platform in ("win32", "darwin") or os.environ.get("XDG_RUNTIME_DIR"):
        return Path(platformdirs.user_runtime_dir("phlo-desk", appauthor=False)) / "phlo-desk.lock"
    login = Path(f"/run/user/{os.getuid()}")
    try:
        info = login.lstat()
    except OSError:
        info = None
    if info and stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077:
        return login / "phlo-desk" / "phlo-desk.lock"
    import socket

    folder = Path(platformdirs.user_state_dir("phlo-desk", appauthor=False))
    return folder / f"phlo-desk-{socket.gethostname()}.lock"


def hold_single_instance_lock(path: Path):  # type: ignore[no-untyped-def]
    """The QLockFile if this is the only desk for this user, else None.

    Two windows would each have their own double-send guard, so the same caller
    could be transferred twice. A lock left by a crashed desk is taken over.
    """
    from PySide6.QtCore import QLockFile

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the link socket lives here too
    except OSError as err:  # no runtime folder: run unguarded rather than not at all
        log.warning("no single-instance lock at %s: %s", path, err)
        return QLockFile(str(path))
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
    return lock if lock.tryLock(0) else None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        from phlo_desk.selftest import run_self_test

        return run_self_test()

    import PySide6  # noqa: F401 - before the window's modules: the next line makes their import cheaper

    keep_no_module_sources(sys.modules)
    from phlo_desk.ui.error_reporting import ErrorReporter

    errors = ErrorReporter(setup_logging)  # first: nothing that follows may fail in silence
    lock = None
    try:
        # A link is checked before anything else, whether a desk is open or not.
        refusal = args.link and _single_instance().link_refusal(args.link, starting_profile(args).default_region)
        if refusal:
            _application_in_language(args)
            _single_instance().say_link_refused(args.link, refusal)
            return 2
        if not args.sandbox:  # sandbox windows place no real calls: trainers may open several
            path = lock_path()
            lock = hold_single_instance_lock(path)
            if lock is None:  # a desk is open: it takes the link; this process ends at once
                return _hand_over(_single_instance().socket_name(path), args)
        from phlo_desk.ui.log_view import LogEntry

        app = _application()
        launched = launch(args)
        window = launched.window
        window.show()
    except Exception as error:  # the agent sees a dialog, not a window that never came
        if lock is not None:
            lock.unlock()
        _application()
        return errors.startup_failed(error)
    errors.show_in(lambda sentence: window.log_model.add(LogEntry.notice("internal", sentence, tone="bad")))
    if sys.platform == "darwin":  # only macOS hands links over as open-URL events
        # Not elsewhere: a filter on the application sees every event of every object,
        # which costs a Python call per event and ~25 ms of start-up.
        _single_instance().receive_open_url_events(app, window)
    links = []

    def after_first_paint() -> None:
        def prepare() -> bool:
            errors.log_path  # noqa: B018 - opens the log file, on the bulk thread
            return prepare_first_use(launched, args.sandbox)

        prepared = launched.background.prepare(prepare)
        prepared.finished.connect(configure)

    def configure(prepared: bool | None) -> None:
        if lock is not None:  # a second desk retries for seconds: QtNetwork (~10 ms) loads once the desk takes input
            links.append(_single_instance().serve_links(_single_instance().socket_name(path), window, app))
        if not prepared:  # the worker logged why; the agent reads the internal-error sentence
            raise RuntimeError("the start-up preparation failed")
        if args.sandbox:
            attach_sandbox(window, args, launched.simulator)
            log.info("sandbox mode on %s", window.profile.api_base)
        window.apply_profile(window.profile)  # parses numbers, opens the connection
        from phlo_desk.ui.tray import attach_tray

        attach_tray(window)  # here, not in launch(): windows built by tests notify nobody
        if launched.first_start:
            window.open_settings()

    window.firstPainted.connect(after_first_paint)
    from phlo_desk.ui.garbage import freeze_startup_objects

    window.settled.connect(freeze_startup_objects)
    code = app.exec()
    launched.shutdown()
    for server in filter(None, links):
        server.close()  # before the lock goes: the next desk finds no socket to clean up
    if lock is not None:
        lock.unlock()
    return code


def _single_instance():  # type: ignore[no-untyped-def]
    """The link channel's module, imported when first needed (a link given, another desk
    open, or the channel opened once the window takes input): not before the first paint."""
    from phlo_desk.ui import single_instance

    return single_instance


def _hand_over(name: str, args: argparse.Namespace) -> int:
    """Give the link to the open desk; only if it does not answer, say to use it."""
    from phlo_desk.ui.single_instance import Handover, hand_over

    handed = hand_over(name, args.link)
    if handed is Handover.NO_ANSWER:
        _application_in_language(args)
        _say_already_open(args.link)
    return 2 if handed is Handover.REFUSED else 0  # a refusal is said in the open desk's window


def _application():  # type: ignore[no-untyped-def]
    """The QApplication, named and with its icon, collecting garbage on the GUI thread."""
    from PySide6.QtWidgets import QApplication

    from phlo_desk.ui.garbage import collect_on_gui_thread

    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_gui_thread(app)
    app.setApplicationName("PHLO Desk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("phlo-desk")
    icon = icon_path()
    if icon:
        app.setWindowIcon(_window_icon(icon))
    return app


def _application_in_language(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The QApplication for a box shown instead of the window (a refused link, an open
    desk that does not answer), in the agent's language."""
    from phlo_desk.ui import translation

    app = _application()
    translation.install(desktop_settings(args)["language"])
    return app


def _window_icon(svg: Path):  # type: ignore[no-untyped-def]
    """The icon from the PNG renderings beside the SVG when there are any, else the SVG.

    A window icon goes to the desktop as pixmaps in any case; from PNGs Qt loads no SVG
    engine, which costs ~1.5 MB that the desk would hold all day.
    """
    from PySide6.QtGui import QIcon

    renderings = sorted(svg.parent.glob(f"{svg.stem}-*.png"))
    if not renderings:
        return QIcon(str(svg))
    icon = QIcon()
    for png in renderings:
        icon.addFile(str(png))
    return icon


def _say_already_open(link: str | None) -> None:
    """The open desk did not answer (hung, or too old to take links): say to use it."""
    from PySide6.QtWidgets import QMessageBox

    from phlo_desk.core.text import server_text
    from phlo_desk.ui.translation import tr

    text = tr("PHLO Desk is already open but did not answer. Use that window: two windows could transfer "
              "the same caller twice.")
    if link:
        text += "\n\n" + tr("Paste {link} into To there.").format(link=server_text(link, 80))
    QMessageBox.information(None, tr("PHLO Desk"), text)


if __name__ == "__main__":
    sys.exit(main())
