#!/usr/bin/env bash
# Run a command with a throw-away PostgreSQL cluster on loopback (port 55432), its URL in
# CONGVAN_TEST_DB_URL; the cluster and its data directory are removed afterwards.
#   tools/with_postgres.sh .venv/bin/python -m pytest tests/registry
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ]; then echo "PostgreSQL is not installed (Debian package postgresql)" >&2; exit 2; fi
PORT=${CONGVAN_PG_PORT:-55432}
PGDATA=$(mktemp -d /tmp/congvan-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$PGDATA"; AS="runuser -u postgres --"
else
  AS=""
fi
stop() { $AS "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDATA"; }
trap stop EXIT
$AS "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
$AS "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PGDATA -c fsync=off" start >/dev/null
$AS "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres congvan_test
export CONGVAN_TEST_DB_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/congvan_test"
"$@"
