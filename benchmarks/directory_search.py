"""Benchmark: is searching the transfer directory fast enough to run on every keystroke?

    python benchmarks/directory_search.py             # a table
    python benchmarks/directory_search.py --json      # the same, with the raw samples

In one child process: 10,000 synthetic entries (names from several languages,
with accents, apostrophes and hyphens; teams; phone numbers of a few countries,
most in one area code as in a real company; SIP addresses; some favourites; 50
recently used). Then "alice chen" is typed letter by letter and "4155550" digit
by digit, and every keystroke's Directory.search() is timed. The baseline,
interleaved with it keystroke by keystroke, is the cheapest scan there is: a
plain Python loop doing `typed in s` over the 10,000 folded names (over the
10,000 numbers' digits for the digits), which finds but neither ranks nor
matches word starts. Directory construction and with_recent() are timed too.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling benchmark modules

from common import isolated_environment, median, percentile, ratio, report, run_child

ENTRIES = 10_000
TYPED = {"letters": "alice chen", "digits": "4155550"}
GOAL_MS = 5.0  # per keystroke, at most

FIRST_NAMES = (  # split when used
    "Alice Alicia Ali Aline Ana Anaïs Anders Björn Ben Bernadette Chen Chloé Cédric Dmitri Dolores Élodie "
    "Emma Ethan François Fatima Grace Guðrún Hiroshi Ingrid Ivan Jean-Luc José Juan Jürgen Kai Łucja Li "
    "Lucía Maria Marie-Claire Mohammed Nadia Noah Olga Omar Priya Raúl Rosa Søren Sophie Tomás Yasmin Zoë"
)
LAST_NAMES = (
    "Chen Chen-Wu O'Neil O'Brien Müller García Nguyen Smith Johansson Kowalski Dubois Rossi Tanaka Ali "
    "Cohen Chénier Álvarez Øster Lefèvre Novák Yılmaz Papadopoulos Fernández Schmidt Kim Park Haddad "
    "Brown Wilson Moreau Bianchi Costa Silva Andersen Virtanen Horváth Dąbrowski Mac Lean"
)
TEAMS = ("Billing", "Support", "Sales", "Tier 2 Support", "Accounts", "Équipe Nord", "Facturación",
         "Retentions", "Escalations", "Front Desk", "Onboarding", "")


def make_entries(count: int):  # type: ignore[no-untyped-def]
    """`count` plausible entries, the same ones every run."""
    import random

    from phlo_desk.core.directory import SOURCE_LIST, SOURCE_OWN, SOURCE_PLIVO, Entry

    chance = random.Random(11)
    first_names, last_names = FIRST_NAMES.split(), LAST_NAMES.split()

    def address(n: int) -> str:
        kind = chance.random()
        if kind < 0.45:
            return f"+1415{chance.randrange(10**7):07d}"  # the company's own area code
        if kind < 0.60:
            return f"+1212{chance.randrange(10**7):07d}"
        if kind < 0.72:
            return f"+4420{chance.randrange(10**8):08d}"
        if kind < 0.82:
            return f"+349{chance.randrange(10**8):08d}"
        if kind < 0.90:
            return f"+4930{chance.randrange(10**8):08d}"
        if kind < 0.95:
            return f"sip:{chance.randrange(1000, 9999)}@pbx.example.com"
        return f"sip:agent{n}@desk.example.net"

    entries = []
    for n in range(count):
        source = chance.choice((SOURCE_LIST,) * 8 + (SOURCE_OWN, SOURCE_PLIVO))
        entries.append(Entry(
            name=f"{chance.choice(first_names)} {chance.choice(last_names)}",
            address=address(n),
            team=chance.choice(TEAMS),
            favourite=chance.random() < 0.02,
            source=source,
            key=f"k{n}",
        ))
    recent = [entry.address for entry in chance.sample(entries, 50)]
    return entries, recent


def measure(repeats: int) -> dict:
    import re

    from phlo_desk.core.directory import Directory, fold

    entries, recent = make_entries(ENTRIES)
    haystacks = {
        "letters": [fold(entry.name) for entry in entries],
        "digits": [re.sub(r"[^0-9]", "", entry.address) for entry in entries],
    }

    def timed_ms(operation, *args) -> float:  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        operation(*args)
        return (time.perf_counter() - started) * 1000

    def scan(haystack: list[str], needle: str) -> list[str]:
        return [s for s in haystack if needle in s]

    built_ms = [timed_ms(Directory, entries, recent) for _ in range(repeats)]
    directory = Directory(entries, recent)
    reordered_ms = [timed_ms(directory.with_recent, recent[1:] + recent[:1]) for _ in range(repeats)]

    keystrokes = {kind: [typed[:end] for end in range(1, len(typed) + 1)] for kind, typed in TYPED.items()}
    search_ms: dict[str, list[float]] = {kind: [] for kind in TYPED}
    baseline_ms: dict[str, list[float]] = {kind: [] for kind in TYPED}
    found: dict[str, list[int]] = {kind: [] for kind in TYPED}
    for kind, typed_so_far in keystrokes.items():  # warm-up: first-use costs out of the figures
        for text in typed_so_far:
            directory.search(text)
    for repeat in range(repeats):
        for kind, typed_so_far in keystrokes.items():
            haystack = haystacks[kind]
            for text in typed_so_far:
                needle = fold(text)
                # Alternate which goes first, so neither always runs on a warmer cache.
                first_search = repeat % 2 == 0
                if not first_search:
                    baseline_ms[kind].append(timed_ms(scan, haystack, needle))
                search_ms[kind].append(timed_ms(directory.search, text))
                if first_search:
                    baseline_ms[kind].append(timed_ms(scan, haystack, needle))
                if repeat == 0:
                    found[kind].append(len(directory.search(text)))
    per_keystroke = {
        kind: {
            text: median(search_ms[kind][at::len(typed_so_far)])
            for at, text in enumerate(typed_so_far)
        }
        for kind, typed_so_far in keystrokes.items()
    }
    return {
        "entries": ENTRIES,
        "repeats": repeats,
        "goal_ms": GOAL_MS,
        "build_ms": median(built_ms),
        "with_recent_ms": median(reordered_ms),
        "search": {
            kind: {
                "median_ms": median(search_ms[kind]),
                "p95_ms": percentile(search_ms[kind], 0.95),
                "baseline_median_ms": median(baseline_ms[kind]),
                "baseline_p95_ms": percentile(baseline_ms[kind], 0.95),
                "ratio_median": ratio(median(search_ms[kind]), median(baseline_ms[kind])),
                "ratio_p95": ratio(percentile(search_ms[kind], 0.95), percentile(baseline_ms[kind], 0.95)),
                "per_keystroke_median_ms": per_keystroke[kind],
                "results_shown": dict(zip(keystrokes[kind], found[kind])),
            }
            for kind in TYPED
        },
        "samples_ms": {"build": built_ms, "with_recent": reordered_ms,
                       **{f"search {kind}": search_ms[kind] for kind in TYPED},
                       **{f"baseline {kind}": baseline_ms[kind] for kind in TYPED}},
    }


def print_table(result: dict) -> None:
    print(f"Directory search on {result['entries']:,} entries, per keystroke "
          f"({result['repeats']} repeats, interleaved with the baseline; goal under {result['goal_ms']:.0f} ms)")
    print(f"  {'typed':20} {'median':>8} {'p95':>8}   {'baseline':>8} {'p95':>8}   {'ratio':>6} {'p95':>6}")
    for kind, typed in TYPED.items():
        figures = result["search"][kind]
        print(f"  {typed!r:20} {figures['median_ms']:6.2f}ms {figures['p95_ms']:6.2f}ms   "
              f"{figures['baseline_median_ms']:6.2f}ms {figures['baseline_p95_ms']:6.2f}ms   "
              f"{figures['ratio_median']:6.2f} {figures['ratio_p95']:6.2f}")
    print("  (baseline: a plain loop doing `typed in s` over the 10,000 folded names, or numbers' digits)")
    print("Per keystroke (medians, ms; results shown)")
    for kind in TYPED:
        figures = result["search"][kind]
        print("  " + "  ".join(f"{text!r} {ms:.2f} ({figures['results_shown'][text]})"
                               for text, ms in figures["per_keystroke_median_ms"].items()))
    print(f"Directory({result['entries']:,} entries, 50 recent): {result['build_ms']:.0f} ms; "
          f"with_recent(): {result['with_recent_ms']:.1f} ms (medians)")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=30, help="times each keystroke is typed (default 30)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        report(measure(args.repeats))
        return 0
    # No window is opened; the platform only completes the isolated environment.
    result = run_child("directory_search.py", ["--child", "--repeats", str(args.repeats)],
                       isolated_environment("offscreen"), timeout_s=120 + args.repeats * 5)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
