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
# The database holds the SSH credentials: never created readable by others.
(umask 077 && prisma migrate deploy >/dev/null)

# The demo's admin account: created at first start from these variables; the password is
# generated once and kept (mode 0600) so a second run logs in with the same one.
cred="${NETDIAG_DATA_DIR:-data}/demo-admin-password"
if [ -z "${NETDIAG_ADMIN_PASSWORD:-}" ]; then
  mkdir -p "$(dirname "$cred")"
  [ -s "$cred" ] || (umask 077; node -e "process.stdout.write(require('crypto').randomBytes(15).toString('base64url'))" > "$cred")
  NETDIAG_ADMIN_PASSWORD=$(cat "$cred")
fi
export NETDIAG_ADMIN_USER=${NETDIAG_ADMIN_USER:-admin} NETDIAG_ADMIN_PASSWORD

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
  Log in as:           $NETDIAG_ADMIN_USER / $NETDIAG_ADMIN_PASSWORD
                       (if this data directory had an account already, its own password still applies)
  The lab stays up after you stop the server (Ctrl-C); remove it with: npm run lab -- down

MSG
wait "$server"
