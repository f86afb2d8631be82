#!/usr/bin/env bash
# Installs the Debian 12 packages Stepwise needs to build, test and run.
# Idempotent and quick when everything is already there: apt is only called for what is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates curl libssl-dev openssl
  libboost1.81-all-dev libboost-json1.81-dev
  libsqlite3-dev sqlite3
  libpq-dev postgresql postgresql-contrib
  libsodium-dev liboath-dev
  libcairo2-dev libpango1.0-dev fonts-dejavu-core
  libhowardhinnant-date-dev tzdata coinor-libcbc-dev
  john-data cracklib-runtime
  libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format clang-tidy
  nodejs npm
  chromium chromium-driver
  wrk nginx-light
)
# Test-only tools are harmless to have on a server; keep one list so the two commands stay in step.

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node may come from elsewhere (a newer nodejs); accept any node >= 18 with npm.
if command -v node >/dev/null && command -v npm >/dev/null; then
  tmp=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || tmp+=("$p"); done
  missing=("${tmp[@]+"${tmp[@]}"}")
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all Debian packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Boost 1.81 conflicts with Debian's default 1.74 development packages.
if dpkg-query -W -f='${Status}' libboost1.74-dev 2>/dev/null | grep -q "install ok installed"; then
  $SUDO apt-get remove -y 'libboost*1.74*-dev' || true
fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
