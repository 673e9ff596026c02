#!/usr/bin/env bash
# Build cost of depending on TarlanPayments (Benchmarks/README.md).
#
# Creates, in a temporary directory, a tiny package that depends on this repository by path and
# calls one endpoint through its own canned transport; then measures, in debug:
#   1. a build from a clean .build (includes building the generator and running it once),
#   2. the first rebuild after it (reported apart: SwiftPM relinks the generator tool there once),
#   3. no-op rebuilds (nothing changed): their time, and that the generator did not run
#      (neither the plugin command's display name "Generating …" nor the generator's command
#      line may appear in the build output, verbose included).
#
# usage: Benchmarks/build-cost.sh [--clean-runs N] [--runs N] [--keep]
#   --clean-runs N   clean builds to time, each from an empty .build (default 3)
#   --runs N         no-op rebuilds to time (default 5)
#   --keep     keep the temporary package (its path is printed)
# Exit status 0 when the no-op rebuild ran no generator, 1 when it did, 2 when a build failed.
set -euo pipefail

runs=5
clean_runs=3
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --clean-runs) clean_runs="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "unknown argument $1" >&2; exit 64 ;;
    esac
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tarlan-build-cost.XXXXXX")"
if [ "$keep" = 0 ]; then trap 'rm -rf "$work"' EXIT; fi
package="$work/Shop"
mkdir -p "$package/Sources/Shop"

cat > "$package/Package.swift" <<EOF
// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Shop",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "$repo")],
    targets: [
        .executableTarget(name: "Shop", dependencies: [.product(name: "TarlanPayments", package: "$(basename "$repo")")]),
    ]
)
EOF

cat > "$package/Sources/Shop/main.swift" <<'EOF'
import Foundation
import TarlanPayments

// One endpoint, answered by the app's own transport with the documentation's example (no network).
struct CannedTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(statusCode: 200, body: Data(#"{"status":true,"message":"Success","result":{"balance":6498.4}}"#.utf8))
    }
}

let client = AGWSClient(secret: TarlanSecret("12345"), transport: CannedTransport())
let balance = try await client.checkBalance(CheckBalanceRequest(agent: "daw"))
print("balance:", balance.balance ?? -1)
EOF

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# build LOG [extra swift build arguments…]: prints the seconds taken; fails with the log on error.
build() {
    local log="$1"; shift
    local start end
    start=$(now)
    if ! (cd "$package" && swift build "$@") > "$log" 2>&1; then
        echo "build failed; see $log" >&2
        tail -30 "$log" >&2
        exit 2
    fi
    end=$(now)
    elapsed "$start" "$end"
}

generator_ran() { grep -Eq 'Generating |tarlan-generator[^ ]* generate ' "$1"; }

echo "downstream package: $package (depends on $repo by path)"
echo "swift: $(swift --version 2>/dev/null | head -1)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

# median_of VALUES…: "M s median (min A, max B, N runs)"
median_of() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.2f s median (min %.2f, max %.2f, %d runs)", m, v[1], v[NR], NR }'
}

cleans=()
for i in $(seq 1 "$clean_runs"); do
    rm -rf "$package/.build"
    # Resolve first so the clean build measures building, not dependency resolution.
    (cd "$package" && swift package resolve > "$work/resolve.log" 2>&1) || { cat "$work/resolve.log" >&2; exit 2; }
    cleans+=("$(build "$work/clean.log")")
done
clean=$(median_of "${cleans[@]}")
if generator_ran "$work/clean.log"; then clean_generator="ran (as it must)"; else clean_generator="NOT seen (check the log)"; fi
"$package/.build/debug/Shop" > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; exit 2; }

# The first rebuild after a clean build is reported on its own: with Swift 6.3 on Linux, SwiftPM
# relinks the plugin's generator tool once more there, and a changed tool reruns the command
# (it writes identical bytes, so nothing recompiles). The no-op rebuilds are the ones after it.
first=$(build "$work/first-rebuild.log")
if generator_ran "$work/first-rebuild.log"; then
    first_generator="ran once more (its tool was relinked)"
else
    first_generator="not run"
fi
recompiled=$(grep 'Compiling ' "$work/first-rebuild.log" | grep -v 'Compiling plugin' | grep -o 'Compiling [A-Za-z_]*' | cut -d' ' -f2 | sort -u | tr '\n' ' ' || true)
if [ -n "$recompiled" ]; then
    first_generator="$first_generator; recompiled: $recompiled"
else
    first_generator="$first_generator; identical output, no module recompiled"
fi

times=()
ran=0
for i in $(seq 1 "$runs"); do
    t=$(build "$work/noop-$i.log")
    times+=("$t")
    if generator_ran "$work/noop-$i.log"; then ran=1; fi
done
# One more, verbose, to be sure no generator command line runs either.
build "$work/noop-verbose.log" -v > /dev/null
if generator_ran "$work/noop-verbose.log"; then ran=1; fi

stats=$(median_of "${times[@]}")

echo
echo "| measurement (debug) | value |"
echo "|---|---|"
echo "| clean build of the downstream package (generator and TarlanPayments included) | $clean |"
echo "| first rebuild after the clean build | $first s; generator $first_generator |"
echo "| no-op rebuild | $stats |"
echo "| generator in the clean build | $clean_generator |"
if [ "$ran" = 0 ]; then
    echo "| generator in the no-op rebuilds (normal and -v output) | not run (target met) |"
else
    trap - EXIT
    echo "| generator in the no-op rebuilds (normal and -v output) | RAN (target missed; see $work/noop-*.log) |"
fi
echo "| the program's output | $(cat "$work/run.log") |"
exit "$ran"
