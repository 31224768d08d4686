#!/usr/bin/env bash
# Serves the production build for Playwright on a freshly migrated database.
source "$(dirname "$0")/../scripts/lib.sh"
PORT=$1
dir="$ROOT/test-results/e2e-server-$PORT"
rm -rf "$dir"; mkdir -p "$dir"
export DATABASE_URL="file:$dir/netdiag.db" NETDIAG_DATA_DIR="$dir" NETDIAG_COLLECT_INTERVAL=0
if [ "${NETDIAG_SCHEMA_DIRECT:-}" = 1 ]; then bash scripts/db-from-schema.sh "$dir/netdiag.db"; else prisma migrate deploy >/dev/null; fi
exec next start -p "$PORT" -H 127.0.0.1
