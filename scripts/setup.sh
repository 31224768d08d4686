#!/usr/bin/env bash
# Installs what netdiag needs and is safe to run any number of times:
# Debian packages (as root), npm dependencies, the generated Prisma client.
source "$(dirname "$0")/lib.sh"

DEBS=(openssh-server openssh-client iperf3 iproute2 iputils-ping ethtool chromium procps python3 make g++ perl zsh fish tcsh busybox python3-aiosmtpd prometheus postgresql)
missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if is_root; then
    say "Installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # The suite starts its own Prometheus on a random loopback port when it needs one: the
    # daemon the package enables on :9090 was not asked for, so one installed just now is stopped.
    if [[ " ${missing[*]} " == *" prometheus "* ]] && [ -d /run/systemd/system ]; then
      systemctl disable --now prometheus >/dev/null 2>&1 || true
    fi
    # Likewise PostgreSQL: the suite runs its own cluster (scripts/pg.sh); the package's main
    # cluster on :5432 is a server nobody configured, so it is stopped and not started at boot.
    if [[ " ${missing[*]} " == *" postgresql "* ]]; then
      if [ -d /run/systemd/system ]; then systemctl disable --now postgresql >/dev/null 2>&1 || true; fi
      pg_ctlcluster --force "$(ls /usr/lib/postgresql | sort -V | tail -1)" main stop >/dev/null 2>&1 || true
    fi
  else
    echo "warning: missing Debian packages (${missing[*]}); run as root to install them" >&2
  fi
fi
# sshd's privilege-separation directory; systemd normally creates it, containers often don't.
is_root && mkdir -p /run/sshd && chmod 0755 /run/sshd

# npm ci only when package-lock.json changed since the last install.
stamp=node_modules/.netdiag-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "Installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
  # npm 10 runs every install script; npm 11 runs only those approved in package.json.
  # Either way the native addons must exist: build them if an old npm skipped them.
  [ -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ] || npm rebuild better-sqlite3
  echo "$want" > "$stamp"
fi

say "Generating the Prisma clients (SQLite, PostgreSQL)"
bash scripts/prisma-generate.sh
