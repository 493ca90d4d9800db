"""Where the single-instance lock lives, with and without the session's runtime folder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG runtime folders are Linux/BSD")
LOGIN_RUNTIME = Path(f"/run/user/{os.getuid()}") if hasattr(os, "getuid") else Path()


def lock_path_in_a_fresh_process(**environ: str | None) -> Path:
    """lock_path() in a new interpreter where any warning is an error; None removes a variable."""
    env = dict(os.environ)
    for name, value in environ.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", "from phlo_desk.ui.app import lock_path; print(lock_path())"],
        capture_output=True, text=True, timeout=60, env=env, cwd=REPO,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr
    return Path(done.stdout.strip())


def nearest_existing(path: Path) -> Path:
    while not path.exists():
        path = path.parent
    return path


def test_without_a_runtime_folder_the_lock_is_private_and_nothing_warns(tmp_path):
    path = lock_path_in_a_fresh_process(XDG_RUNTIME_DIR=None, XDG_STATE_HOME=str(tmp_path / "state"))
    assert path.is_absolute()
    # Only this user may create or remove the lock: not a folder anyone can write to, like /tmp.
    folder = nearest_existing(path.parent)
    info = folder.stat()
    assert info.st_uid == os.getuid() and not info.st_mode & 0o022, f"{folder} is not private: {oct(info.st_mode)}"


@pytest.mark.skipif(LOGIN_RUNTIME.exists(), reason="this login has /run/user/<uid>, which the lock then uses")
def test_without_any_runtime_folder_the_lock_is_in_the_state_folder_named_for_this_host(tmp_path):
    path = lock_path_in_a_fresh_process(XDG_RUNTIME_DIR=None, XDG_STATE_HOME=str(tmp_path / "state"))
    # The host name keeps a home shared between machines from locking out the other machines.
    assert path == tmp_path / "state" / "phlo-desk" / f"phlo-desk-{socket.gethostname()}.lock"


def test_with_a_runtime_folder_the_lock_is_in_it(tmp_path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    path = lock_path_in_a_fresh_process(XDG_RUNTIME_DIR=str(runtime))
    assert path == runtime / "phlo-desk" / "phlo-desk.lock"
