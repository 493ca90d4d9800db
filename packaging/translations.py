"""The desk's translations: extract the texts, and compile the catalogues.

    python packaging/translations.py update   # lupdate: every .ts in resources/translations/ gets the texts of today's code
    python packaging/translations.py build    # lrelease: each .ts becomes the .qm the app loads
    python packaging/translations.py add LANG # start a catalogue for a new language (e.g. pt_BR)

The dev set-up and the packaging run `build`; translators run `update`, then fill in
the .ts files with Qt Linguist (`pyside6-linguist`) or any editor. The .qm files are
built, never committed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "phlo_desk"
FOLDER = REPO / "resources" / "translations"
CATALOGUE = "phlo_desk"
# The core marks its sentences without Qt (core/translatable.py, core/wording.py's say):
# lupdate reads those names as Qt's QT_TR_NOOP. Bare tr() goes to the empty context.
LUPDATE_OPTIONS = ["-extensions", "py", "-locations", "none", "-no-obsolete",
                   "-tr-function-alias", "QT_TR_NOOP+=translatable,QT_TR_NOOP+=say"]


def tool(name: str) -> str:
    """A PySide6 tool (pyside6-lupdate, pyside6-lrelease) beside this Python, or on the PATH."""
    beside = [Path(sys.executable).with_name(f"pyside6-{name}{suffix}") for suffix in ("", ".exe")]
    found = next((str(path) for path in beside if path.exists()), None) or shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} not found: install PySide6-Essentials in this Python")
    return found


def catalogues(folder: Path = FOLDER) -> list[Path]:
    return sorted(folder.glob(f"{CATALOGUE}_*.ts"))


def extract(targets: list[Path], sources: Path = SOURCES) -> None:
    """Bring each .ts up to date with the texts in `sources`, keeping what is translated."""
    subprocess.run([tool("lupdate"), *LUPDATE_OPTIONS, str(sources), "-ts", *map(str, targets)],
                   check=True, stdout=subprocess.DEVNULL)


def compile_catalogue(ts: Path, qm: Path | None = None) -> Path:
    qm = qm or ts.with_suffix(".qm")
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="extract the texts into every catalogue")
    sub.add_parser("build", help="compile every catalogue")
    add = sub.add_parser("add", help="start a catalogue for a language")
    add.add_argument("language", help="a language code such as pt_BR")
    args = parser.parse_args(argv)
    if args.command == "update":
        extract(catalogues())
    elif args.command == "build":
        for ts in catalogues():
            compile_catalogue(ts)
    else:
        target = FOLDER / f"{CATALOGUE}_{args.language}.ts"
        subprocess.run([tool("lupdate"), *LUPDATE_OPTIONS, "-target-language", args.language, str(SOURCES),
                        "-ts", str(target)], check=True, stdout=subprocess.DEVNULL)
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
