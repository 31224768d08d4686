#!/usr/bin/env bash
# npm run bench [-- collect|year|all] (default all).
# collect: 50-host collection benchmark: netdiag's server against a baseline of 50 parallel
#   OpenSSH clients running the same commands, both measured in this one run. Then iperf3 on
#   one pair: netdiag's overhead per direction and its figure against iperf3 run by hand.
#   The lean collection is measured again with the server on PostgreSQL (scripts/pg.sh's own
#   server), against the same OpenSSH baseline measured again in that run; then the same hosts
#   swept on schedule by one `npm run collector` and by two sharing the sweep, then a simulated
#   inventory of BENCH_SIM_HOSTS (1,000) hosts, the lab's hosts registered over and over, swept
#   at several widths by one process and by two: where one process saturates (bench-sweep.ts).
# year: a year of five-minute history for 20 hosts, then its size on disk, page and chart
#   times for the 1-year range, and a collection and a findings evaluation against the same on
#   the empty database (scripts/bench-year.ts; about 15-25 minutes on 2 cores).
source "$(dirname "$0")/lib.sh"
need_root bench
part=${1:-all}
case $part in all | collect | year) ;; *) die "usage: npm run bench [-- collect|year|all]" ;; esac

export LAB_PREFIX=ndb LAB_OCTET=215
HOSTS=${BENCH_HOSTS:-50}
PORT=${BENCH_PORT:-3299}
dir="$ROOT/bench-results"
rm -rf "$dir"; mkdir -p "$dir"

bash scripts/setup.sh
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib prisma next.config.js -newer .next/BUILD_ID -not -path 'lib/generated/*' -print -quit)" ]; then
  say "Building"; next build >/dev/null
fi

server=""
stop_server() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  server=""
}
cleanup() {
  stop_server
  bash lab/lab.sh down >/dev/null 2>&1 || true
  bash scripts/pg.sh down >/dev/null 2>&1 || true
}
trap cleanup EXIT

export NETDIAG_ADMIN_USER=bench NETDIAG_ADMIN_PASSWORD="bench-$(node -e "process.stdout.write(require('crypto').randomBytes(12).toString('hex'))")"

collect_part() {

say "Starting a $HOSTS-host lab"
bash lab/lab.sh up --hosts "$HOSTS" --no-faults --profile lean --no-profile-hosts

export DATABASE_URL="file:$dir/netdiag.db" NETDIAG_DATA_DIR="$dir" NETDIAG_COLLECT_INTERVAL=0
prisma migrate deploy >/dev/null
next start -p "$PORT" -H 127.0.0.1 > "$dir/server.log" 2>&1 &
server=$!
wait_http "http://127.0.0.1:$PORT/api/health" 90 "$server"

node --conditions=react-server --import tsx scripts/bench.ts "http://127.0.0.1:$PORT" "$server" "lab/state/$LAB_PREFIX/lab.json"
# What DF probing costs by itself on these hosts (pure: the server's policy over a simulated day).
node --import tsx scripts/bench-probes.ts "lab/state/$LAB_PREFIX/lab.json"
stop_server

# The same server and hosts on PostgreSQL: a fresh database migrated by the CLI users run.
say "The same $HOSTS hosts, the server on PostgreSQL"
pg_url=$(bash scripts/pg.sh fresh)
DATABASE_URL="$pg_url" prisma migrate deploy >/dev/null
DATABASE_URL="$pg_url" next start -p "$PORT" -H 127.0.0.1 > "$dir/server-pg.log" 2>&1 &
server=$!
wait_http "http://127.0.0.1:$PORT/api/health" 90 "$server"
BENCH_IPERF=0 BENCH_LABEL="profile lean, PostgreSQL" node --conditions=react-server --import tsx scripts/bench.ts "http://127.0.0.1:$PORT" "$server" "lab/state/$LAB_PREFIX/lab.json"
stop_server
# The same hosts swept on schedule by `npm run collector`: one process, then two sharing it.
say "The same $HOSTS hosts swept by one collector, then by two sharing the sweep (PostgreSQL)"
DATABASE_URL="$pg_url" node --conditions=react-server --import tsx scripts/bench-sweep.ts "lab/state/$LAB_PREFIX/lab.json"
bash scripts/pg.sh down

next start -p "$PORT" -H 127.0.0.1 > "$dir/server.log" 2>&1 &
server=$!
wait_http "http://127.0.0.1:$PORT/api/health" 90 "$server"

# The same hosts as users have them: PAM on and a login shell that takes 0.5 s to start
# (lab/README.md, profile "slow"). Same host keys, so netdiag keeps its pins.
say "The same $HOSTS hosts with the slow profile (PAM, 0.5 s rc file)"
bash lab/lab.sh up --hosts "$HOSTS" --no-faults --profile slow
BENCH_IPERF=0 node --conditions=react-server --import tsx scripts/bench.ts "http://127.0.0.1:$PORT" "$server" "lab/state/$LAB_PREFIX/lab.json"
stop_server
}

year_part() {
  if [ "$part" = year ]; then
    say "Starting a 6-host lab (one of its hosts is collected for real)"
    bash lab/lab.sh up --hosts 6 --no-faults --profile lean --no-profile-hosts
  fi
  local ydir="$dir/year"
  mkdir -p "$ydir"
  # Housekeeping off in the server: the benchmark runs it itself, in simulated time.
  export DATABASE_URL="file:$ydir/netdiag.db" NETDIAG_DATA_DIR="$ydir" NETDIAG_COLLECT_INTERVAL=0 NETDIAG_HOUSEKEEPING_MINUTES=0
  prisma migrate deploy >/dev/null
  next start -p "$((PORT + 1))" -H 127.0.0.1 > "$ydir/server.log" 2>&1 &
  server=$!
  wait_http "http://127.0.0.1:$((PORT + 1))/api/health" 90 "$server"
  node --conditions=react-server --import tsx scripts/bench-year.ts "http://127.0.0.1:$((PORT + 1))" "lab/state/$LAB_PREFIX/lab.json"
  stop_server
}

if [ "$part" != year ]; then collect_part; fi
if [ "$part" != collect ]; then year_part; fi
