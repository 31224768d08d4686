#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema
# as committed at HEAD to the schema in the working tree. Needed because `migrate dev`
# does not work with the JS schema engine here, and `migrate diff --from-migrations`
# fails on multi-statement migrations with the better-sqlite3 adapter.
# prisma/migrations.test.ts checks afterwards that the migrations equal the schema.
source "$(dirname "$0")/lib.sh"
name=${1:?usage: scripts/new-migration.sh NAME (e.g. add_findings)}
[[ $name =~ ^[a-z0-9_]+$ ]] || die "use lower-case letters, digits and _ in the name"
base=$(mktemp -d); trap 'rm -rf "$base"' EXIT
git archive HEAD prisma/schema | tar -x -C "$base"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
sql=$(prisma migrate diff --from-schema-datamodel "$base/prisma/schema" --to-schema-datamodel prisma/schema --script 2>/dev/null)
grep -q '[A-Z]' <<<"$(grep -v '^--' <<<"$sql")" || die "the schema has not changed since HEAD"
mkdir -p "$dir"
printf '%s\n' "$sql" > "$dir/migration.sql"
say "wrote $dir/migration.sql"
