#!/usr/bin/env bash
# Generates both Prisma clients: lib/generated/prisma (SQLite, from prisma/schema) and
# lib/generated/prisma-pg (PostgreSQL, from prisma/postgres/schema). The app imports the one
# DATABASE_URL asks for; both exist so switching stores needs no rebuild of anything else.
# The CLI picks the schema by the URL's scheme (prisma.config.ts) and needs no server for this.
source "$(dirname "$0")/lib.sh"
# Quiet unless it fails: the CLI's banner on every run says nothing here.
gen() { local out; out=$("$@" 2>&1) || { printf '%s\n' "$out" >&2; return 1; }; }
gen env -u DATABASE_URL prisma generate
gen env DATABASE_URL=postgresql://generate@127.0.0.1:1/generate prisma generate
