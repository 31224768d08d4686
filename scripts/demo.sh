#!/usr/bin/env bash
# One command for a fresh machine: install, build, start the lab, start netdiag, register
# the lab's hosts, collect them, and keep serving the dashboard until Ctrl-C.
source "$(dirname "$0")/lib.sh"
need_root demo

PORT=${PORT:-3000}
export LAB_PREFIX=${LAB_PREFIX:-nd} LAB_OCTET=${LAB_OCTET:-213}

bash scripts/setup.sh

# Rebuild only when sources are newer than the last build.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib prisma next.config.js package-lock.json -newer .next/BUILD_ID -not -path 'lib/generated/*' -print -quit)" ]; then
  say "Building the dashboard"
  next build
fi

say "Starting the lab ($LAB_PREFIX, 10.$LAB_OCTET.0.0/16)"
bash lab/lab.sh up

say "Applying database migrations"
prisma migrate deploy >/dev/null

if node -e "fetch('http://127.0.0.1:$PORT/api/health').then(()=>process.exit(0),()=>process.exit(1))"; then
  die "something already answers on port $PORT; stop it or run with PORT=another-port npm run demo"
fi

say "Starting netdiag on port $PORT"
next start -p "$PORT" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT INT TERM
wait_http "http://127.0.0.1:$PORT/api/health" 90 "$server"

say "Registering the lab's hosts and collecting them"
node scripts/demo-register.mjs "http://127.0.0.1:$PORT" "lab/state/$LAB_PREFIX/lab.json"

cat <<MSG

  netdiag is running:  http://localhost:$PORT
  The lab stays up after you stop the server (Ctrl-C); remove it with: npm run lab -- down

MSG
wait "$server"
