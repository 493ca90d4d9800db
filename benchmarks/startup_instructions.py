"""Start-up in instructions: the app's GUI thread against a bare window's, up to "ready".

    python benchmarks/startup_instructions.py

Wall-clock start-up (run.py, benchmark 1) moves by 0.1-0.3 in its ratio between runs on a
shared machine. Instructions do not: valgrind's callgrind counts them, the same for the
same code and inputs whatever else the machine does. Each child is the one run.py times
(start_app.py, start_bare_window.py), ended by its probe at "ready"; with
--separate-threads only the main (GUI) thread is counted, since the app's other threads
start after the first paint and only compete for the CPU. Takes ~1 minute (callgrind
runs code ~40x slower). Needs valgrind. The figure is not a time: it says how much work
the window does before it takes input, compared with a bare QMainWindow.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCHMARKS_DIR, choose_platform, isolated_environment  # noqa: E402
from startup_probe import EXIT_AT_READY  # noqa: E402

CHILDREN = {"bare window": ("start_bare_window.py", []), "sandbox mode": ("start_app.py", ["--sandbox"])}


def gui_thread_instructions(script: str, args: list[str], env: dict[str, str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", "-q", "--separate-threads=yes", f"--callgrind-out-file={out}",
                        sys.executable, str(BENCHMARKS_DIR / script), *args],
                       env={**env, EXIT_AT_READY: "1"}, cwd=BENCHMARKS_DIR, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        main_thread = Path(f"{out}-01")  # thread 1 is the one that runs main()
        return int(re.search(r"^summary: (\d+)", main_thread.read_text(), re.M).group(1))  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args(argv)
    if not shutil.which("valgrind"):
        print("needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    env = isolated_environment(choose_platform("offscreen"))
    counts = {name: gui_thread_instructions(script, args, env) for name, (script, args) in CHILDREN.items()}
    bare = counts["bare window"]
    for name, count in counts.items():
        print(f"{name:14} {count / 1e6:8.0f} M instructions on the GUI thread to ready   {count / bare:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
