#!/usr/bin/env bash
# Builds the server (build/) and the web app (web/dist). Used by demo.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -Wno-dev >/dev/null
ninja -C build -j "$jobs" "$@"
if [ -f web/package.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    npm --prefix web ci --no-audit --no-fund
  fi
  npm --prefix web run build
fi
