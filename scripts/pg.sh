#!/usr/bin/env bash
# A private PostgreSQL server for the suite and the benchmark: Debian's postgresql 15 binaries,
# its own cluster directory, listening on loopback only on a port of its own, so a system
# PostgreSQL (or another developer's suite) is never touched.
#
#   scripts/pg.sh up     starts it (initdb on first use) and prints DATABASE_URL
#   scripts/pg.sh url    prints DATABASE_URL
#   scripts/pg.sh fresh  drops and recreates the database (an empty, unmigrated netdiag)
#   scripts/pg.sh down   stops it and removes the cluster
#
# The cluster is per LAB_PREFIX (ndt: the suite, ndm: a developer's run), port 54000 + LAB_OCTET.
source "$(dirname "$0")/lib.sh"

PREFIX=${LAB_PREFIX:-ndt}
OCTET=${LAB_OCTET:-214}
PORT=${NETDIAG_PG_PORT:-$((54000 + OCTET))}
# Under /var/tmp, not the clone: initdb refuses to run as root, and the postgres user must be
# able to reach its directory (a clone under /root is not traversable for it).
DIR=${NETDIAG_PG_DIR:-/var/tmp/netdiag-pg-$PREFIX}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
DB=netdiag
PASSWORD=netdiag-test-only
URL="postgresql://netdiag:$PASSWORD@127.0.0.1:$PORT/$DB"

as_pg() { runuser -u postgres -- "$@"; }

psql_admin() { as_pg "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

up() {
  [ -n "$BIN" ] || die "PostgreSQL is not installed (Debian package postgresql); scripts/setup.sh installs it"
  is_root || die "scripts/pg.sh runs the server as the postgres user, which needs root"
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    rm -rf "$DIR"; mkdir -p "$DIR/data"; chown -R postgres:postgres "$DIR"; chmod 700 "$DIR"
    printf '%s\n' "$PASSWORD" > "$DIR/pw"; chown postgres "$DIR/pw"
    # Local socket for the admin (peer), password over TCP for netdiag, as on a real server.
    as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile="$DIR/pw" -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    # fsync off: a test cluster thrown away after the run; the 2-core box spends its time on the suite.
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
  fi
  psql_admin -tc "SELECT 1 FROM pg_roles WHERE rolname = 'netdiag'" | grep -q 1 ||
    psql_admin -c "CREATE ROLE netdiag LOGIN CREATEDB PASSWORD '$PASSWORD'"
  psql_admin -tc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 || create_db
  echo "$URL"
}

# Users' servers run in their local zone: this one runs in a zone with a half-hour offset, so a
# time the app let the server stamp or convert shows up as wrong by hours in the suite.
create_db() {
  psql_admin -c "CREATE DATABASE $DB OWNER netdiag"
  psql_admin -c "ALTER DATABASE $DB SET timezone TO 'America/St_Johns'"
}

fresh() {
  up >/dev/null
  psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  create_db
  echo "$URL"
}

down() {
  if [ -n "$BIN" ] && [ -f "$DIR/data/PG_VERSION" ]; then
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}

case "${1:-}" in
  up) up ;;
  url) echo "$URL" ;;
  fresh) fresh ;;
  down) down ;;
  *) die "usage: scripts/pg.sh up|url|fresh|down" ;;
esac
