#!/usr/bin/env bash
# The README's production path, as a user without root would run it: a clone of this commit,
# `npm ci --omit=dev`, `npm start` (build, migrations, serve) as an unprivileged system user,
# then one lab host registered and collected through the API. Needs the lab up (LAB_PREFIX).
source "$(dirname "$0")/lib.sh"
need_root test
: "${LAB_PREFIX:?the lab to collect from}"
USER_NAME=netdiag-prod
PORT=${PRODUCTION_PORT:-3312}
id "$USER_NAME" >/dev/null 2>&1 || useradd --system --create-home --home-dir "/var/lib/$USER_NAME" --shell /usr/sbin/nologin "$USER_NAME"
HOME_DIR=$(getent passwd "$USER_NAME" | cut -d: -f6)
dir="$HOME_DIR/netdiag"
rm -rf "$dir"
git clone -q "$ROOT" "$dir"
chown -R "$USER_NAME:" "$dir"

as_user() { runuser -u "$USER_NAME" -- env -i HOME="$HOME_DIR" PATH="/usr/local/bin:/usr/bin:/bin" "$@"; }
# npm builds better-sqlite3 against Node's headers; use the system's when it ships them
# (Debian's nodejs), else npm downloads them.
nodedir=()
[ -f /usr/include/node/node.h ] && nodedir=(npm_config_nodedir=/usr)

say "Production install as $USER_NAME: npm ci --omit=dev"
as_user "${nodedir[@]}" bash -c "cd '$dir' && npm ci --omit=dev --no-audit --no-fund >/dev/null"
# (@playwright/test may stay: it is also an optional peer of next, which npm keeps.)
for dev in vitest eslint; do
  [ ! -e "$dir/node_modules/$dev" ] || die "$dev was installed by npm ci --omit=dev"
done

export NETDIAG_ADMIN_USER=prod NETDIAG_ADMIN_PASSWORD="prod-$(node -e "process.stdout.write(require('crypto').randomBytes(12).toString('hex'))")"
log="$dir/server.log"
say "npm start as $USER_NAME on port $PORT"
as_user PORT="$PORT" NETDIAG_ADMIN_USER="$NETDIAG_ADMIN_USER" NETDIAG_ADMIN_PASSWORD="$NETDIAG_ADMIN_PASSWORD" NETDIAG_COLLECT_INTERVAL=0 \
  bash -c "cd '$dir' && exec npm start" >"$log" 2>&1 &
server=$!
stop() { pkill -u "$USER_NAME" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap 'stop; [ "${ok:-}" = 1 ] || tail -40 "$log" >&2' EXIT
wait_http "http://127.0.0.1:$PORT/api/health" 300 "$server"

node scripts/production-check.mjs "http://127.0.0.1:$PORT" "lab/state/$LAB_PREFIX/lab.json"
pid=$(ss -ltnpH "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
owner=$(ps -o user= -p "${pid:-0}" || true)
[ "$owner" = "$USER_NAME" ] || die "the process listening on $PORT runs as '${owner:-nobody found}', not $USER_NAME"
perms=$(stat -c '%U %a' "$dir/data/netdiag.db" "$dir/data/secret.key" | sort -u | tr '\n' ' ')
case $perms in "$USER_NAME 600 ") ;; *) die "data files are not private to $USER_NAME: $perms" ;; esac
say "The server ran as $USER_NAME; its database and key are $USER_NAME's, mode 600"

# The same built install on PostgreSQL: the suite's own server (scripts/pg.sh), a fresh database
# that `npm start` migrates from nothing. The unprivileged user needs no local rights on it.
stop
# (the stopped server's socket may outlive its process by a moment)
for _ in $(seq 50); do ss -ltnH "sport = :$PORT" | grep -q . || break; sleep 0.2; done
pg_url=$(bash scripts/pg.sh fresh)
say "npm start as $USER_NAME on PostgreSQL"
as_user PORT="$PORT" DATABASE_URL="$pg_url" NETDIAG_ADMIN_USER="$NETDIAG_ADMIN_USER" NETDIAG_ADMIN_PASSWORD="$NETDIAG_ADMIN_PASSWORD" NETDIAG_COLLECT_INTERVAL=0 \
  bash -c "cd '$dir' && exec npm start" >"$log" 2>&1 &
server=$!
wait_http "http://127.0.0.1:$PORT/api/health" 300 "$server"
node scripts/production-check.mjs "http://127.0.0.1:$PORT" "lab/state/$LAB_PREFIX/lab.json"
say "The production install ran on PostgreSQL too"

# A second web server on the same database (a failover pair): the tests asked through each
# share the hosts through pg-boss and the hosts' claims.
PORT2=$((PORT + 1))
log2="$dir/server2.log"
say "A second npm start on the same PostgreSQL, port $PORT2"
as_user PORT="$PORT2" DATABASE_URL="$pg_url" NETDIAG_ADMIN_USER="$NETDIAG_ADMIN_USER" NETDIAG_ADMIN_PASSWORD="$NETDIAG_ADMIN_PASSWORD" NETDIAG_COLLECT_INTERVAL=0 \
  bash -c "cd '$dir' && exec npm start" >"$log2" 2>&1 &
server2=$!
trap 'stop; wait "$server2" 2>/dev/null || true; [ "${ok:-}" = 1 ] || { tail -40 "$log" >&2; tail -40 "$log2" >&2 2>/dev/null; }' EXIT
wait_http "http://127.0.0.1:$PORT2/api/health" 300 "$server2"
node scripts/production-check-pair.mjs "http://127.0.0.1:$PORT" "http://127.0.0.1:$PORT2" "lab/state/$LAB_PREFIX/lab.json"
say "Two web servers on one PostgreSQL shared the iperf queue"

# A site's collector from the same install (only `npm ci --omit=dev`), as the README runs it.
clog="$dir/collector.log"
say "npm run collector as $USER_NAME on the same PostgreSQL"
as_user DATABASE_URL="$pg_url" NETDIAG_SITE=prod-far NETDIAG_COLLECT_INTERVAL=0 bash -c "cd '$dir' && exec npm run collector" >"$clog" 2>&1 &
collector=$!
deadline=$((SECONDS + 300))
until grep -q 'collector for site "prod-far" started (postgresql)' "$clog"; do
  kill -0 "$collector" 2>/dev/null || { cat "$clog" >&2; die "npm run collector exited before it started"; }
  [ $SECONDS -lt "$deadline" ] || { cat "$clog" >&2; die "npm run collector did not start within 300 s"; }
  sleep 0.2
done
pkill -TERM -u "$USER_NAME" -f "scripts/collector.ts"
wait "$collector" || { cat "$clog" >&2; die "npm run collector did not stop cleanly on SIGTERM"; }
grep -q 'collector stopping (SIGTERM)' "$clog" || die "npm run collector did not say it stopped"
say "npm run collector started and stopped cleanly as $USER_NAME"

if command -v systemd-analyze >/dev/null; then
  for unit in deploy/netdiag.service deploy/netdiag-collector.service; do
    systemd-analyze verify "$unit" || die "$unit does not verify"
  done
  say "deploy/netdiag.service and deploy/netdiag-collector.service verify"
fi
ok=1
