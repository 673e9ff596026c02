#!/usr/bin/env bash
# Counts the public symbols a user of TarlanPayments sees, from the symbol graphs SwiftPM dumps
# (`swift package dump-symbol-graph --skip-synthesized-members`: declared symbols, not the ones a
# protocol's extension lends). Prints the counts per module and, with --list, every runtime symbol.
#   Benchmarks/public-surface.sh [--list]
set -euo pipefail
cd "$(dirname "$0")/.."
swift package dump-symbol-graph --skip-synthesized-members >/dev/null 2>&1
python3 - "$@" <<'PY'
import glob, json, sys
folder = glob.glob(".build/*/symbolgraph")[0]
def load(name):
    try:
        return json.load(open(f"{folder}/{name}.symbols.json"))["symbols"]
    except FileNotFoundError:
        return []
runtime = load("TarlanCore") + load("TarlanRuntime")
def top(symbols):
    return sum(1 for s in symbols if len(s["pathComponents"]) == 1)
extensions = [f for f in glob.glob(f"{folder}/Tarlan*@*.symbols.json") if "@Tarlan" not in f]
standard = sum(len(json.load(open(f))["symbols"]) for f in extensions)
print(f"runtime (TarlanCore + TarlanRuntime): {len(runtime)} public symbols, {top(runtime)} top-level types")
for module in ["TarlanPayments", "TarlanPaymentsMocks"]:
    symbols = load(module)
    print(f"{module} (generated and hand-written): {len(symbols)} public symbols, {top(symbols)} top-level types")
print(f"public members on types of other modules (Swift, Foundation): {standard}")
if "--list" in sys.argv:
    for s in sorted(runtime, key=lambda s: s["pathComponents"]):
        print("  " + ".".join(s["pathComponents"]), s["kind"]["identifier"].removeprefix("swift."))
PY
