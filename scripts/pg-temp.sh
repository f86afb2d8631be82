#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server for tests: initdb into a temporary directory, pg_ctl on a
# free loopback port. Prints `export` lines; `scripts/pg-temp.sh stop DIR` stops and removes it.
#   eval "$(scripts/pg-temp.sh start)"   # sets STEPWISE_TEST_PG_ADMIN, STEPWISE_TEST_PG_DIR
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
as_pg() {
  # initdb and postgres refuse to run as root: use the postgres system user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-start}" in
  start)
    dir=$(mktemp -d /tmp/stepwise-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
           || shuf -i 20000-60000 -n 1)
    as_pg "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
      start >/dev/null
    echo "export STEPWISE_TEST_PG_DIR=$dir"
    echo "export STEPWISE_TEST_PG_ADMIN=postgresql://postgres@127.0.0.1:$port/postgres"
    echo "export STEPWISE_TEST_PG_PORT=$port"
    ;;
  stop)
    dir=${2:?usage: pg-temp.sh stop DIR}
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
