"""The one way to do background work: a `Worker` runs functions on its own thread, and
each call returns a `Job` whose own `finished` signal brings that function's answer
back to the GUI thread. No caller can take another's answer.

Only job numbers cross threads: a Job is made, delivered and deleted on the GUI thread.

The desk has two workers (`Background`): the action worker owns the HTTP session and
the audit (`core/services.py`: requests go in click order over a warm connection), and
the bulk worker runs the keyring, the history export and the start-up's slow imports,
so an action never waits behind them. `Background.submit()` is the double-send guard: it is checked on the GUI
thread, so a second action is refused while one is in flight, however fast the presses.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from phlo_desk.core.actions import ActionRequest
from phlo_desk.core.settings import Profile

log = logging.getLogger(__name__)


class Job(QObject):
    """One piece of background work; `finished` carries its answer, once."""

    finished = Signal(object)


class _Runner(QObject):
    """Lives on the worker's thread and runs what is queued to it, in order."""

    done = Signal(int, object)
    queued = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.queued.connect(self._run)

    @Slot(int, object)
    def _run(self, job_id: int, work: Callable[[], object]) -> None:
        try:
            answer = work()
        except Exception:  # the services answer every error; this is a bug, and the thread lives on
            log.exception("background work failed")
            answer = None
        self.done.emit(job_id, answer)


class Worker(QObject):
    """A thread and its queue of jobs; made and used on the GUI thread."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName(name)
        self._runner = _Runner()
        self._runner.moveToThread(self.thread)
        # Deleted on its own thread as the thread ends: left for Python's exit, PySide would
        # delete it after its QThread and free the thread's data twice (a crash at quit).
        self.thread.finished.connect(self._runner.deleteLater)
        self._runner.done.connect(self._deliver)  # queued: delivered on the GUI thread
        self._jobs: dict[int, Job] = {}
        self._numbers = itertools.count(1)
        self._stopped = False
        self.thread.start()

    def run(self, work: Callable[[], object]) -> Job:
        """Queue `work` for the thread; connect to the returned job's `finished`."""
        job = Job(self)
        if self._stopped:  # the desk is closing (a timer fired late): the work is not run
            return job
        number = next(self._numbers)
        self._jobs[number] = job
        self._runner.queued.emit(number, work)
        return job

    @property
    def pending(self) -> int:
        return len(self._jobs)

    @Slot(int, object)
    def _deliver(self, number: int, answer: object) -> None:
        job = self._jobs.pop(number)
        job.finished.emit(answer)
        job.deleteLater()

    def stop(self, wait_ms: int = 5_000) -> bool:
        """Let the thread finish what it runs, then end it; False if it did not end in time."""
        self._stopped = True
        self.thread.quit()
        if self.thread.wait(wait_ms):
            return True
        log.error("the %s thread did not stop within %d ms", self.thread.objectName(), wait_ms)
        return False


class Background(QObject):
    """The desk's two workers and what runs on them."""

    # An action's answer was recorded (or failed to be): the History view refreshes.
    historyChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        from phlo_desk.core.services import ActionService, BulkService

        super().__init__(parent)
        self.actions = ActionService()  # used on the action thread only, but abort()
        self.bulk = BulkService()  # used on the bulk thread only
        self._action_worker = Worker("phlo-desk-actions", self)
        self._bulk_worker = Worker("phlo-desk-bulk", self)
        self._in_flight: Job | None = None
        # The transfer directory's files, when this session keeps one; its service lives on the bulk thread.
        self._directory_paths: tuple[Path | None, Path] | None = None
        self._directory = None
        self._directory_profile: tuple[Profile, str | None] | None = None

    # -- actions ------------------------------------------------------------------------

    def submit(self, request: ActionRequest, audit=None) -> Job | None:  # type: ignore[no-untyped-def]
        """Send one action; None (and nothing queued) while another is in flight.

        The job's answer is a `core.services.ActionAnswer`.
        """
        if self._in_flight is not None:
            return None
        job = self._action_worker.run(lambda: self.actions.perform(request, audit))
        self._in_flight = job
        job.finished.connect(self._action_done)
        return job

    @property
    def busy(self) -> bool:
        return self._in_flight is not None

    def _action_done(self) -> None:
        self._in_flight = None
        self.historyChanged.emit()

    def configure(self, profile: Profile, token: str | None = None) -> Job:
        """Use these settings from the next request on; token None reads the keyring."""
        if self.keeps_directory:
            self._bulk_worker.run(lambda: self._configure_directory(profile, token))
        return self._action_worker.run(lambda: self.actions.configure(profile, token))

    def warm_up(self) -> Job:
        """Answers an ActionResult."""
        return self._action_worker.run(self.actions.warm_up)

    def check(self, profile: Profile, token: str | None) -> Job:
        """The settings' Test connection; answers an ActionResult."""
        return self._action_worker.run(lambda: self.actions.check(profile, token))

    def use_history(self, path: Path | None) -> None:
        self._action_worker.run(lambda: self.actions.use_history(path))
        self._bulk_worker.run(lambda: self.bulk.use_history(path))

    # -- bulk work --------------------------------------------------------------------------

    def prepare(self, work: Callable[[], object]) -> Job:
        """Start-up work that needs no Qt (slow imports, the simulator), off the GUI thread;
        answers what `work` returns, None if it raised (logged)."""
        return self._bulk_worker.run(work)

    def save_token(self, auth_id: str, token: str) -> Job:
        """Answers a core.services.TokenSaved."""
        return self._bulk_worker.run(lambda: self.bulk.save_token(auth_id, token))

    def describe_keyring(self, auth_id: str) -> Job:
        """Answers a core.services.KeyringState."""
        return self._bulk_worker.run(lambda: self.bulk.describe_keyring(auth_id))

    def export_history(self, flt, path: str) -> Job:  # type: ignore[no-untyped-def]
        """Answers a core.services.Exported."""
        return self._bulk_worker.run(lambda: self.bulk.export_history(flt, Path(path)))

    # -- the transfer directory, on the bulk thread: a slow list server never delays an action --------

    def use_directory(self, own_path: Path | None, cache_folder: Path) -> None:
        """Keep a directory in this session; its service is made on the bulk thread, at first use."""
        self._directory_paths = (own_path, cache_folder)

    @property
    def keeps_directory(self) -> bool:
        return self._directory_paths is not None

    def read_directory(self, refresh: bool) -> Job:
        """Answers a core.directory_service.DirectoryRead."""
        return self._bulk_worker.run(lambda: self._directory_service().read(refresh))

    def change_directory(self, change: Callable[[object], object]) -> Job:
        """Runs `change(service)` (add, update, remove, star); answers its EntrySaved."""
        return self._bulk_worker.run(lambda: change(self._directory_service()))

    def list_endpoints(self) -> Job:
        """One step of listing the Plivo endpoints; answers an EndpointsStep."""
        return self._bulk_worker.run(lambda: self._directory_service().list_endpoints())

    def presence(self, endpoint_id: str) -> Job:
        """Answers a core.directory_service.Presence."""
        return self._bulk_worker.run(lambda: self._directory_service().presence(endpoint_id))

    def _configure_directory(self, profile: Profile, token: str | None) -> None:
        self._directory_profile = (profile, token)
        if self._directory is not None:
            self._directory.configure(profile, token)

    def _directory_service(self):  # type: ignore[no-untyped-def]
        """On the bulk thread only: the service, made at first use (its imports stay off start-up)."""
        if self._directory is None:
            from phlo_desk.core.directory_service import DirectoryService

            self._directory = DirectoryService(*self._directory_paths)
            if self._directory_profile is not None:
                self._directory.configure(*self._directory_profile)
        return self._directory

    # -- the end -------------------------------------------------------------------------

    def abort(self) -> None:
        """Cut the request in flight, now: it comes back as outcome unknown if it was sent."""
        self.actions.abort()

    def stop(self, wait_ms: int = 5_000) -> None:
        """Cut the request in flight, then let both threads finish: quitting is prompt.

        A QThread destroyed while it runs aborts the process, so the waits are real;
        the cut makes them short (the client's deadline bounds them in any case).
        """
        self.abort()
        if self._directory is not None:
            self._directory.abort()  # an endpoint read in flight ends now
        self._bulk_worker.run(lambda: self._directory and self._directory.close())
        self._action_worker.run(self.actions.close)
        self._bulk_worker.run(self.bulk.close)
        self._action_worker.stop(wait_ms)
        self._bulk_worker.stop(wait_ms)
