#!/usr/bin/env bash
# End-to-end test of the web app against a real server with demo data, in Debian's Chromium.
#
#   STEPWISE_BIN=build/stepwise scripts/web-e2e.sh
#
# Needs: a built server ($STEPWISE_BIN, default build/stepwise), a built web app (web/dist: `npm run build`
# in web/), /usr/bin/chromium, and web/node_modules (installed with `npm ci` when missing).
# Creates a demo database in a temp dir, serves it on a free loopback port, waits for /readyz, runs
# web/e2e/run.mjs, stops the server and exits with the e2e script's exit code.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bin="${STEPWISE_BIN:-build/stepwise}"
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
web="$root/web"

fail() { echo "web-e2e: $*" >&2; echo "0 passed, 1 failed"; exit 2; }

[ -x "$bin" ] || fail "no server binary at $bin (build it, or set STEPWISE_BIN)"
[ -f "$web/dist/index.html" ] || fail "no built web app at web/dist (run: cd web && npm ci && npm run build)"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || fail "no Chromium at ${CHROMIUM:-/usr/bin/chromium} (apt-get install chromium)"
command -v node >/dev/null || fail "node is not installed"
if [ ! -d "$web/node_modules/playwright-core" ] || [ ! -d "$web/node_modules/@axe-core/playwright" ]; then
  echo "web-e2e: installing web dependencies (npm ci)"
  (cd "$web" && npm ci --no-audit --no-fund) >&2
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/stepwise-web-e2e.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$bin" demo --db "$tmp/demo.db" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; fail "stepwise demo failed"; }

# A free loopback port: ask the kernel for one, then release it for the server.
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
url="http://127.0.0.1:$port"

"$bin" serve --db "$tmp/demo.db" --listen "127.0.0.1:$port" --web-root "$web/dist" >"$tmp/server.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 150); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    cat "$tmp/server.log" >&2
    fail "the server exited before it was ready"
  fi
  if node -e "fetch('$url/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.2
done
[ -n "$ready" ] || { tail -n 50 "$tmp/server.log" >&2; fail "the server did not answer /readyz on $url within 30 s"; }

echo "web-e2e: server ready at $url"
set +e
(cd "$web" && STEPWISE_URL="$url" node e2e/run.mjs)
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  echo "web-e2e: e2e failed (exit $rc); last server log lines:" >&2
  tail -n 30 "$tmp/server.log" >&2 || true
fi
exit "$rc"
