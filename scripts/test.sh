#!/usr/bin/env bash
# Command 2 of the README: installs what is needed, builds, and runs every test:
#   1. unit, store (SQLite and a real PostgreSQL 15) and layering tests (ctest)
#   2. the unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer
#   3. API tests against the real binary on 127.0.0.1 (node:test): SQLite and PostgreSQL,
#      bad input, crash (kill -9) and backup under write load
#   4. web app unit tests (Vitest) and the end-to-end test in real Chromium with an axe scan
# Ends with one line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
scripts/install-deps.sh || exit 1

passed=0; failed=0
step() {  # step NAME COMMAND...
  local name=$1; shift
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); echo "--- $name: ok"; else failed=$((failed + 1)); echo "--- $name: FAILED"; fi
}

scripts/build.sh stepwise unit_tests store_tests app_tests optimizer_cbc_tests || { echo "0 passed, 1 failed"; exit 1; }

eval "$(scripts/pg-temp.sh start)"
trap 'scripts/pg-temp.sh stop "$STEPWISE_TEST_PG_DIR"' EXIT

step "ctest (unit, store on SQLite and PostgreSQL, layering)" \
  ctest --test-dir build --output-on-failure -j "$(nproc)"

sanitize() {
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTEPWISE_SANITIZE=ON -DSTEPWISE_ONLY_UNIT_TESTS=ON \
        -DSTEPWISE_BUILD_BENCH=OFF -Wno-dev >/dev/null &&
  ninja -C build-asan unit_tests store_tests &&
  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=scripts/lsan-suppressions.txt ./build-asan/unit_tests --gtest_brief=1 &&
  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=scripts/lsan-suppressions.txt ./build-asan/store_tests --gtest_brief=1
}
step "unit and store tests under ASan+UBSan" sanitize

step "API tests against the real binary" node --test --test-concurrency=1 tests/api/

if [ -f web/package.json ]; then
  step "web unit tests (Vitest)" npm --prefix web test --silent
  step "end-to-end in Chromium" env STEPWISE_BIN=build/stepwise scripts/web-e2e.sh
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
