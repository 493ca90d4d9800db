"""What the app's heavy dependencies cost to import, each in a fresh interpreter.

Each figure is the wall time of the import statement alone (perf_counter()
around it), in a new process so nothing is already cached in sys.modules, and
how much the process's resident memory (VmRSS) grew meanwhile.
Processes for the different modules are interleaved, and the median taken.
Whether the app loads them before its window appears is recorded by the
start-up benchmark (startup_probe.WATCHED_MODULES).
"""

from __future__ import annotations

import subprocess
import sys

from common import median

STATEMENTS = {
    "requests": "import requests",
    "keyring": "import keyring",
    # What the action thread does before a first real (non-sandbox) action: find a backend.
    "keyring + get_keyring()": "import keyring; keyring.get_keyring()",
    # What an HTTPS warm-up adds over the loopback one: the OS trust store and the CA certificates.
    "requests + truststore + CA store": "import requests, ssl, truststore; ssl.create_default_context()",
    "phonenumbers": "import phonenumbers",
    # What the first phone-number check costs: import plus the US metadata.
    "phonenumbers + first parse": "import phonenumbers; phonenumbers.parse('+14152225555', 'US')",
}

# Prints the statement's wall time (ms) and the growth of resident memory (kB).
# Self-contained on purpose: importing helpers first would pre-load modules
# (json, random, ...) that the measured import would otherwise pay for.
_TIMER = """
import time
def rss_kb():
    with open("/proc/self/status") as status:
        return int(next(line for line in status if line.startswith("VmRSS:")).split()[1])
_rss = rss_kb()
_t = time.perf_counter()
{statement}
print((time.perf_counter() - _t) * 1000, rss_kb() - _rss)
"""


def time_statement(statement: str, env: dict[str, str]) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", _TIMER.format(statement=statement)],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )
    milliseconds, kilobytes = done.stdout.split()
    return float(milliseconds), int(kilobytes) / 1024


def run(env: dict[str, str], repeats: int) -> dict:
    times: dict[str, list[float]] = {name: [] for name in STATEMENTS}
    memory: dict[str, list[float]] = {name: [] for name in STATEMENTS}
    for _ in range(repeats):
        for name, statement in STATEMENTS.items():
            elapsed_ms, rss_growth_mb = time_statement(statement, env)
            times[name].append(elapsed_ms)
            memory[name].append(rss_growth_mb)
    return {
        name: {"median_ms": median(times[name]), "rss_growth_mb": median(memory[name]), "samples_ms": times[name]}
        for name in STATEMENTS
    }
