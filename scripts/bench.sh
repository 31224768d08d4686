#!/usr/bin/env bash
# 50-host collection benchmark: netdiag's server against a baseline of 50 parallel
# OpenSSH clients running the same commands, both measured in this one run. Then iperf3 on
# one pair: netdiag's overhead per direction and its figure against iperf3 run by hand.
source "$(dirname "$0")/lib.sh"
need_root bench

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
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  bash lab/lab.sh down >/dev/null 2>&1 || true
}
trap cleanup EXIT

say "Starting a $HOSTS-host lab"
bash lab/lab.sh up --hosts "$HOSTS" --no-faults --profile lean --no-profile-hosts

export DATABASE_URL="file:$dir/netdiag.db" NETDIAG_DATA_DIR="$dir" NETDIAG_COLLECT_INTERVAL=0
export NETDIAG_ADMIN_USER=bench NETDIAG_ADMIN_PASSWORD="bench-$(node -e "process.stdout.write(require('crypto').randomBytes(12).toString('hex'))")"
prisma migrate deploy >/dev/null
next start -p "$PORT" -H 127.0.0.1 > "$dir/server.log" 2>&1 &
server=$!
wait_http "http://127.0.0.1:$PORT/api/health" 90 "$server"

node --conditions=react-server --import tsx scripts/bench.ts "http://127.0.0.1:$PORT" "$server" "lab/state/$LAB_PREFIX/lab.json"
# What DF probing costs by itself on these hosts (pure: the server's policy over a simulated day).
node --import tsx scripts/bench-probes.ts "lab/state/$LAB_PREFIX/lab.json"

# The same hosts as users have them: PAM on and a login shell that takes 0.5 s to start
# (lab/README.md, profile "slow"). Same host keys, so netdiag keeps its pins.
say "The same $HOSTS hosts with the slow profile (PAM, 0.5 s rc file)"
bash lab/lab.sh up --hosts "$HOSTS" --no-faults --profile slow
BENCH_IPERF=0 node --conditions=react-server --import tsx scripts/bench.ts "http://127.0.0.1:$PORT" "$server" "lab/state/$LAB_PREFIX/lab.json"
