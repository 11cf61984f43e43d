# Sourced by .ci/run (and usable by hand: `source .ci/postgres.sh`): starts a throwaway
# PostgreSQL server in a temporary folder on a free loopback port, exports TEST_DATABASE_URL, and
# stops the server and removes the folder when the shell exits. Installs Debian's `postgresql`
# when no server binaries are found.
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin_dir)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends postgresql
fi
PG_BIN="$(pg_bin_dir)"
PG_TMP="$(mktemp -d /tmp/khulasa-pg.XXXXXX)"
# initdb refuses to run as root: as root the server runs as the `postgres` user the package made.
if [ "$(id -u)" = 0 ]; then
  chown postgres "$PG_TMP"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
PG_PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
as_pg "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log"
as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w \
  -o "-p $PG_PORT -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
stop_throwaway_postgres() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
}
trap stop_throwaway_postgres EXIT
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
echo "throwaway PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') at $TEST_DATABASE_URL"
