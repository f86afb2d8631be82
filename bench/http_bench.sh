#!/usr/bin/env bash
# HTTP throughput and latency of `stepwise serve` against nginx serving the same bytes as a static file.
#
# Builds nothing: uses the already built build/stepwise. Everything runs on loopback in a temp dir that
# is removed on exit, and every run is bounded (wrk -d).
#
#   bench/http_bench.sh                              # 10 s per server, 64 connections
#   DURATION=5s CONNECTIONS=128 bench/http_bench.sh
#   SERVE_ARGS="--log-level warn" bench/http_bench.sh
#
# Environment:
#   DURATION      wrk duration per server (default 10s)
#   CONNECTIONS   wrk connections (default 64)
#   THREADS       wrk threads (default 2)
#   WARMUP        warm-up run per server before measuring (default 2s; "0" skips it)
#   BENCH_BIN     the stepwise binary (default build/stepwise of this repo)
#   SERVE_ARGS    extra flags for `stepwise serve` (e.g. "--io-threads 1", "--log-level warn")
#   SERVE_ENV     extra environment for `stepwise serve` only, as NAME=value words, e.g.
#                 "GLIBC_TUNABLES=glibc.malloc.trim_threshold=67108864:glibc.malloc.mmap_threshold=67108864"
# (None of these is named STEPWISE_*: `stepwise serve` refuses to start on an unknown STEPWISE_* variable.)
#
# Prints a markdown table (requests/s, p50, p99, ratio stepwise/nginx) and the memory of the serve
# process (VmRSS / VmHWM from /proc/<pid>/status) idle and under load.
set -euo pipefail

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-2s}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STEPWISE=${BENCH_BIN:-$ROOT/build/stepwise}
SERVE_ARGS=${SERVE_ARGS:-}
SERVE_ENV=${SERVE_ENV:-}

die() { echo "http_bench: $*" >&2; exit 1; }
[[ -x $STEPWISE ]] || die "$STEPWISE is missing; build it first (ninja -C build stepwise)"
for tool in curl wrk nginx; do
  command -v "$tool" >/dev/null || die "$tool is not installed"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stepwise-http-bench.XXXXXX")
sw_pid=""
sampler_pid=""
cleanup() {
  if [[ -n $sampler_pid ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [[ -n $sw_pid ]]; then
    kill "$sw_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$sw_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$sw_pid" 2>/dev/null || true
  fi
  if [[ -f $tmp/nginx.pid ]]; then
    local npid
    npid=$(cat "$tmp/nginx.pid" 2>/dev/null || true)
    if [[ -n $npid ]]; then
      kill -QUIT "$npid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$npid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$npid" 2>/dev/null || true
    fi
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A loopback port nobody listens on (the kernel picks it; a tiny race is acceptable for a benchmark).
free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local p
  while :; do
    p=$(shuf -i 20000-60000 -n 1)
    ss -Htln "sport = :$p" | grep -q . || { echo "$p"; return; }
  done
}

wait_http() {  # url
  for _ in $(seq 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

status_kb() {  # pid field -> kB
  awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"
}

to_ms() {  # wrk latency "812.00us" / "3.21ms" / "1.02s" -> ms
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}

# Runs wrk once and prints "rps p50_ms p99_ms non2xx socket_errors".
run_wrk() {  # name url [extra wrk args, e.g. -H "Authorization: …"]
  local out=$tmp/wrk-$1.txt name=$1 url=$2
  shift 2
  if [[ $WARMUP != 0 ]]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "$url" >/dev/null
  fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" >"$out"
  : "$name"
  local rps p50 p99 non2xx errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  errors=$(awk -F'[ ,]+' '/Socket errors:/ { print $4 + $6 + $8 + $10 }' "$out")
  echo "$rps $p50 $p99 ${non2xx:-0} ${errors:-0}"
}

# --- Stepwise ---------------------------------------------------------------------------------------
"$STEPWISE" demo --db "$tmp/demo.db" >/dev/null
# Every API call needs a signed-in caller: an API token of the demo's program director.
token=$("$STEPWISE" token create --db "$tmp/demo.db" --username karen --name http-bench --days 1 2>/dev/null)
auth="Authorization: Bearer $token"
sw_port=$(free_port)
# stderr (one JSON log line per request at the default level) goes to a file, as it would to a journal.
# shellcheck disable=SC2086
env $SERVE_ENV "$STEPWISE" serve --db "$tmp/demo.db" --listen "127.0.0.1:$sw_port" $SERVE_ARGS \
  >"$tmp/stepwise.out" 2>"$tmp/stepwise.log" &
sw_pid=$!
wait_http "http://127.0.0.1:$sw_port/healthz" || { cat "$tmp/stepwise.log" >&2; die "stepwise did not start"; }

client_id=$(curl -fsS -H "$auth" "http://127.0.0.1:$sw_port/api/v1/clients?limit=1" |
  grep -o '"id":"[0-9a-f-]\{36\}"' | head -n 1 | cut -d'"' -f4)
[[ -n $client_id ]] || die "no client in the demo database"
path=/api/v1/clients/$client_id
mkdir -p "$tmp/www/api/v1/clients"
curl -fsS -H "$auth" -o "$tmp/www$path" "http://127.0.0.1:$sw_port$path"
body_bytes=$(stat -c %s "$tmp/www$path")

sleep 0.5
idle_rss=$(status_kb "$sw_pid" VmRSS)
idle_hwm=$(status_kb "$sw_pid" VmHWM)

# --- nginx ------------------------------------------------------------------------------------------
ngx_port=$(free_port)
mkdir -p "$tmp/logs"
user_line=""
[[ $(id -u) == 0 ]] && user_line="user root;"  # workers must read the 0700 temp dir
cat >"$tmp/nginx.conf" <<EOF
$user_line
daemon on;
worker_processes 2;
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp/client_body;
  proxy_temp_path $tmp/proxy;
  fastcgi_temp_path $tmp/fastcgi;
  uwsgi_temp_path $tmp/uwsgi;
  scgi_temp_path $tmp/scgi;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$ngx_port;
    root $tmp/www;
    default_type application/json;
    location / { try_files \$uri =404; }
  }
}
EOF
nginx -c "$tmp/nginx.conf" -p "$tmp" -e "$tmp/logs/error.log" 2>"$tmp/logs/start.log" ||
  { cat "$tmp/logs/start.log" "$tmp/logs/error.log" >&2 2>/dev/null; die "nginx did not start"; }
wait_http "http://127.0.0.1:$ngx_port$path" || die "nginx does not serve $path"
cmp -s <(curl -fsS "http://127.0.0.1:$ngx_port$path") "$tmp/www$path" || die "nginx serves different bytes"

# --- Load -------------------------------------------------------------------------------------------
# Sample the serve process's resident set while wrk runs against it.
(
  peak=0
  while kill -0 "$sw_pid" 2>/dev/null; do
    r=$(status_kb "$sw_pid" VmRSS 2>/dev/null || echo 0)
    (( r > peak )) && peak=$r && echo "$peak" >"$tmp/load_rss"
    sleep 0.2
  done
) &
sampler_pid=$!
read -r sw_rps sw_p50 sw_p99 sw_non2xx sw_err < <(run_wrk stepwise "http://127.0.0.1:$sw_port$path" -H "$auth")
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
load_rss=$(cat "$tmp/load_rss" 2>/dev/null || echo "?")
load_hwm=$(status_kb "$sw_pid" VmHWM)
after_rss=$(status_kb "$sw_pid" VmRSS)
kill -0 "$sw_pid" 2>/dev/null || die "stepwise exited during the run"

read -r ng_rps ng_p50 ng_p99 ng_non2xx ng_err < <(run_wrk nginx "http://127.0.0.1:$ngx_port$path")

ratio=$(awk -v a="$sw_rps" -v b="$ng_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
mb() { awk -v k="$1" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f MiB", k / 1024; else print k }'; }
server_errors=$(grep -c '"level":"error"' "$tmp/stepwise.log" || true)

cat <<EOF
### GET $path ($body_bytes-byte JSON body)

$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency ($([[ $WARMUP == 0 ]] && echo "no warm-up" || echo "after a $WARMUP warm-up")), loopback.
binary: $STEPWISE built $(date -u -r "$STEPWISE" +%Y-%m-%dT%H:%MZ), tree at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?").
stepwise serve flags: ${SERVE_ARGS:-(defaults)}${SERVE_ENV:+, environment: $SERVE_ENV}; nginx $(nginx -v 2>&1 | sed 's#.*/##'), worker_processes 2, access_log off.

| server | requests/s | p50 (ms) | p99 (ms) | non-2xx | socket errors |
|---|---:|---:|---:|---:|---:|
| stepwise | $sw_rps | $sw_p50 | $sw_p99 | $sw_non2xx | $sw_err |
| nginx (static file) | $ng_rps | $ng_p50 | $ng_p99 | $ng_non2xx | $ng_err |
| **ratio stepwise/nginx** | **$ratio** | | | | |

| stepwise serve memory | VmRSS | VmHWM (peak) |
|---|---:|---:|
| idle (after start and one request) | $(mb "$idle_rss") | $(mb "$idle_hwm") |
| under load (highest VmRSS sample every 0.2 s; VmHWM right after) | $(mb "$load_rss") | $(mb "$load_hwm") |
| after load | $(mb "$after_rss") | |

Error lines in the server log during the run: $server_errors
EOF
