#!/usr/bin/env bash
# Development aid while a schema change has no migration yet: creates the SQLite file
# $1 straight from prisma/schema (the same SQL `db push` would run, without its minute of
# network look-ups). Used by the test setups when NETDIAG_SCHEMA_DIRECT=1. Releases
# always use migrations (prisma/migrations.test.ts fails until they match the schema).
source "$(dirname "$0")/lib.sh"
file=${1:?usage: scripts/db-from-schema.sh DBFILE}
rm -f "$file"
prisma migrate diff --from-empty --to-schema-datamodel prisma/schema --script 2>/dev/null \
  | node -e 'const D=require("better-sqlite3");const db=new D(process.argv[1]);let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{db.exec(s);db.close();})' "$file"
