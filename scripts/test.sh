#!/usr/bin/env bash
# The whole suite, as CI runs it: lint, unit tests, integration tests against a private lab
# instance over real SSH, a production build, and Playwright e2e in Debian's Chromium.
source "$(dirname "$0")/lib.sh"
need_root test

# The suite's own lab instance, so a running demo (nd, 10.213/16) is never disturbed.
export LAB_PREFIX=ndt LAB_OCTET=214
export NODE_ENV=test NETDIAG_COLLECT_INTERVAL=0
OUT="$ROOT/test-results"
rm -rf "$OUT"; mkdir -p "$OUT"

bash scripts/setup.sh

failed=()
stage() {
  local name=$1; shift
  say "$name"
  if ! "$@"; then failed+=("$name"); fi
}

cleanup() {
  bash lab/lab.sh down >/dev/null 2>&1 || true
  bash scripts/pg.sh down >/dev/null 2>&1 || true
}
trap cleanup EXIT

stage "lint" eslint --max-warnings=0 .
stage "type-check" tsc --noEmit
stage "unit tests" vitest run --project unit --reporter=default --reporter=json --outputFile.json="$OUT/unit.json"
stage "lab up" bash lab/lab.sh up --profile-hosts
stage "integration tests (SQLite)" vitest run --project integration --reporter=default --reporter=json --outputFile.json="$OUT/integration.json"
# The same suite again on PostgreSQL, on the suite's own server (scripts/pg.sh).
stage "PostgreSQL up" bash scripts/pg.sh up
stage "integration tests (PostgreSQL)" vitest run --project integration-pg --reporter=default --reporter=json --outputFile.json="$OUT/integration-pg.json"
stage "build" env NODE_ENV=production next build
stage "e2e tests" playwright test
# The README's server install, without root or dev dependencies, against the same lab.
stage "production install (non-root)" bash scripts/test-production.sh

node scripts/test-summary.mjs "$OUT" "${failed[@]}"
