#!/usr/bin/env bash
# npm run collector: a site's collector (scripts/collector.ts) from an install with only
# `npm ci --omit=dev` done, like `npm start` for the server: the Prisma clients are generated
# on the first start. Migrations are the web server's to apply: a collector only reads and
# writes the schema the server keeps.
source "$(dirname "$0")/lib.sh"
[ -d node_modules/tsx ] || die "no dependencies installed: run 'npm ci --omit=dev' (a collector) or 'npm ci' first"
ensure_prisma_clients
exec node --conditions=react-server --import tsx scripts/collector.ts
