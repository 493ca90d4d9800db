"""The release workflow and the Windows/macOS recipes: valid, complete, pointing at real files.

They cannot run here; these checks catch the mistakes that would only show on a tag.
"""

from __future__ import annotations

import plistlib
import re
import shlex

import pytest

from tests.packaging.conftest import REPO

yaml = pytest.importorskip("yaml")  # PyYAML, from the test extras
WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
ISS = REPO / "packaging" / "windows" / "phlo-desk.iss"


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the bare key `on` as true
    return data


def commands(job: dict) -> list[list[str]]:
    """The commands a job always runs, as words, in order; comments dropped.

    Steps that may be skipped (`if`) or may fail without failing the job
    (`continue-on-error`) are left out: a build there would prove nothing.
    """
    found = []
    for step in job["steps"]:
        if "run" not in step or "if" in step or step.get("continue-on-error"):
            continue
        script = str(step["run"]).replace("\\\n", " ")  # line continuations
        found += [words for line in script.splitlines() if (words := shlex.split(line, comments=True))]
    return found


def test_runs_on_version_tags(workflow):
    assert workflow["on"]["push"]["tags"] == ["v*"]


def test_one_job_per_os_each_builds_and_self_tests(workflow):
    jobs = workflow["jobs"]
    runners = {name: str(job["runs-on"]) for name, job in jobs.items()}
    assert runners["linux"].startswith("ubuntu") and runners["windows"].startswith("windows")
    assert runners["macos"].startswith("macos")
    # Each build script runs the frozen --self-test; the .deb is then proved in a clean root.
    linux = commands(jobs["linux"])
    build, verify = ["bash", "packaging/build-linux.sh"], ["bash", "packaging/linux/verify-in-clean-root.sh"]
    assert build in linux and verify in linux and linux.index(build) < linux.index(verify), linux
    assert ["./packaging/windows/build.ps1", "-InstallTest"] in commands(jobs["windows"])
    assert ["bash", "packaging/macos/build.sh"] in commands(jobs["macos"])
    assert set(jobs["release"]["needs"]) == {"linux", "windows", "macos"}


def test_every_step_is_well_formed(workflow):
    for name, job in workflow["jobs"].items():
        assert job["steps"], name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{name}: {step}"
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_referenced_scripts_exist(workflow):
    text = WORKFLOW.read_text(encoding="utf-8")
    for path in re.findall(r"packaging/[\w./-]+\.(?:sh|ps1)", text):
        assert (REPO / path).is_file(), path


def test_build_scripts_self_test_the_frozen_app():
    assert "--self-test" in (REPO / "packaging" / "build-linux.sh").read_text()
    assert '"--self-test"' in (REPO / "packaging" / "windows" / "build.ps1").read_text()
    assert (REPO / "packaging" / "macos" / "build.sh").read_text().count("--self-test") >= 2


def iss_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_inno_setup_installs_per_user_by_default():
    setup = dict(line.split("=", 1) for line in iss_sections()["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert set(setup["PrivilegesRequiredOverridesAllowed"].split()) == {"dialog", "commandline"}
    assert setup["DefaultDirName"].startswith("{autopf}")
    assert setup["VersionInfoVersion"] == "{#FileVersion}"
    assert setup["SignTool"] == "phlodesk" and setup["SignedUninstaller"] == "yes"


def test_inno_setup_shortcut_and_link_handlers():
    sections = iss_sections()
    assert any(line.startswith('Name: "{autoprograms}\\') for line in sections["Icons"])
    registry = "\n".join(sections["Registry"])
    for scheme in ("tel", "sip"):
        assert f'Subkey: "Software\\Classes\\{scheme}\\shell\\open\\command"' in registry
        assert f'ValueName: "{scheme}"; ValueData: "{{#LinkProgId}}"' in registry
    assert all(line.startswith("Root: HKA;") for line in sections["Registry"])  # per user unless all users
    assert '""%1""' in registry  # the link is passed as the positional argument


def registry_entries() -> list[dict[str, str]]:
    """The [Registry] lines as parameter -> value, quotes undone ("" is one quote)."""
    entries = []
    for line in iss_sections()["Registry"]:
        found = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line)
        entries.append({name: value[1:-1].replace('""', '"') if value.startswith('"') else value.strip()
                        for name, value in found})
    return entries


@pytest.mark.parametrize("scheme", ["tel", "sip"])
def test_inno_setup_registers_each_scheme_as_a_url_protocol_that_opens_the_installed_exe(scheme):
    # HKA is HKCU\Software\Classes in a per-user install and HKLM\Software\Classes in the
    # all-users one (PrivilegesRequired=lowest with the overrides), so one entry covers both.
    entries = [e for e in registry_entries() if e["Subkey"].startswith(f"Software\\Classes\\{scheme}")]
    assert entries and all(e["Root"] == "HKA" and e.get("Tasks") == "links" for e in entries), entries
    protocol = [e for e in entries if e["Subkey"] == f"Software\\Classes\\{scheme}"]
    assert {e.get("ValueName") for e in protocol} == {"", "URL Protocol"}  # "URL Protocol" makes it a link type
    command = [e for e in entries if e["Subkey"] == f"Software\\Classes\\{scheme}\\shell\\open\\command"]
    assert [(e["ValueName"], e["ValueData"]) for e in command] == [("", '"{app}\\{#AppExe}" "%1"')]
    assert "uninsdeletekey" in command[0]["Flags"]  # the uninstaller takes the handler away again


def spec_value(name: str) -> object:
    """A literal assigned at the top level of the PyInstaller spec."""
    import ast

    tree = ast.parse((REPO / "packaging" / "phlo-desk.spec").read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == name)
    return ast.literal_eval(node.value)


def test_the_bundle_keeps_qtnetwork_for_the_link_socket_but_not_its_plugins():
    assert not any("QtNetwork" in name for name in spec_value("excludes"))
    drop = re.compile("|".join(spec_value("DROP")))  # type: ignore[arg-type]
    for kept in ("PySide6/QtNetwork.abi3.so", "PySide6/Qt/lib/libQt6Network.so.6", "PySide6/Qt6Network.dll",
                 "PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork"):
        assert not drop.search(kept), kept
    for dropped in ("PySide6/Qt/plugins/tls/libqopensslbackend.so",
                    "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so"):
        assert drop.search(dropped), dropped


def test_macos_bundle_declares_version_icon_and_url_types():
    spec = (REPO / "packaging" / "phlo-desk.spec").read_text(encoding="utf-8")
    assert '"CFBundleURLSchemes": ["tel", "sip"]' in spec
    assert '"CFBundleShortVersionString": VERSION' in spec
    assert 'icon=str(ICONS / "phlo-desk.icns")' in spec
    entitlements = plistlib.loads((REPO / "packaging" / "macos" / "entitlements.plist").read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
