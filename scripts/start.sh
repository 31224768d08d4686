#!/usr/bin/env bash
# Production server on the embedded SQLite: migrations first, then listen on $PORT.
# Needs only `npm ci --omit=dev` (no root, no dev dependencies); builds once if not built yet.
source "$(dirname "$0")/lib.sh"
[ -d node_modules/next ] || die "no dependencies installed: run 'npm ci --omit=dev' (a server) or 'npm ci' first"
ensure_prisma_clients
if [ ! -f .next/BUILD_ID ]; then
  say "No production build yet: building"
  NODE_ENV=production next build
fi
say "Applying database migrations"
# The database holds the SSH credentials: never created readable by others.
(umask 077 && prisma migrate deploy)
exec next start -p "${PORT:-3000}"
