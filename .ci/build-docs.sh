#!/usr/bin/env bash
# Builds the DocC catalog of TarlanPayments with the toolchain's `docc`, warnings as errors, after
# checking that its landing page lists every public top-level symbol of the module (the generated
# API and the re-exported runtime). No docc plugin: symbol graphs come from the compiler.
#   .ci/build-docs.sh [OUTPUT]     (default .build-docs/TarlanPayments.doccarchive)
# A scratch folder of its own (.build-docs) keeps the symbol-graph flags from invalidating .build.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build-docs
graphs="$scratch/symbol-graphs"
output="${1:-$scratch/TarlanPayments.doccarchive}"
catalog=Sources/TarlanPayments/TarlanPayments.docc

rm -rf "$graphs" && mkdir -p "$graphs/all" "$graphs/TarlanPayments"
swift build --target TarlanPayments --scratch-path "$scratch" \
    -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$PWD/$graphs/all"
# TarlanPayments' graph already holds the re-exported TarlanRuntime and TarlanCore symbols; the
# others (those modules' own graphs, the plugin tool's) would make docc see several modules.
cp "$graphs"/all/TarlanPayments.symbols.json "$graphs/TarlanPayments/"

python3 - "$graphs/TarlanPayments/TarlanPayments.symbols.json" "$catalog/TarlanPayments.md" <<'PY'
import json, re, sys
symbols = json.load(open(sys.argv[1]))["symbols"]
public = {s["pathComponents"][0] for s in symbols if len(s["pathComponents"]) == 1}
page = open(sys.argv[2]).read()
topics = page.split("## Topics", 1)[1] if "## Topics" in page else ""
listed = set(re.findall(r"^- ``([A-Za-z0-9_]+)``", topics, re.M))
missing = sorted(public - listed)
if missing:
    print(f"{sys.argv[2]}: not in any topic group: {', '.join(missing)}", file=sys.stderr)
    sys.exit(1)
print(f"docs: the landing page lists all {len(public)} public top-level symbols")
PY

rm -rf "$output"
docc convert "$catalog" \
    --additional-symbol-graph-dir "$graphs/TarlanPayments" \
    --fallback-display-name TarlanPayments \
    --fallback-bundle-identifier kz.tarlanpayments.TarlanPayments \
    --warnings-as-errors \
    --output-path "$output"
echo "docs: $output"
