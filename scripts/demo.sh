#!/usr/bin/env bash
# Command 1 of the README: install what is needed, build, create the demo program and serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh stepwise
db=${STEPWISE_DEMO_DB:-stepwise-demo.db}
port=${PORT:-8080}
./build/stepwise demo --db "$db" --force
cat <<MSG

  Stepwise demo: http://127.0.0.1:$port/
  Organization: Northstar Recovery Center (40 clients, 10 staff, morning and evening tracks)
  Sign in with a username above and the password northstar-demo-pass (two-step users: the TOTP secret above).
  Stop with Ctrl-C.

MSG
exec ./build/stepwise serve --db "$db" --listen "127.0.0.1:$port" --web-root web/dist
