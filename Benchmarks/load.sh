#!/usr/bin/env bash
# Load benchmark (issue 13): balance calls through both transports against a local nginx that answers
# a canned balance JSON, over loopback HTTP/1.1 keep-alive. Starts nginx with a temporary config,
# stops it on exit. Figures go to Benchmarks/README.md.
#   Benchmarks/load.sh [calls] [concurrency]     (default: the README's matrix)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v nginx >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }
ulimit -n 65536 2>/dev/null || ulimit -n 4096

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4000; }
http {
    access_log off;
    keepalive_requests 10000000;
    keepalive_timeout 60s;
    client_body_temp_path $work/body;
    server {
        listen 127.0.0.1:$port;
        location / {
            default_type application/json;
            return 200 '{"status":true,"status_code":0,"message":"Success","result":{"showcase_code":"daw","balance":1234.56}}';
        }
    }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' &
nginx_pid=$!
trap 'kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done

cd Integrations/TarlanAsyncHTTPClient
swift build -c release --product tarlan-load 2>&1 | tail -n 1
load=$(swift build -c release --show-bin-path)/tarlan-load
url="http://127.0.0.1:$port"

run() { "$load" --url "$url" --transport "$1" --calls "$2" --concurrency "$3" || true; }

# Both transports back to back, then the ratio of their calls/s: on a shared machine the throughput
# of either drifts by a third within minutes, so only pairs run side by side are compared.
pair() {
    local slow fast
    slow=$(run urlsession "$1" "$2")
    fast=$(run ahc "$1" "$2")
    printf '%s\n%s\n' "$slow" "$fast"
    awk -v slow="$(rate "$slow")" -v fast="$(rate "$fast")" \
        'BEGIN { if (slow > 0) printf "ratio ahc/urlsession calls/s: %.2fx\n", fast / slow }'
}
rate() { sed -n 's/.* calls\/s=\([0-9]*\) .*/\1/p' <<<"$1"; }

if [[ $# -ge 2 ]]; then
    pair "$1" "$2"
    exit 0
fi
pair 20000 64
for _ in 1 2 3; do pair 20000 1000; done
run ahc 100000 64
run urlsession 100000 64
