"""Test-wide isolation: no real settings, a private home, and a token-leak check.

Every folder the app could write to (home, XDG folders, pytest's temp folders)
is scanned when the run ends; a test token found in any file fails the run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

_HOME = Path(tempfile.mkdtemp(prefix="phlo-desk-test-home-"))
for _var, _sub in {
    "HOME": "",
    "XDG_CONFIG_HOME": ".config",
    "XDG_DATA_HOME": ".local/share",
    "XDG_STATE_HOME": ".local/state",
    "XDG_CACHE_HOME": ".cache",
}.items():
    (_HOME / _sub).mkdir(parents=True, exist_ok=True)
    os.environ[_var] = str(_HOME / _sub)
os.environ["PHLO_DESK_CONFIG_DIR"] = str(_HOME / "phlo-desk-config")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")
for _var in ("PLIVO_AUTH_ID", "PLIVO_AUTH_TOKEN", "PHLO_DESK_API_BASE", "PHLO_DESK_PHLO_ID",
             "PHLO_DESK_NODE_ID", "PHLO_DESK_TRIGGER_SOURCE", "PHLO_DESK_REGION", "PHLO_DESK_TRAY",
             "PHLO_DESK_NOTIFICATIONS", "PHLO_DESK_LANGUAGE"):
    os.environ.pop(_var, None)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.secrets import ALL_TOKENS, files_containing  # noqa: E402

TEST_HOME = _HOME


def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    roots = [TEST_HOME]
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is not None:
        roots.append(factory.getbasetemp())
    leaks = files_containing(roots, ALL_TOKENS)
    if leaks:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        message = "A test token was written to disk:\n  " + "\n  ".join(leaks)
        if reporter:
            reporter.write_line(message, red=True)
        session.exitstatus = 1


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def own_data_folder(monkeypatch, request):
    """Each test gets its own data folder (history database), inside the scanned test home."""
    folder = TEST_HOME / "data" / request.node.nodeid.replace("/", "_").replace("::", "__")[:150]
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    # and its own state folder: the window's remembered size and layout never cross tests
    monkeypatch.setenv("XDG_STATE_HOME", str(folder / "state"))
    # and its own cache: the directory's cached copies never cross tests either
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
    return folder
