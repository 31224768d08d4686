#!/usr/bin/env bash
# Writes a migration for each engine: prisma/migrations/<timestamp>_<name>/migration.sql
# (SQLite) and prisma/postgres/migrations/<timestamp>_<name>/migration.sql (PostgreSQL), each
# the SQL that takes the schema as committed at HEAD to the schema in the working tree. First
# it regenerates prisma/postgres/schema from prisma/schema (scripts/pg-schema.mjs).
# Needed because `migrate dev` does not work with the JS schema engine here, and
# `migrate diff --from-migrations` fails on multi-statement migrations with the adapters.
# prisma/migrations.test.ts and tests/integration/postgres.pg.test.ts check afterwards that
# each engine's migrations equal its schema.
source "$(dirname "$0")/lib.sh"
name=${1:?usage: scripts/new-migration.sh NAME (e.g. add_findings)}
[[ $name =~ ^[a-z0-9_]+$ ]] || die "use lower-case letters, digits and _ in the name"
node scripts/pg-schema.mjs
base=$(mktemp -d); trap 'rm -rf "$base"' EXIT
git archive HEAD prisma/schema prisma/postgres/schema | tar -x -C "$base"
stamp=$(date -u +%Y%m%d%H%M%S)

# $1: the folder of migrations, $2: the schema folder, $3: a DATABASE_URL of that engine. The
# CLI picks its config by it; diffing two schema files changes no database, but the PostgreSQL
# adapter connects first, so that engine's diff uses the suite's private server (scripts/pg.sh).
write() {
  local dir="$1/${stamp}_$name" sql
  sql=$(DATABASE_URL=$3 prisma migrate diff --from-schema-datamodel "$base/$2" --to-schema-datamodel "$2" --script 2>&1) ||
    die "prisma migrate diff failed for $2: $sql"
  sql=$(grep -v '^Loaded Prisma config\|^Prisma config detected' <<<"$sql")
  grep -q '[A-Z]' <<<"$(grep -v '^--' <<<"$sql")" || die "the schema has not changed since HEAD"
  mkdir -p "$dir"
  printf '%s\n' "$sql" > "$dir/migration.sql"
  say "wrote $dir/migration.sql"
}
write prisma/migrations prisma/schema "file:./data/netdiag.db"
write prisma/postgres/migrations prisma/postgres/schema "$(bash scripts/pg.sh up)"
