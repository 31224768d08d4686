# Shared by the npm scripts. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$PATH"
# Prisma must never try to fetch engines or generate on its own during install.
export PRISMA_SKIP_POSTINSTALL_GENERATE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
export NEXT_TELEMETRY_DISABLED=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

need_root() {
  is_root && return 0
  cat >&2 <<MSG
netdiag's $1 needs root: the lab builds real hosts in network namespaces and
bridges, which only root can create. Run it as root, for example:

    sudo npm run $1

MSG
  exit 1
}

# Waits for an HTTP URL to answer 200, polling (no fixed sleeps as synchronisation).
wait_http() {
  local url=$1 timeout_s=${2:-60} pid=${3:-}
  local deadline=$((SECONDS + timeout_s))
  until node -e "fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "$url"; do
    [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && die "the server exited before answering $url"
    [ $SECONDS -ge $deadline ] && die "no answer from $url after ${timeout_s}s"
    sleep 0.3
  done
}

# The Prisma clients, generated on the first start of an install (lib/generated is not committed).
ensure_prisma_clients() {
  if [ ! -d lib/generated/prisma ] || [ ! -d lib/generated/prisma-pg ]; then
    say "Generating the Prisma clients"
    bash scripts/prisma-generate.sh
  fi
}
