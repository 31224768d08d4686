#!/usr/bin/env bash
# Production server on the embedded SQLite: migrations first, then listen on $PORT.
source "$(dirname "$0")/lib.sh"
[ -d node_modules ] && [ -d lib/generated/prisma ] || bash scripts/setup.sh
if [ ! -f .next/BUILD_ID ]; then
  say "No production build yet: building"
  next build
fi
say "Applying database migrations"
# The database holds the SSH credentials: never created readable by others.
(umask 077 && prisma migrate deploy)
exec next start -p "${PORT:-3000}"
