"""The wheel: every module and the icons inside, and a plain install passes its own self-test.

The wheel is built from a copy of the source without the tests (an in-tree build would
leave build/ and egg-info behind, and a stale build/lib could hide a module the package
list lost), and installed into a fresh venv. That venv sees the running environment's
dependencies through a .pth file, so PySide6 is not downloaded again; phlo_desk itself
must come from the wheel, which the tests check.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.packaging.conftest import REPO, check_report, report_line

pytestmark = pytest.mark.timeout(600)  # the build fetches setuptools for its isolated environment
NOT_SOURCE = shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "tests")


def run(command: list[str | Path], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env={**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra})
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE)
    done = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", source], cwd=work)
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = (work / "dist").glob("phlo_desk-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh_venv(wheel, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    done = run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    assert done.returncode == 0, done.stderr
    python = venv / "bin" / "python"
    site = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=venv).stdout.strip()
    Path(site, "running-environment.pth").write_text("\n".join(dependency_folders()) + "\n")
    done = run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel],
               cwd=venv.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    return venv


def dependency_folders() -> list[str]:
    """The running interpreter's site-packages folders, without the checkout or the current folder."""
    done = run([sys.executable, "-I", "-c", "import json, sys; print(json.dumps(sys.path))"], cwd=Path("/"))
    return [path for path in json.loads(done.stdout) if Path(path).name in ("site-packages", "dist-packages")]


def test_the_wheel_holds_every_module_and_the_icons(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {path.relative_to(REPO).as_posix() for path in (REPO / "phlo_desk").rglob("*.py")}
    assert modules and not modules - names, f"missing from the wheel: {sorted(modules - names)}"
    assert "phlo_desk/resources/__init__.py" in names
    for icon in ("phlo-desk.svg", "phlo-desk-256.png"):
        assert f"phlo_desk/resources/icons/{icon}" in names


def test_the_installed_wheel_passes_its_self_test(fresh_venv):
    done = run([fresh_venv / "bin" / "phlo-desk", "--self-test"], cwd=fresh_venv, QT_QPA_PLATFORM="offscreen")
    check_report(done)
    assert "icon phlo-desk.svg" in report_line(done.stdout, "qt")

    probe = "import phlo_desk; from phlo_desk.ui.app import icon_path; print(phlo_desk.__file__); print(icon_path())"
    done = run([fresh_venv / "bin" / "python", "-c", probe], cwd=fresh_venv)
    assert done.returncode == 0, done.stderr
    module, icon = done.stdout.split()
    assert Path(module).is_relative_to(fresh_venv), f"phlo_desk came from {module}, not the wheel"
    assert Path(icon).is_relative_to(fresh_venv), f"the icon came from {icon}, not the wheel"
