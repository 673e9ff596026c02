#!/usr/bin/env bash
# Coverage-guided fuzzing of the runtime with libFuzzer (Linux, a toolchain with -sanitize=fuzzer).
#
#   Tests/Fuzz/run-libfuzzer.sh [SECONDS]     default 60; extra libFuzzer flags via LIBFUZZER_FLAGS
#
# Builds Sources/TarlanCore (with its C target) and Tests/Fuzz/FuzzTarget.swift into one instrumented binary
# (AddressSanitizer included), seeds a corpus with the schema's example bodies, and runs. A crash
# leaves `crash-<hash>` in the build folder; rerun the binary on that file to reproduce it.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-60}"
build="${FUZZ_BUILD_DIR:-$root/.build-fuzz}"
corpus="$build/corpus"
mkdir -p "$corpus"

echo "building $build/tarlan-fuzz …"
# The C target (SHA-256 with the CPU's instructions) as an object and a module map, then the core's
# Swift sources and the fuzz target as one module.
cat > "$build/module.modulemap" <<MAP
module CTarlanSHA256 {
    header "$root/Sources/CTarlanSHA256/include/CTarlanSHA256.h"
    export *
}
MAP
clang -fsanitize=fuzzer-no-link,address -O2 -g -c "$root/Sources/CTarlanSHA256/sha256.c" \
    -I "$root/Sources/CTarlanSHA256/include" -o "$build/sha256.o"
swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name TarlanFuzz -package-name TarlanKit \
    -Xcc -fmodule-map-file="$build/module.modulemap" \
    $(find "$root/Sources/TarlanCore" -name '*.swift' | sort) "$root/Tests/Fuzz/FuzzTarget.swift" \
    "$build/sha256.o" -o "$build/tarlan-fuzz"

# Seeds: every example body of the schema (compact JSON), if python3 is there; else the schema files.
if command -v python3 >/dev/null; then
    python3 - "$root/Schema" "$corpus" <<'PY'
import hashlib, json, pathlib, sys
schema, corpus = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def bodies(node):
    if isinstance(node, dict):
        if "body" in node and "kind" in node:
            yield node["body"]
        for value in node.values():
            yield from bodies(value)
    elif isinstance(node, list):
        for value in node:
            yield from bodies(value)
for path in sorted(schema.glob("*.json")):
    if path.name.endswith(".schema.json"):
        continue
    for body in bodies(json.loads(path.read_text())):
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        (corpus / hashlib.sha1(text).hexdigest()).write_bytes(text)
PY
else
    cp "$root"/Schema/*.json "$corpus/"
fi
echo "corpus: $(ls "$corpus" | wc -l) inputs; fuzzing for ${seconds}s"

cd "$build"
# shellcheck disable=SC2086
exec ./tarlan-fuzz "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 ${LIBFUZZER_FLAGS:-}
