#!/usr/bin/env bash
# netdiag test lab: real Linux hosts in network namespaces, each with its own sshd.
# See lab/README.md. Usage: sudo npm run lab -- <up|down|status|...>
# Single-quoted sh -c scripts below expand their own "$@" on purpose:
# shellcheck disable=SC2016
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: lab.sh <command> [options]          (as root: sudo npm run lab -- <command>)

  up [--hosts N] [--faults LIST | --no-faults] [--profile NAME] [--host-profile h3=zsh,...]
     [--profile-hosts [LIST|all] | --no-profile-hosts]
        Create or repair the lab. N >= 6 (default 8, max 243; jumbopair needs 8). LIST is
        comma-separated from dupmac,jumbo,shaped,jumbopair,secip (default: all). While an instance is up, `up` without
        options keeps its current host count, faults and profiles.
        Host profiles (what logging in is like; default lean = as always):
          lean debian pam slow banner user zsh fish tcsh maxsessions1 hardened hostile
        --profile NAME: every host h1..hN. --host-profile: per-host overrides among h1..hN
        (none: no overrides). --profile-hosts: one extra host per profile (default: every
        profile but lean) on its own segment D (10.O.30.0/24), h(N+1)... `hostile` (commands
        that print garbage, see hostile MODE) is a profile host only.
  down [--purge]
        Stop every process in the lab's namespaces, remove namespaces, bridges, veths.
        Keeps lab/state/<prefix>/ (client key, host keys); --purge deletes it too.
  status [--json]        Table of hosts (live), or lab.json plus live fields.
  sshd-stop HOST         Stop that host's sshd (listener; open sessions stay).
  sshd-start HOST        Start it again.
  rekey HOST [--restore] New SSH host key + sshd restart; --restore puts the original back.
  exec HOST [--] CMD...  Run CMD in the host's namespace (with its hostname).
  hide-iperf HOST [--restore]
                         Make iperf3 "not installed" for that host's SSH sessions only.
  replay HOST SET|--off  That host's commands of another platform (esxcli, dladm, netsh …)
                         answer with real captures: lab/replay/SET (see lab/replay/README.md).
  hostile HOST [MODE]    A `hostile` host's commands print MODE's garbage (lab/hostile.sh) or
                         its kernel holds MODE's interfaces and neighbors; without MODE, print
                         the current one. Modes: off long-line binary deep-json proto counters
                         many metachar metachar-down endless

HOST is h3, 3 or <prefix>-h3.
Environment: LAB_PREFIX (default nd), LAB_OCTET (default 213): instance nd uses 10.213.0.0/16.
EOF
}

case "${1:-}" in
  "" ) usage >&2; exit 1 ;;
  -h | --help | help ) usage; exit 0 ;;
esac

if [[ $EUID -ne 0 ]]; then
  cat >&2 <<'EOF'
lab: the test lab needs root: it creates network namespaces, bridges and veth pairs and
runs an sshd inside each namespace. Nothing was changed.
Run it as root, for example:
    sudo npm run lab -- up
    sudo bash lab/lab.sh up
EOF
  exit 1
fi

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PREFIX=${LAB_PREFIX:-nd}
OCTET=${LAB_OCTET:-213}

die() { printf 'lab[%s]: error: %s\n' "$PREFIX" "$*" >&2; exit 1; }
warn() { printf 'lab[%s]: warning: %s\n' "$PREFIX" "$*" >&2; }
say() { printf 'lab[%s]: %s\n' "$PREFIX" "$*"; }

[[ $PREFIX =~ ^[a-z][a-z0-9]{0,8}$ ]] ||
  die "LAB_PREFIX='$PREFIX': use 1-9 lower-case letters/digits, starting with a letter (Linux interface names are at most 15 chars, e.g. '$PREFIX-h243b')"

STATE=$LAB_DIR/state/$PREFIX
# A running instance is identified by its prefix: without LAB_OCTET, use its octet.
if [[ -z ${LAB_OCTET:-} && -f $STATE/instance.env ]]; then
  _o=$(sed -n 's/^OCTET=\([0-9]\{1,3\}\)$/\1/p' "$STATE/instance.env")
  [[ -n $_o ]] && OCTET=$_o
fi
[[ $STATE =~ ^[A-Za-z0-9_./+-]+$ ]] || die "the lab directory path '$STATE' must not contain spaces or special characters (sshd config)"
[[ $OCTET =~ ^[0-9]{1,3}$ ]] || die "LAB_OCTET='$OCTET': must be 0-255 (the lab uses 10.<LAB_OCTET>.0.0/16)"
((10#$OCTET <= 255)) || die "LAB_OCTET='$OCTET': must be 0-255 (the lab uses 10.<LAB_OCTET>.0.0/16)"
OCTET=$((10#$OCTET))
HOSTS_DIR=$STATE/hosts
LOG_DIR=$STATE/logs
RUN_DIR=$STATE/run
INSTANCE_ENV=$STATE/instance.env
LAB_JSON=$STATE/lab.json
CLIENT_KEY=$STATE/id_ed25519
AUTH_KEYS=$STATE/authorized_keys
# The PAM profiles run sshd with OpenSSH's StrictModes (yes): the keys file and every directory
# above it must not be group- or world-writable, which a clone under /tmp (mode 1777) breaks. So
# those hosts read a copy from a root-owned place outside the checkout (removed by 'down').
STRICT_KEYS_DIR=/etc/ssh/netdiag-lab/$PREFIX
STRICT_AUTH_KEYS=$STRICT_KEYS_DIR/authorized_keys
KNOWN_HOSTS=$STATE/known_hosts
SSH_CONFIG=$STATE/ssh_config
CMDLOG=$LAB_DIR/sshd-cmdlog.sh

BR_A=$PREFIX-br0
BR_B=$PREFIX-br10
BR_C=$PREFIX-br20
NET_A=10.$OCTET.1
NET_B=10.$OCTET.10
NET_C=10.$OCTET.20
NET_D=10.$OCTET.30 # profile hosts (--profile-hosts), bridge $PREFIX-br30
OH=$(printf %02x "$OCTET")
SHAPED_RATE_MBIT=300
JUMBO_MTU=9000
ALL_FAULTS=(dupmac jumbo shaped jumbopair secip)
# jumbopair: these two hosts get eth1 at MTU 9000 on segment C, whose bridge and ports stay 1500.
JUMBOPAIR=(7 8)
# secip: this host's eth0 also holds 10.O.1.(100+I)/24 (a secondary address on one NIC: benign).
SECIP_HOST=2
MAX_HOSTS=243
# Neighbor entries on lab interfaces outlive the kernel's periodic GC (which kicks in once
# the machine-wide ARP table holds > gc_thresh1 entries): 14 days, per lab device only.
NEIGH_STALE_SECS=1209600
# Machine-wide ARP-table thresholds are raised (and restored on the last `down`) only when
# a big lab would not fit; the bookkeeping lives here (tmpfs: cleared with the sysctls on reboot).
GC_DIR=/run/netdiag-lab

HOSTS=8
FAULTS=dupmac,jumbo,shaped,jumbopair,secip

# ---------------------------------------------------------------- host profiles
# What a host is like to log into (see lab/README.md, "Host profiles"). `lean` is the lab as
# it always was; the others are like users' hosts. Attributes: login user (root, or a
# non-root user of this instance), login shell, sshd config (the lab's lean one, or
# Debian's stock settings with PAM), systemd booted in the host, MaxSessions, rc extras.
ALL_PROFILES=(lean debian pam slow banner user zsh fish tcsh maxsessions1 hardened hostile)
# `hostile`: a lean host in one of HOSTILE_MODES (`hostile HOST MODE`). Output no kernel can
# produce (multi-MB lines, binary, deep JSON, counters above 2^64, endless output) comes from
# shims running lab/hostile.sh; the rest is real kernel state made by hostile_net: a NIC whose
# name is shell syntax, and for `many` 3,000 interfaces and 50,000 neighbor entries.
HOSTILE_MODES=(off long-line binary deep-json proto counters many metachar metachar-down endless)
HOSTILE_SH=$LAB_DIR/hostile.sh
# Linux takes any name under 16 bytes without '/', ':' or white space. Pasted unquoted into a
# shell this runs `id` twice, which is harmless and shows in the output.
HOSTILE_IF='m;$(id)|`id`x'
HOSTILE_PEER=mpeer # its veth peer in the same host: down = NO-CARRIER on HOSTILE_IF
HOSTILE_GROUP=77   # link group of `many`'s veths: one `ip link del group` removes them all
HOSTILE_PAIRS=1498 # + lo, eth0, HOSTILE_IF and its peer = 3,000 interfaces
HOSTILE_NEIGHBORS=50000
HOSTILE_CPU_PERCENT=50 # of one core, for all of the host's processes (hostile_cpu)
PROFILE=lean    # --profile: every host h1..hN
HOST_PROFILES="" # --host-profile h3=zsh,...: overrides among h1..hN
PROFILE_HOSTS="" # --profile-hosts: extra hosts h(N+1).., one per profile, on segment D
BR_D=$PREFIX-br30
# Lab users are machine-wide (/etc/passwd is shared): <prefix>-<kind>, marked by this comment
# (GECOS), created by `up` when a profile needs them and deleted by `down`.
USER_MARK="netdiag lab $PREFIX"
USER_KINDS=(user zsh fish tcsh)
CGROUP_NAME=netdiag-lab # systemd hosts: cgroup <root>/netdiag-lab-<host> per container

now() { printf '%s' "$EPOCHREALTIME"; }
T_START=$EPOCHREALTIME
phase() { # LAB_TIMING=1 prints how long each step of `up` took
  if [[ ${LAB_TIMING:-0} == 1 ]]; then printf 'lab[%s]: %6.2fs %s\n' "$PREFIX" "$(elapsed "$T_START")" "$*" >&2; fi
}
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# mac KIND SEGMENT INDEX: 02:<octet>:<kind>:<segment>:00:<index>. kind 00 = host NIC,
# 80 = root-side veth end (bridge port). Segment 01 = A, 0a = B.
mac() { printf '02:%s:%02x:%02x:00:%02x' "$OH" "$1" "$2" "$3"; }
BR_A_MAC=$(mac 0 1 254)
BR_B_MAC=$(mac 0 10 254)
BR_C_MAC=$(mac 0 20 254)
BR_D_MAC=$(mac 0 30 254)
seg_code() { case $1 in A) echo 1 ;; B) echo 10 ;; C) echo 20 ;; D) echo 30 ;; esac; }
in_jumbopair() { has_fault jumbopair && [[ " ${JUMBOPAIR[*]} " == *" $1 "* ]]; }

has_fault() { [[ ,$FAULTS, == *,"$1",* ]]; }
hname() { printf '%s-h%s' "$PREFIX" "$1"; }

# profile_set NAME: the attributes of profile NAME in P_* (returns 1 for an unknown name).
#   P_USER login user, P_SHELL login shell, P_HOME its home inside the host, P_SSHD lean|debian
#   (sshd_config), P_SYSTEMD 1 = the host boots systemd (logind: pam_systemd works),
#   P_MAXSESS MaxSessions, P_SLOW / P_BANNER rc-file extras.
profile_set() {
  P_USER=root P_SHELL=/bin/bash P_HOME=/root P_SSHD=lean P_SYSTEMD=0 P_MAXSESS=32 P_SLOW=0 P_BANNER=0 P_HOSTILE=0
  case $1 in
    lean) ;;
    debian) P_SSHD=debian P_SYSTEMD=1 P_MAXSESS=10 ;;
    pam) P_SSHD=debian P_MAXSESS=10 ;;
    slow) P_SSHD=debian P_MAXSESS=10 P_SLOW=1 ;;
    banner) P_BANNER=1 ;;
    user) P_USER=$PREFIX-user ;;
    zsh) P_USER=$PREFIX-zsh P_SHELL=/usr/bin/zsh ;;
    fish) P_USER=$PREFIX-fish P_SHELL=/usr/bin/fish ;;
    tcsh) P_USER=$PREFIX-tcsh P_SHELL=/usr/bin/tcsh ;;
    maxsessions1) P_MAXSESS=1 ;;
    hardened) P_USER=$PREFIX-zsh P_SHELL=/usr/bin/zsh P_SSHD=debian P_MAXSESS=1 P_SLOW=1 P_BANNER=1 ;;
    hostile) P_HOSTILE=1 ;;
    *) return 1 ;;
  esac
  [[ $P_USER == root ]] || P_HOME=/home/$P_USER
  return 0
}
# user_shell KIND: the login shell of lab user <prefix>-KIND
user_shell() { case $1 in zsh | fish | tcsh) echo "/usr/bin/$1" ;; *) echo /bin/bash ;; esac; }
is_profile() { local p; for p in "${ALL_PROFILES[@]}"; do [[ $p == "$1" ]] && return 0; done; return 1; }

# compute_profiles: TOTAL (h1..hN plus the profile hosts) and, per host index, HP (profile),
# HUSER (login user), HSYS (1 = systemd host). Call after HOSTS/PROFILE/... are final.
compute_profiles() {
  local i k v list=()
  HP=() HUSER=() HSYS=()
  TOTAL=$HOSTS
  for ((i = 1; i <= HOSTS; i++)); do HP[i]=$PROFILE; done
  [[ $PROFILE == hostile ]] && for ((i = 1; i <= HOSTS; i++)); do HP[i]=lean; done
  IFS=, read -r -a list <<<"$HOST_PROFILES"
  for k in "${list[@]}"; do
    v=${k#*=}
    k=${k%%=*}
    k=${k#h}
    [[ $k =~ ^[0-9]+$ ]] && ((10#$k >= 1 && 10#$k <= HOSTS)) && [[ $v != hostile ]] && HP[10#$k]=$v
  done
  IFS=, read -r -a list <<<"$PROFILE_HOSTS"
  for v in "${list[@]}"; do
    TOTAL=$((TOTAL + 1))
    HP[TOTAL]=$v
  done
  for ((i = 1; i <= TOTAL; i++)); do
    profile_set "${HP[i]}" || die "unknown profile '${HP[i]}' for $(hname "$i") (known: ${ALL_PROFILES[*]})"
    HUSER[i]=$P_USER
    HSYS[i]=$P_SYSTEMD
  done
}
host_index() { local n=${1#"$PREFIX"-h}; echo "$n"; }
is_systemd_host() { [[ ${HSYS[$(host_index "$1")]:-0} == 1 ]]; }
has_profile_hosts() { ((TOTAL > HOSTS)); }
# needed_users: the lab users (<prefix>-KIND) some host of this configuration logs in as
needed_users() {
  local i out=" "
  for ((i = 1; i <= TOTAL; i++)); do
    [[ ${HUSER[i]} == root || $out == *" ${HUSER[i]} "* ]] || out+="${HUSER[i]} "
  done
  echo "$out"
}

# host_ifaces I: one line per NIC of host I: "ifname segment mac mtu cidr bridge-port"
host_ifaces() {
  local i=$1 mtu=1500
  if ((i > HOSTS)); then # a profile host: one NIC on segment D, no faults
    echo "eth0 D $(mac 0 30 "$i") 1500 $NET_D.$((10 + i))/24 $PREFIX-h${i}d"
    return 0
  fi
  if ((i == 3)) && has_fault jumbo; then mtu=$JUMBO_MTU; fi
  echo "eth0 A $(mac 0 1 "$i") $mtu $NET_A.$((10 + i))/24 $PREFIX-h${i}a"
  if ((i == 5)) && has_fault dupmac; then
    echo "eth1 B $(mac 0 1 5) 1500 $NET_B.15/24 $PREFIX-h5b" # same MAC as eth0: the fault
  fi
  if ((i == 6)); then
    echo "eth1 B $(mac 0 10 6) 1500 $NET_B.16/24 $PREFIX-h6b" # h6 is always dual-homed
  fi
  if in_jumbopair "$i"; then
    echo "eth1 C $(mac 0 20 "$i") $JUMBO_MTU $NET_C.$((10 + i))/24 $PREFIX-h${i}c" # bridge port stays 1500: the fault
  fi
}

# host_ipv6 I: "ifname cidr" of host I's unique-local IPv6 address (the jumbo pair's segment C
# carries IPv6 too, so the DF probes' IPv6 path has a real fault to find), or nothing
host_ipv6() {
  if in_jumbopair "$1"; then echo "eth1 fd00:$OCTET:20::$((10 + $1))/64"; fi
}

# host_secondary I: "ifname cidr" of host I's secondary address (secip), or nothing
host_secondary() {
  if (($1 == SECIP_HOST && $1 <= HOSTS)) && has_fault secip; then echo "eth0 $NET_A.$((100 + $1))/24"; fi
}

host_roles() {
  local i=$1 r=()
  ((i > HOSTS)) && { echo; return 0; }
  if ((i == 3)) && has_fault jumbo; then r+=(jumbo); fi
  if ((i == 4)) && has_fault shaped; then r+=(shaped); fi
  if ((i == 5)) && has_fault dupmac; then r+=(dupmac-owner); fi
  if ((i == 6)) && has_fault dupmac; then r+=(dupmac-observer); fi
  if in_jumbopair "$i"; then r+=(jumbo-pair); fi
  if ((i == SECIP_HOST)) && has_fault secip; then r+=(secondary-ip); fi
  echo "${r[*]}"
}

load_instance() {
  # Sets HOSTS/FAULTS from the running instance; returns 1 when there is none.
  [[ -f $INSTANCE_ENV ]] || return 1
  local k v o=""
  while IFS='=' read -r k v; do
    case $k in
      HOSTS) [[ $v =~ ^[0-9]+$ ]] && HOSTS=$v ;;
      FAULTS) [[ $v =~ ^[a-z,]*$ ]] && FAULTS=$v ;;
      PROFILE) is_profile "$v" && PROFILE=$v ;;
      HOST_PROFILES) [[ $v =~ ^[a-z0-9=,]*$ ]] && HOST_PROFILES=$v ;;
      PROFILE_HOSTS) [[ $v =~ ^[a-z0-9,]*$ ]] && PROFILE_HOSTS=$v ;;
      OCTET) o=$v ;;
    esac
  done <"$INSTANCE_ENV"
  if [[ -n $o && $o != "$OCTET" ]]; then
    die "instance '$PREFIX' is up with LAB_OCTET=$o; use LAB_OCTET=$o (or run 'down' first)"
  fi
  compute_profiles
}

require_up() {
  load_instance || die "instance '$PREFIX' is not up (run: sudo npm run lab -- up)"
}

# resolve_host ARG -> sets HI (index), HN (name)
resolve_host() {
  local a=${1:-}
  [[ -n $a ]] || die "missing HOST (h3, 3 or $PREFIX-h3)"
  a=${a#"$PREFIX"-}
  a=${a#h}
  [[ $a =~ ^[0-9]+$ ]] || die "unknown host '$1' (use h3, 3 or $PREFIX-h3)"
  HI=$((10#$a))
  ((HI >= 1 && HI <= TOTAL)) || die "no host '$1' in instance '$PREFIX' (hosts h1..h$TOTAL)"
  HN=$(hname "$HI")
}

lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w 300 9 || die "another lab command for '$PREFIX' is still running"
}

# ---------------------------------------------------------------- address overlap check
ip2int() {
  local IFS=. a b c d
  read -r a b c d <<<"$1"
  echo $(((a << 24) | (b << 16) | (c << 8) | d))
}
# overlap_len CIDR OCT: prints the prefix length if CIDR overlaps 10.OCT.0.0/16, else nothing
overlap_len() {
  local net=${1%/*} len=32
  [[ $1 == */* ]] && len=${1#*/}
  [[ $net =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || return 0
  local l=$((len < 16 ? len : 16)) mask
  mask=$(((0xffffffff << (32 - l)) & 0xffffffff))
  if ((l == 0)); then mask=0; fi
  if ((($(ip2int "$net") & mask) == ($(ip2int "10.$2.0.0") & mask))); then echo "$len"; fi
}
is_own_dev() { [[ $1 == "$BR_A" || $1 == "$BR_B" || $1 == "$BR_C" || $1 == "$BR_D" ]]; }

# collisions OCT: prints "hit <what>" / "broad <what>" for everything on this machine
# (root namespace addresses and routes of all tables) overlapping 10.OCT.0.0/16
collisions() {
  local oct=$1 line dev cidr len tok dest
  while read -r _ dev _ cidr _; do
    dev=${dev%%@*}
    is_own_dev "$dev" && continue
    len=$(overlap_len "$cidr" "$oct")
    [[ -n $len ]] && echo "hit address $cidr on $dev"
  done < <(ip -o -4 addr show)
  while read -r line; do
    # shellcheck disable=SC2086
    set -- $line
    dest=$1
    case $dest in unicast | local | broadcast | multicast | anycast | unreachable | blackhole | prohibit | throw | nat) dest=${2:-} ;; esac
    [[ $dest == default || -z $dest ]] && continue
    dev=""
    while (($#)); do
      tok=$1
      shift
      if [[ $tok == dev ]]; then dev=${1:-}; break; fi
    done
    [[ -n $dev ]] && is_own_dev "$dev" && continue
    len=$(overlap_len "$dest" "$oct")
    [[ -z $len ]] && continue
    if ((len >= 16)); then echo "hit route $line"; else echo "broad route $line"; fi
  done < <(ip -4 route show table all)
  return 0
}

check_overlap() {
  local found hits broad o suggest=""
  found=$(collisions "$OCTET")
  hits=$(sed -n 's/^hit //p' <<<"$found")
  broad=$(sed -n 's/^broad //p' <<<"$found")
  if [[ -n $hits ]]; then
    printf 'lab[%s]: error: 10.%s.0.0/16 is already in use on this machine:\n' "$PREFIX" "$OCTET" >&2
    printf '    %s\n' "${hits//$'\n'/$'\n'    }" >&2
    for o in $(seq 200 254) $(seq 100 199); do
      if ! collisions "$o" | grep -q '^hit '; then suggest=$o; break; fi
    done
    if [[ -n $suggest ]]; then
      printf 'Pick another range with LAB_OCTET, e.g.: sudo LAB_PREFIX=%s LAB_OCTET=%s npm run lab -- up\n' "$PREFIX" "$suggest" >&2
    else
      printf 'Pick another range with LAB_OCTET (0-255).\n' >&2
    fi
    exit 1
  fi
  if [[ -n $broad ]]; then
    warn "a broader route covers 10.$OCTET.0.0/16; the lab's more specific /24 routes win for 10.$OCTET.1.0/24 and 10.$OCTET.10.0/24:"
    printf '    %s\n' "${broad//$'\n'/$'\n'    }" >&2
  fi
}

# ---------------------------------------------------------------- machine-wide ARP table
arp_entries() {
  local hex
  read -r hex _ < <(sed -n 2p /proc/net/stat/arp_cache)
  echo $((16#$hex))
}
neigh_gc_ensure() { # $1 = entries this instance needs
  local need=$1 cur t1 t2 t3 want new2 new3 own
  cur=$(arp_entries)
  # on a re-up most of our own entries already exist: don't count them twice
  own=$(lab_namespaces | wc -l)
  own=$((own * (own + 1)))
  ((own > cur)) && own=$cur
  cur=$((cur - own))
  t1=$(</proc/sys/net/ipv4/neigh/default/gc_thresh1)
  t2=$(</proc/sys/net/ipv4/neigh/default/gc_thresh2)
  t3=$(</proc/sys/net/ipv4/neigh/default/gc_thresh3)
  want=$((cur + need))
  if ((want * 5 / 4 <= t2)); then
    # It fits, maybe only because another lab raised the limits: count this lab among their
    # users, or that lab's 'down' would restore them under this one.
    [[ -f $GC_DIR/neigh-gc.set ]] || return 0
    (
      flock -w 30 8 || exit 1
      [[ -f $GC_DIR/neigh-gc.set ]] || exit 0
      grep -qx "$PREFIX" "$GC_DIR/users" 2>/dev/null || echo "$PREFIX" >>"$GC_DIR/users"
    ) 8>"$GC_DIR/lock"
    return 0
  fi
  new2=$(((want * 2 + 1023) / 1024 * 1024))
  ((new2 > t2)) || new2=$t2
  new3=$((new2 * 2))
  ((new3 > t3)) || new3=$t3
  mkdir -p "$GC_DIR"
  (
    flock -w 30 8 || exit 1
    [[ -f $GC_DIR/neigh-gc.orig ]] || echo "$t1 $t2 $t3" >"$GC_DIR/neigh-gc.orig"
    echo "$new3" >/proc/sys/net/ipv4/neigh/default/gc_thresh3
    echo "$new2" >/proc/sys/net/ipv4/neigh/default/gc_thresh2
    echo "$new2 $new3" >"$GC_DIR/neigh-gc.set"
    grep -qx "$PREFIX" "$GC_DIR/users" 2>/dev/null || echo "$PREFIX" >>"$GC_DIR/users"
  ) 8>"$GC_DIR/lock"
  say "machine-wide ARP table limits raised for $need lab neighbor entries: net.ipv4.neigh.default.gc_thresh2 $t2 -> $new2, gc_thresh3 $t3 -> $new3 (restored by the last 'down')"
}
neigh_gc_release() {
  [[ -f $GC_DIR/users ]] || return 0
  (
    flock -w 30 8 || exit 1
    grep -vx "$PREFIX" "$GC_DIR/users" >"$GC_DIR/users.new" || true
    mv "$GC_DIR/users.new" "$GC_DIR/users"
    [[ -s $GC_DIR/users ]] && exit 0
    local o2 o3 s2 s3 c2 c3
    if read -r _ o2 o3 <"$GC_DIR/neigh-gc.orig" && read -r s2 s3 <"$GC_DIR/neigh-gc.set"; then
      c2=$(</proc/sys/net/ipv4/neigh/default/gc_thresh2)
      c3=$(</proc/sys/net/ipv4/neigh/default/gc_thresh3)
      if [[ $c2 == "$s2" && $c3 == "$s3" ]]; then
        echo "$o2" >/proc/sys/net/ipv4/neigh/default/gc_thresh2
        echo "$o3" >/proc/sys/net/ipv4/neigh/default/gc_thresh3
        echo "lab[$PREFIX]: machine-wide ARP table limits restored (gc_thresh2=$o2 gc_thresh3=$o3)"
      else
        echo "lab[$PREFIX]: warning: gc_thresh2/3 were changed by someone else since the lab raised them; left as they are" >&2
      fi
    fi
    rm -f "$GC_DIR/neigh-gc.orig" "$GC_DIR/neigh-gc.set" "$GC_DIR/users"
  ) 8>"$GC_DIR/lock"
  if [[ ! -s $GC_DIR/users ]]; then rm -f "$GC_DIR/lock" "$GC_DIR/users"; rmdir "$GC_DIR" 2>/dev/null || true; fi
}

# ---------------------------------------------------------------- keys and config files
ensure_client_key() {
  if [[ ! -f $CLIENT_KEY || ! -f $CLIENT_KEY.pub ]]; then
    rm -f "$CLIENT_KEY" "$CLIENT_KEY.pub"
    ssh-keygen -q -t ed25519 -N '' -C "netdiag-lab-$PREFIX" -f "$CLIENT_KEY"
  fi
  chmod 600 "$CLIENT_KEY"
  cp "$CLIENT_KEY.pub" "$AUTH_KEYS.tmp" && mv "$AUTH_KEYS.tmp" "$AUTH_KEYS"
  install -d -m 0755 "$STRICT_KEYS_DIR"
  install -m 0644 "$CLIENT_KEY.pub" "$STRICT_AUTH_KEYS"
}

host_key() { echo "$HOSTS_DIR/$1/ssh_host_ed25519_key"; }
shell_starts() { echo "$LOG_DIR/$1.shell-starts"; }
ensure_host_files() { # I
  local i=$1 n key p
  n=$(hname "$i")
  p=${HP[i]}
  profile_set "$p"
  key=$(host_key "$n")
  mkdir -p "$HOSTS_DIR/$n"
  if [[ ! -f $key || ! -f $key.pub ]]; then
    rm -f "$key" "$key.pub"
    ssh-keygen -q -t ed25519 -N '' -C "$n" -f "$key"
  fi
  chmod 600 "$key"
  if [[ $P_SSHD == lean ]]; then
    {
      if [[ $p == lean ]]; then
        echo "# Generated by lab/lab.sh for lab host $n; rewritten by every 'up'."
      else
        echo "# Generated by lab/lab.sh for lab host $n (profile $p); rewritten by every 'up'."
      fi
      cat <<EOF
ListenAddress 0.0.0.0
Port 22
HostKey $key
PidFile $RUN_DIR/$n.sshd.pid
AuthorizedKeysFile $AUTH_KEYS
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxSessions $P_MAXSESS
MaxStartups 200:30:400
LogLevel VERBOSE
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitTunnel no
PermitUserEnvironment no
Subsystem sftp /usr/lib/openssh/sftp-server
# sshd never logs the text of exec'd commands; this wrapper appends a 'lab-exec:' line
# with it to the sshd log, then runs the command with the user's shell.
ForceCommand /bin/bash $CMDLOG $LOG_DIR/$n.sshd.log $HOSTS_DIR/$n/bin
EOF
    } >"$HOSTS_DIR/$n/sshd_config.tmp"
  else
    # Debian 12's stock /etc/ssh/sshd_config: these are its only active lines (but for its
    # 'Include /etc/ssh/sshd_config.d/*.conf', left out: this machine's drop-ins are not a
    # user's host's), everything else at OpenSSH's defaults; then the lab's own lines.
    {
      echo "# Generated by lab/lab.sh for lab host $n (profile $p); rewritten by every 'up'."
      cat <<EOF
# Debian 12 stock settings (/etc/ssh/sshd_config of openssh-server 1:9.2p1-2), the rest at
# OpenSSH's defaults (MaxSessions 10, MaxStartups 10:30:100, StrictModes yes, ...):
KbdInteractiveAuthentication no
UsePAM yes
X11Forwarding yes
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
# The lab's lines: where to listen, its keys and files, the log level of every lab host.
ListenAddress 0.0.0.0
HostKey $key
PidFile $RUN_DIR/$n.sshd.pid
AuthorizedKeysFile $STRICT_AUTH_KEYS
LogLevel VERBOSE
EOF
      if ((P_MAXSESS != 10)); then printf '# A common hardening line (OpenSSH default: 10):\nMaxSessions %s\n' "$P_MAXSESS"; fi
      cat <<EOF
# sshd never logs the text of exec'd commands; this wrapper appends a 'lab-exec:' line
# with it to the sshd log, then runs the command with the user's shell.
ForceCommand /bin/bash $CMDLOG $LOG_DIR/$n.sshd.log $HOSTS_DIR/$n/bin
EOF
    } >"$HOSTS_DIR/$n/sshd_config.tmp"
  fi
  mv "$HOSTS_DIR/$n/sshd_config.tmp" "$HOSTS_DIR/$n/sshd_config"
  if ((P_HOSTILE)); then
    write_hostile_bin "$n" off
  elif [[ -f $HOSTS_DIR/$n/bin/.hostile ]]; then
    rm -rf "${HOSTS_DIR:?}/$n/bin" "${HOSTS_DIR:?}/$n/hostile-mode" # no longer hostile
  fi
  # The host's own root home, mounted over /root in its sshd's mount namespace: lab hosts
  # don't run (or write into) the machine's /root dotfiles, e.g. a slow pyenv init in
  # ~/.bashrc that bash would source for every SSH command. A non-root login user's home
  # (hosts/<host>/home/<user>) is mounted over /home/<user> the same way.
  local home=$HOSTS_DIR/$n/root counter
  if [[ ! -d $home ]]; then
    mkdir -p "$home"
    chmod 700 "$home"
  fi
  counter=$(shell_starts "$n")
  [[ -f $counter ]] || : >"$counter"
  [[ -f $LOG_DIR/$n.sshd.log ]] || : >"$LOG_DIR/$n.sshd.log"
  # rc files are rewritten by every 'up' (root's are also what `exec` runs)
  if [[ $P_USER == root ]]; then
    write_rc_files "$home" /bin/bash "$n" "$p" "$counter" "$P_SLOW" "$P_BANNER"
    chown root:root "$counter" "$LOG_DIR/$n.sshd.log"
    rm -rf "${HOSTS_DIR:?}/$n/home"
  else
    write_rc_files "$home" /bin/bash "$n" lean "$counter" 0 0
    home=$HOSTS_DIR/$n/home/$P_USER
    mkdir -p "$home"
    find "$HOSTS_DIR/$n/home" -mindepth 1 -maxdepth 1 ! -name "$P_USER" -exec rm -rf {} +
    write_rc_files "$home" "$P_SHELL" "$n" "$p" "$counter" "$P_SLOW" "$P_BANNER"
    chmod 755 "$HOSTS_DIR/$n/home"
    chmod 750 "$home"
    # the user writes its home, the shell-start counter and (the wrapper) the sshd log
    chown -R "$P_USER:$P_USER" "$home" "$counter" "$LOG_DIR/$n.sshd.log"
  fi
}

# write_hostile_bin NAME MODE: the hostile host's bin dir (first on PATH for its SSH commands)
# holds a shim for each command MODE fakes (hostile.sh --shims); each shim runs lab/hostile.sh,
# which answers per the mode in hosts/<host>/hostile-mode. Commands a mode does not fake have no
# shim, so `many` runs the real ethtool 6,000 times without a bash in front of each.
write_hostile_bin() {
  local n=$1 mode=$2 bin=$HOSTS_DIR/$1/bin c tmp
  tmp=$(mktemp -d "$HOSTS_DIR/$n/bin.tmp.XXXXXX")
  for c in $(bash "$HOSTILE_SH" --shims "$mode"); do
    printf '#!/bin/bash\n# Generated by lab/lab.sh for the hostile lab host %s: see lab/hostile.sh.\nexec /bin/bash %q %q %q %s "$@"\n' \
      "$n" "$HOSTILE_SH" "$HOSTS_DIR/$n/hostile-mode" "$bin" "$c" >"$tmp/$c"
    chmod 755 "$tmp/$c"
  done
  : >"$tmp/.hostile"
  chmod 755 "$tmp"
  echo "$mode" >"$HOSTS_DIR/$n/hostile-mode"
  rm -rf "$bin"
  mv "$tmp" "$bin"
}

# hostile_cpu NAME: the host's sshd, and so every session it starts, in a cgroup of
# HOSTILE_CPU_PERCENT of one core. In `many`, netdiag's link-speed script runs ethtool twice per
# interface: 6,000 processes, about a minute of CPU on the 2-core dev box, which without a limit
# took a core from everything else on the machine (the app under test included). Needs the
# cgroup v1 cpu controller or cgroup2 with cpu delegated; without either, nothing is limited.
hostile_cpu() {
  local n=$1 cg pid
  if [[ -f /sys/fs/cgroup/cpu/cpu.cfs_quota_us ]]; then
    cg=/sys/fs/cgroup/cpu/$CGROUP_NAME-$n
    mkdir -p "$cg"
    echo 100000 >"$cg/cpu.cfs_period_us"
    echo $((HOSTILE_CPU_PERCENT * 1000)) >"$cg/cpu.cfs_quota_us"
  elif [[ $(stat -fc %T /sys/fs/cgroup 2>/dev/null) == cgroup2fs ]] && grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null; then
    cg=/sys/fs/cgroup/$CGROUP_NAME-$n
    mkdir -p "$cg"
    echo "$((HOSTILE_CPU_PERCENT * 1000)) 100000" >"$cg/cpu.max"
  else
    return 0
  fi
  pid=$(sshd_pid "$n") && echo "$pid" >"$cg/cgroup.procs"
  return 0
}

# hostile_quiet NAME: ends what earlier sessions left running on the host (sshd itself stays),
# so that each mode starts on an idle host. A root session's command outlives netdiag's stop
# (OpenSSH ignores "signal" for root, see lib/ssh/channel.ts stop()): `many`'s ethtool loop
# went on for a minute after netdiag's timeout and made the next mode's collection time out.
hostile_quiet() {
  local n=$1 pid
  for pid in $(ip netns pids "$n"); do
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == sshd ]] || kill -KILL "$pid" 2>/dev/null || true
  done
}

# hostile_net NAME MODE: the hostile host's real interfaces for MODE. HOSTILE_IF is always
# there (192.0.2.1/24, TEST-NET-1), without carrier in metachar-down; `many` adds
# HOSTILE_PAIRS veth pairs and HOSTILE_NEIGHBORS permanent neighbor entries on them, any other
# mode removes them. Real entries, not printed text: PERMANENT entries are exempt from the
# kernel's gc_thresh3 limit (net/core/neighbour.c, exempt_from_gc), so the machine-wide ARP
# table limits stay as they are. Measured on the 2-core dev box: about 8 s to build (5 s of it
# the neighbors), 0.7 s to remove; about 20 MB of kernel memory while it exists.
hostile_net() {
  local n=$1 mode=$2
  if ! ip -n "$n" link show dev "$HOSTILE_IF" >/dev/null 2>&1; then
    ip -n "$n" link del dev "$HOSTILE_PEER" 2>/dev/null || true
    ip -n "$n" link add "$HOSTILE_IF" type veth peer name "$HOSTILE_PEER"
  fi
  ip -n "$n" addr replace 192.0.2.1/24 dev "$HOSTILE_IF"
  ip -n "$n" link set dev "$HOSTILE_IF" up
  if [[ $mode == metachar-down ]]; then
    ip -n "$n" link set dev "$HOSTILE_PEER" down
  else
    ip -n "$n" link set dev "$HOSTILE_PEER" up
  fi
  if [[ $mode != many ]]; then
    ip -n "$n" link del group "$HOSTILE_GROUP" 2>/dev/null || true
    return 0
  fi
  [[ $(ip -n "$n" -o link show group "$HOSTILE_GROUP" | wc -l) -eq $((2 * HOSTILE_PAIRS)) ]] && return 0
  ip -n "$n" link del group "$HOSTILE_GROUP" 2>/dev/null || true
  local p
  for ((p = 1; p <= HOSTILE_PAIRS; p++)); do
    printf 'link add hxa%d group %d type veth peer name hxb%d group %d\n' "$p" "$HOSTILE_GROUP" "$p" "$HOSTILE_GROUP"
  done | ip -n "$n" -batch -
  ip -n "$n" link set group "$HOSTILE_GROUP" up
  # 198.18.0.0/15 (RFC 2544, benchmarking): no lab instance's 10.O/16; one MAC per entry,
  # entries spread over all 2,996 veths
  perl -e '
    my ($count, $pairs) = @ARGV;
    for my $i (0 .. $count - 1) {
      my $d = $i % (2 * $pairs);
      printf "neigh add 198.%d.%d.%d lladdr 02:bb:%02x:%02x:%02x:%02x dev hx%s%d nud permanent\n",
        18 + ($i >> 16), ($i >> 8) & 255, $i & 255, ($i >> 24) & 255, ($i >> 16) & 255, ($i >> 8) & 255, $i & 255,
        ($d & 1 ? "b" : "a"), 1 + ($d >> 1);
    }' "$HOSTILE_NEIGHBORS" "$HOSTILE_PAIRS" | ip -n "$n" -batch -
}

# write_rc_files DIR SHELL HOST PROFILE COUNTER SLOW BANNER: the login shell's rc files in
# home DIR. Each counts its shell's starts in COUNTER ("<shell> <pid>", one line per start)
# and sits where that shell reads it at every start, also for `ssh host 'command'` (bash:
# ~/.bashrc, which bash reads when sshd starts it; zsh: ~/.zshenv; fish:
# ~/.config/fish/config.fish; tcsh: ~/.tcshrc). SLOW and BANNER add the profile's extras.
write_rc_files() {
  local d=$1 sh=${2##*/} n=$3 p=$4 counter=$5 slow=$6 banner=$7 hdr slow_note banner_lines
  hdr="lab host $n, profile $p (generated by lab/lab.sh, rewritten by every 'up')"
  slow_note="# Stand-in for a slow environment-manager init (eval \"\$(pyenv init -)\", conda's or
# nvm's block): those run a few programs and read many files, 0.2 s to over 1 s per
# shell start. Here a little real work (a command substitution, as they do), then a sleep
# standing in for the rest: every shell start takes >= 0.5 s of wall time but hardly any
# CPU, because 50 slow hosts share this machine's 2 cores (50 busy loops would measure the
# lab machine, not the app)."
  banner_lines=("  Welcome to $n." "  OS: Debian GNU/Linux 12 (bookworm) x86_64" "  Managed by Ansible: local changes will be overwritten.")
  local banner_note="# A banner on every shell start, as fastfetch, a welcome script or conda print from rc
# files: lines on stdout, a warning on stderr."
  local warn_line="$sh: warning: setlocale: LC_ALL: cannot change locale (en_US.UTF-8)"
  # sh_extras: the slow and banner blocks in sh syntax (bash and zsh)
  sh_extras() {
    if ((slow)); then printf '%s\n' "$slow_note" 'LAB_ARCH=$(uname -m); export LAB_ARCH' 'sleep 0.5'; fi
    if ((banner)); then
      printf '%s\n' "$banner_note"
      printf "printf '%%s\\\\n' '%s' '%s' '%s'\n" "${banner_lines[@]}"
      printf "printf '%%s\\\\n' '%s' >&2\n" "$warn_line"
    fi
  }
  case $sh in
    bash)
      if [[ $p == lean && $d == */root ]]; then
        printf '%s\n' '# root .profile of lab host (generated by lab/lab.sh)' \
          'if [ -n "$BASH_VERSION" ] && [ -f ~/.bashrc ]; then . ~/.bashrc; fi' >"$d/.profile"
      else
        printf '%s\n' "# ~/.profile of $hdr" \
          'if [ -n "$BASH_VERSION" ] && [ -f ~/.bashrc ]; then . ~/.bashrc; fi' >"$d/.profile"
      fi
      {
        if [[ $p == lean && $d == */root ]]; then
          echo '# root .bashrc of lab host (generated by lab/lab.sh)'
        else
          echo "# ~/.bashrc of $hdr"
        fi
        echo '# Shell-start counter: bash reads this file at every start by sshd, also for `ssh host cmd`.'
        printf '%s\n' "printf 'bash %s\\n' \"\$\$\" >>$counter 2>/dev/null"
        sh_extras
        echo '[ -z "$PS1" ] && return'
        echo 'PS1='"'"'\u@\h:\w\$ '"'"
      } >"$d/.bashrc"
      ;;
    zsh)
      {
        echo "# ~/.zshenv of $hdr"
        echo '# zsh reads ~/.zshenv at every start, also for `ssh host cmd` (zsh -c): the counter, and'
        echo '# what users put here to have it in non-interactive shells too.'
        echo "print -r -- \"zsh \$\$\" >>$counter 2>/dev/null"
        sh_extras
      } >"$d/.zshenv"
      printf '%s\n' "# ~/.zshrc of $hdr (interactive shells only)" \
        'HISTFILE=~/.zsh_history' 'HISTSIZE=1000' 'SAVEHIST=1000' "PROMPT='%n@%m:%~%# '" >"$d/.zshrc"
      rm -f "$d/.profile" "$d/.bashrc"
      ;;
    fish)
      mkdir -p "$d/.config/fish"
      {
        echo "# config.fish of $hdr"
        echo '# fish reads it at every start, also for `ssh host cmd` (fish -c).'
        echo "echo \"fish \$fish_pid\" >>$counter 2>/dev/null"
        if ((slow)); then printf '%s\n' "$slow_note" 'set -gx LAB_ARCH (uname -m)' 'sleep 0.5'; fi
        if ((banner)); then
          printf '%s\n' "$banner_note"
          printf "printf '%%s\\\\n' '%s' '%s' '%s'\n" "${banner_lines[@]}"
          printf "printf '%%s\\\\n' '%s' >&2\n" "$warn_line"
        fi
        printf '%s\n' 'if status is-interactive' '    set -g fish_greeting ""' 'end'
      } >"$d/.config/fish/config.fish"
      rm -f "$d/.profile" "$d/.bashrc"
      ;;
    tcsh)
      {
        echo "# ~/.tcshrc of $hdr"
        echo '# tcsh reads it at every start, also for `ssh host cmd` (tcsh -c).'
        echo "echo \"tcsh \$\$\" >>$counter"
        if ((slow)); then printf '%s\n' "$slow_note" 'setenv LAB_ARCH `uname -m`' 'sleep 0.5'; fi
        if ((banner)); then
          printf '%s\n' "$banner_note"
          printf "echo '%s'\n" "${banner_lines[@]}"
          printf "echo '%s' > /dev/stderr\n" "$warn_line"
        fi
        echo 'if ($?prompt) set prompt = "%n@%m:%~%# "'
      } >"$d/.tcshrc"
      rm -f "$d/.profile" "$d/.bashrc"
      ;;
  esac
}

# ns_exec NAME CMD...: run CMD as lab host NAME: its network namespace, its own UTS
# namespace with the host name, and a private mount namespace (ip netns exec makes one,
# with /sys showing the namespace's interfaces) where the host's root home is /root (and a
# non-root login user's home is /home/<user>).
ns_exec() {
  local n=$1 u
  shift
  u=${HUSER[${n#"$PREFIX"-h}]:-root}
  if [[ $u == root ]]; then
    ip netns exec "$n" unshare --uts /bin/sh -c \
      'hostname "$1" && mount --bind "$2" /root && shift 2 && exec "$@"' sh "$n" "$HOSTS_DIR/$n/root" "$@"
  else
    ip netns exec "$n" unshare --uts /bin/sh -c \
      'hostname "$1" && mount --bind "$2" /root && mount --bind "$3" "$4" && shift 4 && exec "$@"' \
      sh "$n" "$HOSTS_DIR/$n/root" "$HOSTS_DIR/$n/home/$u" "/home/$u" "$@"
  fi
}

fingerprint() { ssh-keygen -l -E sha256 -f "$1.pub" | awk '{print $2}'; }

# known_hosts + ssh_config for convenience: ssh -F lab/state/nd/ssh_config nd-h1
write_ssh_files() {
  local i n pub addrs line
  : >"$KNOWN_HOSTS.tmp"
  : >"$SSH_CONFIG.tmp"
  for ((i = 1; i <= TOTAL; i++)); do
    n=$PREFIX-h$i
    read -r pub < <(cut -d' ' -f1,2 "$HOSTS_DIR/$n/ssh_host_ed25519_key.pub")
    addrs=""
    while read -r _ _ _ _ cidr _; do addrs+="${addrs:+,}${cidr%/*}"; done < <(host_ifaces "$i")
    echo "$addrs $pub" >>"$KNOWN_HOSTS.tmp"
    cat >>"$SSH_CONFIG.tmp" <<EOF
Host $n
  HostName ${addrs%%,*}
  User ${HUSER[i]}
  IdentityFile $CLIENT_KEY
  IdentitiesOnly yes
  UserKnownHostsFile $KNOWN_HOSTS
  StrictHostKeyChecking yes
EOF
  done
  mv "$KNOWN_HOSTS.tmp" "$KNOWN_HOSTS"
  mv "$SSH_CONFIG.tmp" "$SSH_CONFIG"
}

# ---------------------------------------------------------------- profile needs
# ensure_packages: the Debian packages the configured profiles need (zsh, fish, tcsh;
# systemd-container for `debian` hosts), installed when missing.
ensure_packages() {
  local i need=() miss=() pkg
  for ((i = 1; i <= TOTAL; i++)); do
    case ${HP[i]} in
      zsh | hardened) need+=(zsh) ;;
      fish) need+=(fish) ;;
      tcsh) need+=(tcsh) ;;
      debian) need+=(systemd-container dbus libpam-systemd) ;;
    esac
  done
  for pkg in "${need[@]}"; do
    [[ " ${miss[*]} " == *" $pkg "* ]] && continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || miss+=("$pkg")
  done
  ((${#miss[@]})) || return 0
  say "installing Debian packages for the host profiles: ${miss[*]}"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${miss[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${miss[@]}" >/dev/null ||
      die "could not install ${miss[*]} (apt-get install ${miss[*]})"
  fi
}

# lab_user_ours NAME: NAME exists and is one of this instance's lab users
lab_user_ours() { [[ $(getent passwd "$1" | cut -d: -f5) == "$USER_MARK" ]]; }

# ensure_users: the lab users this configuration logs in as, created (idempotently) with a
# fixed name, a login shell, home /home/<user> (an empty mount point on the machine: each
# host mounts its own home there) and no password (the lab key only; '*' = not locked).
ensure_users() {
  local u kind sh
  for u in $(needed_users); do
    kind=${u#"$PREFIX"-}
    sh=$(user_shell "$kind")
    if getent passwd "$u" >/dev/null; then
      lab_user_ours "$u" || die "user '$u' exists on this machine but is not a lab user of '$PREFIX' (its comment is not '$USER_MARK'); pick another LAB_PREFIX"
      [[ $(getent passwd "$u" | cut -d: -f7) == "$sh" ]] || usermod -s "$sh" "$u"
    else
      useradd -M -U -d "/home/$u" -s "$sh" -c "$USER_MARK" -p '*' "$u" ||
        die "could not create lab user '$u'"
    fi
    mkdir -p "/home/$u"
    chmod 755 "/home/$u"
  done
  # the user's sshd session reads the wrapper and the authorized keys, writes the logs
  if [[ -n $(needed_users | tr -d ' ') ]]; then
    local probe
    probe=$(needed_users)
    probe=${probe# }
    probe=${probe%% *}
    if ! runuser -u "$probe" -- test -r "$CMDLOG" -a -r "$AUTH_KEYS" -a -x "$LOG_DIR"; then
      die "lab user '$probe' cannot read $CMDLOG / $AUTH_KEYS or reach $LOG_DIR: the directories above lab/ must be world-searchable (chmod o+x) for non-root profiles"
    fi
  fi
}

# remove_users [KEEP...]: delete this instance's lab users other than KEEP (and their empty
# /home/<user> mount points). Only users carrying this instance's mark are touched.
remove_users() {
  local kind u keep=" $* "
  for kind in "${USER_KINDS[@]}"; do
    u=$PREFIX-$kind
    [[ $keep == *" $u "* ]] && continue
    getent passwd "$u" >/dev/null || continue
    lab_user_ours "$u" || continue
    if userdel "$u" 2>/dev/null; then
      getent group "$u" >/dev/null && groupdel "$u" 2>/dev/null
      rmdir "/home/$u" 2>/dev/null || true
    else
      warn "could not delete lab user '$u' (still has processes?); 'down' tries again"
    fi
  done
}

# ---------------------------------------------------------------- systemd hosts (profile debian)
# A `debian` host boots systemd as its PID 1 (systemd-nspawn: new PID, mount, UTS and IPC
# namespaces; the network namespace is the lab host's own), so that pam_systemd reaches
# systemd-logind as on a real Debian host. Its root file system is an overlay of the
# machine's / with a tmpfs on top (the machine's files are not changed; the host's own
# changes vanish with it); lab/ is mounted read-only and lab/state/<prefix>/ read-write
# at their usual paths, /root and /home/<user> from hosts/<host>/ as on other hosts.
# It boots lab-host.target: journald, dbus, logind, systemd-user-sessions and lab-sshd
# (Debian's ssh.service, with the lab's sshd_config); not the machine's other services.
cg_roots() { # the cgroup hierarchies systemd uses: cgroup2 alone, or name=systemd + unified
  if [[ $(stat -fc %T /sys/fs/cgroup 2>/dev/null) == cgroup2fs ]]; then
    echo /sys/fs/cgroup
  else
    [[ -d /sys/fs/cgroup/systemd ]] && echo /sys/fs/cgroup/systemd
    [[ -d /sys/fs/cgroup/unified ]] && echo /sys/fs/cgroup/unified
  fi
  return 0
}
ct_pidfile() { echo "$RUN_DIR/$1.nspawn.pid"; }
ct_nspawn_pid() { # NAME: pid of the host's systemd-nspawn, or fail
  local pid
  read -r pid 2>/dev/null <"$(ct_pidfile "$1")" || return 1
  [[ $pid =~ ^[0-9]+$ ]] && proc_alive "$pid" && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == systemd-nspawn ]] || return 1
  echo "$pid"
}
# ct_pid NAME CTPID: the machine's pid of the host's process CTPID (a pid inside the host)
ct_pid() {
  local p l
  for p in $(ip netns pids "$1" 2>/dev/null); do
    while read -r l; do
      if [[ $l == NSpid:* ]]; then
        read -r -a l <<<"${l#NSpid:}"
        ((${#l[@]} == 2 && l[1] == $2)) && { echo "$p"; return 0; }
        break
      fi
    done <"/proc/$p/status" 2>/dev/null
  done
  return 1
}
ct_systemctl() { # NAME ARGS...: systemctl inside the host
  local init
  init=$(ct_pid "$1" 1) || return 1
  nsenter -t "$init" -a systemctl "${@:2}" 9>&-
}
CT_RECIPE=1
write_ct_units() { # NAME: hosts/<host>/systemd/: lab-host.target, lab-sshd.service
  local n=$1 d=$HOSTS_DIR/$1/systemd
  mkdir -p "$d"
  cat >"$d/lab-host.target" <<EOF
# netdiag lab host $n (generated by lab/lab.sh): what the host boots instead of the
# machine's default.target: logins (logind, dbus, user sessions) and sshd.
[Unit]
Description=netdiag lab host $n
Wants=systemd-journald.service dbus.service systemd-logind.service systemd-user-sessions.service lab-sshd.service
After=systemd-logind.service systemd-user-sessions.service lab-sshd.service
AllowIsolate=yes
EOF
  cat >"$d/lab-sshd.service" <<EOF
# Debian 12's ssh.service, with the lab host's sshd_config and log (generated by lab/lab.sh).
[Unit]
Description=OpenBSD Secure Shell server (lab host $n)
Documentation=man:sshd(8) man:sshd_config(5)
After=network.target auditd.service systemd-user-sessions.service

[Service]
ExecStartPre=/usr/sbin/sshd -t -f $HOSTS_DIR/$n/sshd_config
ExecStart=/usr/sbin/sshd -D -f $HOSTS_DIR/$n/sshd_config -E $LOG_DIR/$n.sshd.log
ExecReload=/usr/sbin/sshd -t -f $HOSTS_DIR/$n/sshd_config
ExecReload=/bin/kill -HUP \$MAINPID
KillMode=process
Restart=on-failure
RestartPreventExitStatus=255
Type=notify
RuntimeDirectory=sshd
RuntimeDirectoryMode=0755
EOF
}
ct_stamp() { echo "$CT_RECIPE ${HUSER[${1#"$PREFIX"-h}]} $(cat "$HOSTS_DIR/$1/systemd/"* | cksum)"; }

ct_boot() { # NAME: boot the host's systemd (in the background; sshd_wait waits for its sshd)
  local n=$1 i u cgs=() r mid
  i=${n#"$PREFIX"-h}
  u=${HUSER[i]}
  [[ $u == root ]] && u=""
  write_ct_units "$n"
  for r in $(cg_roots); do
    mkdir -p "$r/$CGROUP_NAME-$n"
    cgs+=("$r/$CGROUP_NAME-$n")
  done
  mid=$(printf 'netdiag-lab-%s' "$n" | md5sum | cut -c1-32)
  ct_stamp "$n" >"$RUN_DIR/$n.ct.stamp"
  : >"$LOG_DIR/$n.console.log"
  # In its own cgroups and (private) mount namespace: a tmpfs on /run holds the overlay's
  # upper layer (nothing of it reaches the machine's /run), then nspawn in the foreground.
  # nsenter --net, not ip netns exec: that one mounts a sysfs without the cgroup file systems.
  # shellcheck disable=SC2094
  setsid nsenter --net="/run/netns/$n" unshare --mount --propagation private /bin/sh -c '
    set -e
    n=$1 lab=$2 state=$3 hd=$4 mid=$5 pidf=$6 u=$7
    shift 7
    for cg in "$@"; do echo $$ >"$cg/cgroup.procs"; done
    mount -t tmpfs -o mode=0755 "$n-run" /run
    mkdir -p /run/ct/up /run/ct/work /run/ct/root
    mount -t overlay "$n-root" -o lowerdir=/,upperdir=/run/ct/up,workdir=/run/ct/work /run/ct/root
    r=/run/ct/root
    echo "$n" >"$r/etc/hostname"
    echo "$mid" >"$r/etc/machine-id"
    cp "$hd/systemd/lab-host.target" "$hd/systemd/lab-sshd.service" "$r/etc/systemd/system/"
    set -- --bind-ro="$lab" --bind="$state" --bind="$hd/root:/root"
    if [ -n "$u" ]; then set -- "$@" --bind="$hd/home/$u:/home/$u"; fi
    echo $$ >"$pidf"
    exec systemd-nspawn --quiet --register=no --keep-unit --directory="$r" --machine="$n" \
      --hostname="$n" --capability=CAP_NET_ADMIN --console=read-only "$@" \
      --boot -- systemd.unit=lab-host.target
  ' sh "$n" "$LAB_DIR" "$STATE" "$HOSTS_DIR/$n" "$mid" "$(ct_pidfile "$n")" "$u" "${cgs[@]}" \
    </dev/null >>"$LOG_DIR/$n.console.log" 2>&1 9>&- &
}

ct_stop() { # NAME...: shut the hosts' systemd down (SIGTERM to nspawn: a clean poweroff)
  local n pid pids=() t alive
  for n in "$@"; do pid=$(ct_nspawn_pid "$n") && pids+=("$pid"); done
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for ((t = 0; t < 250; t++)); do
    alive=0
    for pid in "${pids[@]}"; do proc_alive "$pid" && alive=1; done
    ((alive)) || break
    sleep 0.02
  done
  for n in "$@"; do rm -f "$(ct_pidfile "$n")" "$RUN_DIR/$n.ct.stamp"; done
}

ct_cleanup() { # NAME...: remove the hosts' cgroups (once nothing runs in them)
  local n r d
  for n in "$@"; do
    for r in $(cg_roots); do
      [[ -d $r/$CGROUP_NAME-$n ]] || continue
      while read -r d; do rmdir "$d" 2>/dev/null || true; done < <(find "$r/$CGROUP_NAME-$n" -depth -type d)
    done
  done
}

# ---------------------------------------------------------------- processes
proc_alive() { # PID: exists and is not a zombie
  local l
  [[ -r /proc/$1/status ]] || return 1
  while read -r l; do
    if [[ $l == State:* ]]; then [[ $l != *zombie* ]]; return; fi
  done <"/proc/$1/status" 2>/dev/null
  return 1
}

# ---------------------------------------------------------------- sshd
pidfile() { echo "$RUN_DIR/$1.sshd.pid"; }
# sshd_pid NAME: prints the pid of the host's listening sshd, or fails
sshd_pid() {
  local n=$1 pid ino
  [[ -r $(pidfile "$n") ]] || return 1
  read -r pid <"$(pidfile "$n")" || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  if is_systemd_host "$n"; then pid=$(ct_pid "$n" "$pid") || return 1; fi # a pid inside the host
  proc_alive "$pid" || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == sshd ]] || return 1
  ino=$(stat -L -c %i "/run/netns/$n" 2>/dev/null) || return 1
  [[ $(readlink "/proc/$pid/ns/net" 2>/dev/null) == "net:[$ino]" ]] || return 1
  echo "$pid"
}

# Bump when the way sshd is started changes: `up` then restarts running sshds.
SSHD_RECIPE=2
sshd_stamp() { echo "$SSHD_RECIPE $(cksum <"$HOSTS_DIR/$1/sshd_config")"; }

sshd_launch() { # NAME: start (no wait) unless running with the current config
  local n=$1
  if is_systemd_host "$n"; then
    # its systemd starts sshd (lab-sshd.service): boot it, or have it (re)start sshd
    write_ct_units "$n"
    if ! ct_nspawn_pid "$n" >/dev/null || [[ $(cat "$RUN_DIR/$n.ct.stamp" 2>/dev/null) != "$(ct_stamp "$n")" ]]; then
      ct_stop "$n"
      rm -f "$(pidfile "$n")"
      mkdir -p "$RUN_DIR" "$LOG_DIR"
      sshd_stamp "$n" >"$RUN_DIR/$n.sshd.stamp"
      ct_boot "$n"
      return 0
    fi
    if sshd_pid "$n" >/dev/null && [[ $(cat "$RUN_DIR/$n.sshd.stamp" 2>/dev/null) == "$(sshd_stamp "$n")" ]]; then return 0; fi
    sshd_stamp "$n" >"$RUN_DIR/$n.sshd.stamp"
    ct_unhide "$n"
    ct_systemctl "$n" restart lab-sshd.service ||
      { warn "sshd for $n failed to start; last lines of $LOG_DIR/$n.sshd.log:"; tail -n 5 "$LOG_DIR/$n.sshd.log" >&2; return 1; }
    return 0
  fi
  if sshd_pid "$n" >/dev/null; then
    [[ $(cat "$RUN_DIR/$n.sshd.stamp" 2>/dev/null) == "$(sshd_stamp "$n")" ]] && return 0
    sshd_stop "$n" # config or start recipe changed
  fi
  rm -f "$(pidfile "$n")"
  mkdir -p /run/sshd "$RUN_DIR" "$LOG_DIR"
  sshd_stamp "$n" >"$RUN_DIR/$n.sshd.stamp"
  # sshd daemonizes itself.
  # shellcheck disable=SC2094 # sshd and this redirection both append to the log
  ns_exec "$n" /usr/sbin/sshd -f "$HOSTS_DIR/$n/sshd_config" -E "$LOG_DIR/$n.sshd.log" \
    </dev/null >/dev/null 2>>"$LOG_DIR/$n.sshd.log" 9>&- ||
    { warn "sshd for $n failed to start; last lines of $LOG_DIR/$n.sshd.log:"; tail -n 5 "$LOG_DIR/$n.sshd.log" >&2; return 1; }
}

sshd_wait() { # NAME...: wait until each sshd has written its pid file (it listens by then)
  local n deadline
  deadline=$(($(date +%s) + 15))
  for n in "$@"; do
    until sshd_pid "$n" >/dev/null; do
      if (($(date +%s) > deadline)); then
        warn "sshd for $n is not running; last lines of $LOG_DIR/$n.sshd.log:"
        tail -n 5 "$LOG_DIR/$n.sshd.log" >&2 || true
        if is_systemd_host "$n"; then
          warn "and of its systemd's console, $LOG_DIR/$n.console.log:"
          tail -n 10 "$LOG_DIR/$n.console.log" >&2 || true
        fi
        return 1
      fi
      sleep 0.02
    done
  done
}

# ct_unhide NAME: end a systemd host's hide-iperf (its sessions share one mount namespace
# that outlives sshd; on other hosts an sshd restart ends it with sshd's mount namespace)
ct_unhide() {
  local init
  init=$(ct_pid "$1" 1) || return 0
  if nsenter -t "$init" -m -p findmnt -n -t overlay /usr/bin >/dev/null 2>&1; then nsenter -t "$init" -m -p umount -l /usr/bin; fi
  return 0
}

sshd_stop() { # NAME
  local n=$1 pid t
  is_systemd_host "$n" && ct_unhide "$n"
  if pid=$(sshd_pid "$n"); then
    kill -TERM "$pid" 2>/dev/null || true
    for ((t = 0; t < 200; t++)); do
      proc_alive "$pid" || break
      sleep 0.02
    done
    if proc_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$(pidfile "$n")" "$RUN_DIR/$n.sshd.stamp"
}

# ---------------------------------------------------------------- network
root_links() { ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'; }
ns_links() { ip -n "$1" -o link show | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'; }
lab_namespaces() { ip netns list | awk '{print $1}' | grep -E "^$PREFIX-h[0-9]+\$" || true; }

ensure_bridge() { # NAME MAC CIDR
  local br=$1 m=$2 cidr=$3
  if ! ip link show dev "$br" >/dev/null 2>&1; then
    ip link add "$br" address "$m" mtu 1500 type bridge stp_state 0
  fi
  ip link set dev "$br" address "$m" mtu 1500 up
  ip addr replace "$cidr" dev "$br"
  echo "$NEIGH_STALE_SECS" >"/proc/sys/net/ipv4/neigh/$br/gc_stale_time"
}

# ensure_host I ROOTLINKS: namespace, NICs, addresses, MTU, qdisc of host I
ensure_host() {
  local i=$1 rootlinks=$2 n nsl ifn seg m mtu cidr peer br want=" lo " rb="" nb=""
  n=$(hname "$i")
  if [[ ! -e /run/netns/$n ]]; then
    ip netns add "$n"
    : >"$LOG_DIR/$n.sshd.log" # fresh host, fresh log
    [[ -f $(shell_starts "$n") ]] && : >"$(shell_starts "$n")"
  fi
  nsl=$(ns_links "$n")
  while read -r ifn seg m mtu cidr peer; do
    want+="$ifn "
    br=$BR_A
    [[ $seg == B ]] && br=$BR_B
    [[ $seg == C ]] && br=$BR_C
    [[ $seg == D ]] && br=$BR_D
    if ! grep -qx -- "$peer" <<<"$rootlinks"; then
      if grep -qx -- "$ifn" <<<"$nsl"; then ip -n "$n" link del dev "$ifn"; fi
      rb+="link add $peer address $(mac 128 "$(seg_code "$seg")" "$i") mtu 1500 type veth peer name $ifn address $m netns $n"$'\n'
    fi
    rb+="link set dev $peer master $br mtu 1500 up"$'\n'
    nb+="link set dev $ifn address $m mtu $mtu up"$'\n'
    nb+="addr replace $cidr dev $ifn"$'\n'
  done < <(host_ifaces "$i")
  # NICs this configuration does not want (e.g. h5's eth1 after dropping dupmac); a hostile
  # host's own are hostile_net's
  for ifn in $nsl; do
    [[ $want == *" $ifn "* ]] && continue
    [[ ${HP[i]} == hostile && ($ifn == "$HOSTILE_IF" || $ifn == "$HOSTILE_PEER" || $ifn == hx[ab]*) ]] && continue
    ip -n "$n" link del dev "$ifn"
  done
  [[ -n $rb ]] && ip -batch - <<<"$rb"
  local sec
  sec=$(host_secondary "$i")
  [[ -n $sec ]] && nb+="addr replace ${sec#* } dev ${sec%% *}"$'\n'
  local v6
  v6=$(host_ipv6 "$i")
  # nodad: usable at once (duplicate address detection would hold it "tentative" for a second)
  [[ -n $v6 ]] && nb+="addr replace ${v6#* } dev ${v6%% *} nodad"$'\n'
  nb="link set dev lo up"$'\n'"$nb"
  ip -n "$n" -batch - <<<"$nb"
  if [[ -z $sec ]] && ((i == SECIP_HOST)); then ip -n "$n" addr del "$NET_A.$((100 + i))/24" dev eth0 2>/dev/null || true; fi
  ip netns exec "$n" sh -c 'for f in /proc/sys/net/ipv4/neigh/eth*/gc_stale_time; do echo "$1" >"$f"; done' sh "$NEIGH_STALE_SECS"
  # `up` puts a hostile host back in mode off (write_hostile_bin)
  [[ ${HP[i]} == hostile ]] && hostile_net "$n" off
  # shaped: h4 egress. tbf, with a burst big enough for a TSO/GSO super-packet.
  if ((i == 4)) && has_fault shaped; then
    tc -n "$n" qdisc replace dev eth0 root tbf rate "${SHAPED_RATE_MBIT}mbit" burst 256kb latency 25ms
  elif tc -n "$n" qdisc show dev eth0 | grep -q '^qdisc tbf'; then
    tc -n "$n" qdisc del dev eth0 root
  fi
}

# populate neighbor tables: every host pings every other host's addresses on its
# segments once, in parallel; then the root namespace pings every host address.
populate_neighbors() {
  local i j seg cidr sec a_addrs=() b_addrs=() c_addrs=() d_addrs=() s_addrs=() targets pids=() n failed=0
  declare -A on_b=() on_c=()
  for ((i = 1; i <= TOTAL; i++)); do
    while read -r _ seg _ _ cidr _; do
      case $seg in
        A) a_addrs[i]=${cidr%/*} ;;
        B) b_addrs[i]=${cidr%/*}; on_b[$i]=1 ;;
        C) c_addrs[i]=${cidr%/*}; on_c[$i]=1 ;;
        D) d_addrs[i]=${cidr%/*} ;;
      esac
    done < <(host_ifaces "$i")
    if ((i == SECIP_HOST)); then sec=$(host_secondary "$i"); sec=${sec##* }; s_addrs[i]=${sec%/*}; fi
  done
  for ((i = 1; i <= HOSTS; i++)); do
    targets=()
    for ((j = 1; j <= HOSTS; j++)); do
      ((i == j)) && continue
      targets+=("${a_addrs[j]}")
      [[ -n ${s_addrs[j]:-} ]] && targets+=("${s_addrs[j]}")
      [[ -n ${on_b[$i]:-} && -n ${b_addrs[j]:-} ]] && targets+=("${b_addrs[j]}")
      [[ -n ${on_c[$i]:-} && -n ${c_addrs[j]:-} ]] && targets+=("${c_addrs[j]}")
    done
    n=$(hname "$i")
    nsenter --net="/run/netns/$n" /bin/sh -c \
      'for a; do ping -n -q -c1 -W1 "$a" >/dev/null 2>&1 & done; wait' sh "${targets[@]}" 9>&- &
    pids+=($!)
  done
  # profile hosts (segment D) ping each other
  for ((i = HOSTS + 1; i <= TOTAL; i++)); do
    targets=()
    for ((j = HOSTS + 1; j <= TOTAL; j++)); do ((i == j)) || targets+=("${d_addrs[j]}"); done
    n=$(hname "$i")
    nsenter --net="/run/netns/$n" /bin/sh -c \
      'for a; do ping -n -q -c1 -W1 "$a" >/dev/null 2>&1 & done; wait' sh "${targets[@]}" 9>&- &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  # root namespace -> every host address; these must all answer
  local out
  out=$(
    for ((i = 1; i <= TOTAL; i++)); do
      for a in "${a_addrs[i]:-}" "${b_addrs[i]:-}" "${c_addrs[i]:-}" "${d_addrs[i]:-}" "${s_addrs[i]:-}"; do
        [[ -n $a ]] || continue
        { ping -n -q -c1 -W1 "$a" >/dev/null 2>&1 || echo "$a"; } &
      done
    done
    wait
  )
  if [[ -n $out ]]; then
    warn "no ping answer from: $(tr '\n' ' ' <<<"$out")"
    failed=1
  fi
  return $failed
}

# ---------------------------------------------------------------- JSON
jstr() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
jarr() { # strings...
  local out="" s
  for s in "$@"; do out+="${out:+, }$(jstr "$s")"; done
  printf '[%s]' "$out"
}

# emit_json LIVE(0|1) UP(true|false)
emit_json() {
  local live=$1 up=$2 i n first=1 roles ifs ifn seg m mtu cidr peer pid running fp sec extra home addr pam sysd six faults=()
  local f
  for f in "${ALL_FAULTS[@]}"; do has_fault "$f" && faults+=("$f"); done
  printf '{\n'
  printf '  "prefix": %s,\n  "octet": %d,\n' "$(jstr "$PREFIX")" "$OCTET"
  ((live)) && printf '  "up": %s,\n' "$up"
  printf '  "stateDir": %s,\n' "$(jstr "$STATE")"
  printf '  "clientKeyPath": %s,\n' "$(jstr "$CLIENT_KEY")"
  printf '  "clientPublicKey": %s,\n' "$(jstr "$(cat "$CLIENT_KEY.pub" 2>/dev/null || true)")"
  printf '  "knownHostsPath": %s,\n  "sshConfigPath": %s,\n' "$(jstr "$KNOWN_HOSTS")" "$(jstr "$SSH_CONFIG")"
  if [[ $up != true ]]; then
    printf '  "segments": [],\n  "faults": [],\n  "faultDetails": {},\n  "hosts": [],\n  "hostileHosts": []\n}\n'
    return 0
  fi
  printf '  "segments": [\n'
  printf '    {"name": "A", "bridge": %s, "cidr": "%s.0/24", "rootAddress": "%s.254", "mtu": 1500, "vlan": null},\n' "$(jstr "$BR_A")" "$NET_A" "$NET_A"
  printf '    {"name": "B", "bridge": %s, "cidr": "%s.0/24", "rootAddress": "%s.254", "mtu": 1500, "vlan": 10}' "$(jstr "$BR_B")" "$NET_B" "$NET_B"
  if has_fault jumbopair; then
    printf ',\n    {"name": "C", "bridge": %s, "cidr": "%s.0/24", "rootAddress": "%s.254", "mtu": 1500, "vlan": 20}' "$(jstr "$BR_C")" "$NET_C" "$NET_C"
  fi
  if has_profile_hosts; then
    printf ',\n    {"name": "D", "bridge": %s, "cidr": "%s.0/24", "rootAddress": "%s.254", "mtu": 1500, "vlan": 30}' "$(jstr "$BR_D")" "$NET_D" "$NET_D"
  fi
  printf '\n'
  printf '  ],\n'
  printf '  "faults": %s,\n' "$(jarr "${faults[@]}")"
  printf '  "profile": %s,\n' "$(jstr "$PROFILE")"
  local fd=()
  has_fault dupmac && fd+=("$(printf '"dupmac": {"owner": "%s", "observer": "%s", "mac": "%s", "addresses": ["%s.15", "%s.15"], "interfaces": ["eth0", "eth1"]}' "$(hname 5)" "$(hname 6)" "$(mac 0 1 5)" "$NET_A" "$NET_B")")
  has_fault jumbo && fd+=("$(printf '"jumbo": {"host": "%s", "interface": "eth0", "mtu": %d, "segmentMtu": 1500}' "$(hname 3)" "$JUMBO_MTU")")
  has_fault jumbopair && fd+=("$(printf '"jumbopair": {"hosts": ["%s", "%s"], "interface": "eth1", "mtu": %d, "addresses": ["%s.%d", "%s.%d"], "addresses6": ["fd00:%s:20::%d", "fd00:%s:20::%d"], "segment": "C", "bridge": "%s", "bridgeMtu": 1500}' "$(hname "${JUMBOPAIR[0]}")" "$(hname "${JUMBOPAIR[1]}")" "$JUMBO_MTU" "$NET_C" $((10 + JUMBOPAIR[0])) "$NET_C" $((10 + JUMBOPAIR[1])) "$OCTET" $((10 + JUMBOPAIR[0])) "$OCTET" $((10 + JUMBOPAIR[1])) "$BR_C")")
  has_fault secip && fd+=("$(printf '"secip": {"host": "%s", "interface": "eth0", "addresses": ["%s.%d", "%s.%d"]}' "$(hname "$SECIP_HOST")" "$NET_A" $((10 + SECIP_HOST)) "$NET_A" $((100 + SECIP_HOST)))")
  has_fault shaped && fd+=("$(printf '"shaped": {"host": "%s", "interface": "eth0", "direction": "egress", "rateMbit": %d, "qdisc": "tbf"}' "$(hname 4)" "$SHAPED_RATE_MBIT")")
  printf '  "faultDetails": {'
  local k
  for ((k = 0; k < ${#fd[@]}; k++)); do printf '%s\n    %s' "$( ((k)) && echo ,)" "${fd[k]}"; done
  ((${#fd[@]})) && printf '\n  '
  printf '},\n'
  # all host key fingerprints with one ssh-keygen call (it reads a file of many keys)
  local fps=() pubs=()
  for ((i = 1; i <= TOTAL; i++)); do pubs+=("$HOSTS_DIR/$PREFIX-h$i/ssh_host_ed25519_key.pub"); done
  mapfile -t fps < <(cat "${pubs[@]}" 2>/dev/null | ssh-keygen -l -E sha256 -f - 2>/dev/null | awk '{print $2}')
  # Hostile hosts are listed apart ("hostileHosts"): every reader of "hosts" (tests, e2e, the
  # demo, the benchmark) expects a host whose commands answer sanely.
  local pass hostile
  for pass in hosts hostileHosts; do
  first=1
  printf '  "%s": [\n' "$pass"
  for ((i = 1; i <= TOTAL; i++)); do
    hostile=0
    [[ ${HP[i]} == hostile ]] && hostile=1
    [[ $pass == hosts ]] && ((hostile)) && continue
    [[ $pass == hostileHosts ]] && ((!hostile)) && continue
    n=$PREFIX-h$i
    ((first)) || printf ',\n'
    first=0
    ifs=""
    sec=$(host_secondary "$i")
    six=$(host_ipv6 "$i")
    while read -r ifn seg m mtu cidr peer; do
      extra=""
      [[ -n $sec && ${sec%% *} == "$ifn" ]] && extra=${sec#* }
      [[ -n $six && ${six%% *} == "$ifn" ]] && extra=${six#* }
      ifs+="${ifs:+,
}        {\"name\": \"$ifn\", \"mac\": \"$m\", \"mtu\": $mtu, \"addresses\": [\"$cidr\"${extra:+, \"$extra\"}], \"segment\": \"$seg\", \"bridgePort\": \"$peer\"}"
    done < <(host_ifaces "$i")
    read -r -a roles <<<"$(host_roles "$i")"
    fp=${fps[i - 1]:-}
    printf '    {\n'
    printf '      "name": "%s",\n      "index": %d,\n      "namespace": "%s",\n      "hostname": "%s",\n' "$n" "$i" "$n" "$n"
    # (profile names, users, shells and the state paths need no JSON escaping: all are
    # [A-Za-z0-9_./+-], checked at the top; and no subshells here: 243 hosts)
    profile_set "${HP[i]}"
    if ((i > HOSTS)); then addr=$NET_D.$((10 + i)); else addr=$NET_A.$((10 + i)); fi
    printf '      "address": "%s",\n      "port": 22,\n      "username": "%s",\n' "$addr" "$P_USER"
    printf '      "profile": "%s",\n      "loginShell": "%s",\n      "home": "%s",\n' "${HP[i]}" "$P_SHELL" "$P_HOME"
    if [[ $P_USER == root ]]; then home=$HOSTS_DIR/$n/root; else home=$HOSTS_DIR/$n/home/$P_USER; fi
    printf '      "homePath": "%s",\n      "shellStartsPath": "%s",\n' "$home" "$LOG_DIR/$n.shell-starts"
    pam=false sysd=false
    [[ $P_SSHD == debian ]] && pam=true
    ((P_SYSTEMD)) && sysd=true
    printf '      "pam": %s,\n      "systemd": %s,\n      "maxSessions": %d,\n' "$pam" "$sysd" "$P_MAXSESS"
    if ((hostile)); then
      printf '      "modeFile": %s,\n      "modes": %s,\n' "$(jstr "$HOSTS_DIR/$n/hostile-mode")" "$(jarr "${HOSTILE_MODES[@]}")"
      printf '      "metacharInterface": %s,\n      "manyInterfaces": %d,\n      "manyNeighbors": %d,\n' \
        "$(jstr "$HOSTILE_IF")" $((4 + 2 * HOSTILE_PAIRS)) "$HOSTILE_NEIGHBORS"
    fi
    printf '      "interfaces": [\n%s\n      ],\n' "$ifs"
    printf '      "roles": %s,\n' "$(jarr "${roles[@]}")"
    printf '      "hostKeyFingerprint": %s,\n' "$(jstr "$fp")"
    printf '      "hostKeyPath": %s,\n' "$(jstr "$(host_key "$n").pub")"
    if ((live)); then
      running=false pid=null
      if pid=$(sshd_pid "$n"); then running=true; else pid=null; fi
      printf '      "sshdLog": %s,\n' "$(jstr "$LOG_DIR/$n.sshd.log")"
      printf '      "namespacePresent": %s,\n' "$([[ -e /run/netns/$n ]] && echo true || echo false)"
      printf '      "sshdRunning": %s,\n      "sshdPid": %s\n' "$running" "$pid"
    else
      printf '      "sshdLog": %s\n' "$(jstr "$LOG_DIR/$n.sshd.log")"
    fi
    printf '    }'
  done
  if [[ $pass == hosts ]]; then printf '\n  ],\n'; else printf '\n  ]\n'; fi
  done
  printf '}\n'
}

write_lab_json() {
  emit_json 0 true >"$LAB_JSON.tmp"
  mv "$LAB_JSON.tmp" "$LAB_JSON"
}

# ---------------------------------------------------------------- commands
cmd_up() {
  local hosts_opt="" faults_opt="" profile_opt="" hp_opt="-" ph_opt="-" f
  while (($#)); do
    case $1 in
      --hosts) hosts_opt=${2:-}; shift 2 || die "--hosts needs a number" ;;
      --hosts=*) hosts_opt=${1#*=}; shift ;;
      --faults) faults_opt=${2-}; [[ $# -ge 2 ]] || die "--faults needs a list (dupmac,jumbo,shaped,jumbopair,secip)"; shift 2; faults_opt=${faults_opt:-none} ;;
      --faults=*) faults_opt=${1#*=}; faults_opt=${faults_opt:-none}; shift ;;
      --no-faults) faults_opt=none; shift ;;
      --profile) profile_opt=${2:-}; shift 2 || die "--profile needs a name (${ALL_PROFILES[*]})" ;;
      --profile=*) profile_opt=${1#*=}; shift ;;
      --host-profile) [[ $# -ge 2 ]] || die "--host-profile needs a list like h3=zsh,h4=fish (or none)"; hp_opt=${2:-none}; shift 2 ;;
      --host-profile=*) hp_opt=${1#*=}; hp_opt=${hp_opt:-none}; shift ;;
      --profile-hosts)
        if [[ $# -ge 2 && ${2:-} != -* ]]; then ph_opt=$2; shift 2; else ph_opt=all; shift; fi ;;
      --profile-hosts=*) ph_opt=${1#*=}; ph_opt=${ph_opt:-none}; shift ;;
      --no-profile-hosts) ph_opt=none; shift ;;
      *) die "up: unknown option '$1' (see --help)" ;;
    esac
  done
  local t0
  t0=$(now)
  check_overlap # read-only; before anything is created
  phase "overlap check done"
  lock
  phase "locked"
  local was_up=0
  load_instance && was_up=1
  if [[ -n $hosts_opt ]]; then
    if ! [[ $hosts_opt =~ ^[0-9]+$ ]] || ((10#$hosts_opt < 6 || 10#$hosts_opt > MAX_HOSTS)); then
      die "--hosts must be a number from 6 to $MAX_HOSTS"
    fi
    HOSTS=$((10#$hosts_opt))
  fi
  if [[ -n $faults_opt ]]; then
    if [[ $faults_opt == none ]]; then
      FAULTS=""
    else
      local list=() ok
      IFS=, read -r -a list <<<"$faults_opt"
      for f in "${list[@]}"; do
        ok=0
        for g in "${ALL_FAULTS[@]}"; do [[ $f == "$g" ]] && ok=1; done
        ((ok)) || die "unknown fault '$f' (known: ${ALL_FAULTS[*]})"
      done
      FAULTS=""
      for g in "${ALL_FAULTS[@]}"; do [[ ,$faults_opt, == *,"$g",* ]] && FAULTS+="${FAULTS:+,}$g"; done
    fi
  fi
  if has_fault jumbopair && ((HOSTS < JUMBOPAIR[1])); then
    die "the jumbopair fault uses hosts h${JUMBOPAIR[0]} and h${JUMBOPAIR[1]}: use --hosts ${JUMBOPAIR[1]} or more, or leave jumbopair out of --faults"
  fi
  # profiles: --profile sets every host h1..hN (and drops per-host overrides unless
  # --host-profile comes along); --host-profile replaces the overrides; --profile-hosts
  # replaces the set of extra profile hosts. Without them, a running instance keeps its own.
  if [[ -n $profile_opt ]]; then
    is_profile "$profile_opt" || die "unknown profile '$profile_opt' (known: ${ALL_PROFILES[*]})"
    [[ $profile_opt != hostile ]] || die "--profile hostile: the hostile profile is for one extra host only (--profile-hosts hostile), never for the fault hosts h1..hN"
    PROFILE=$profile_opt
    [[ $hp_opt == - ]] && HOST_PROFILES=""
  fi
  if [[ $hp_opt != - ]]; then
    local item k v out=""
    [[ $hp_opt == none ]] && hp_opt=""
    IFS=, read -r -a list <<<"$hp_opt"
    for item in "${list[@]}"; do
      [[ $item == *=* ]] || die "--host-profile: '$item' is not HOST=PROFILE (e.g. h3=zsh)"
      k=${item%%=*}
      v=${item#*=}
      k=${k#"$PREFIX"-}
      k=${k#h}
      if ! [[ $k =~ ^[0-9]+$ ]] || ((10#$k < 1 || 10#$k > HOSTS)); then
        die "--host-profile: no host '${item%%=*}' among h1..h$HOSTS (profile hosts come from --profile-hosts)"
      fi
      is_profile "$v" || die "--host-profile: unknown profile '$v' (known: ${ALL_PROFILES[*]})"
      [[ $v != hostile ]] || die "--host-profile: the hostile profile is for one extra host only (--profile-hosts hostile)"
      out+="${out:+,}h$((10#$k))=$v"
    done
    HOST_PROFILES=$out
  fi
  if [[ $ph_opt != - ]]; then
    local p out=""
    case $ph_opt in
      none) ;;
      all) for p in "${ALL_PROFILES[@]}"; do [[ $p == lean ]] || out+="${out:+,}$p"; done ;;
      *)
        IFS=, read -r -a list <<<"$ph_opt"
        for p in "${list[@]}"; do
          is_profile "$p" || die "--profile-hosts: unknown profile '$p' (known: ${ALL_PROFILES[*]})"
          out+="${out:+,}$p"
        done
        ;;
    esac
    PROFILE_HOSTS=$out
  fi
  compute_profiles
  ((TOTAL <= MAX_HOSTS)) || die "$HOSTS hosts plus $((TOTAL - HOSTS)) profile hosts: at most $MAX_HOSTS in all"
  local pdesc=""
  [[ $PROFILE != lean || -n $HOST_PROFILES ]] && pdesc+=", profile: $PROFILE${HOST_PROFILES:+ ($HOST_PROFILES)}"
  has_profile_hosts && pdesc+=", profile hosts h$((HOSTS + 1))..h$TOTAL on 10.$OCTET.30.0/24: $PROFILE_HOSTS"
  say "$( ((was_up)) && echo "repairing/reconfiguring" || echo "starting") lab: $HOSTS hosts, 10.$OCTET.1.0/24 + 10.$OCTET.10.0/24$(has_fault jumbopair && echo " + 10.$OCTET.20.0/24"), faults: ${FAULTS:-none}$pdesc"
  ensure_packages
  mkdir -p "$HOSTS_DIR" "$LOG_DIR" "$RUN_DIR" /run/sshd
  chmod 755 /run/sshd
  ensure_client_key
  ensure_users
  local i n ns
  for ((i = 1; i <= TOTAL; i++)); do ensure_host_files "$i"; done
  phase "keys and sshd configs"
  printf 'OCTET=%s\nHOSTS=%s\nFAULTS=%s\n' "$OCTET" "$HOSTS" "$FAULTS" >"$INSTANCE_ENV"
  if [[ $PROFILE != lean || -n $HOST_PROFILES || -n $PROFILE_HOSTS ]]; then
    printf 'PROFILE=%s\nHOST_PROFILES=%s\nPROFILE_HOSTS=%s\n' "$PROFILE" "$HOST_PROFILES" "$PROFILE_HOSTS" >>"$INSTANCE_ENV"
  fi

  # hosts beyond N (an earlier, bigger instance), and hosts that change between booting
  # systemd and not (a `debian` profile comes or goes): remove them (the latter come back)
  local extra=() kind
  for ns in $(lab_namespaces); do
    i=${ns##*-h}
    if ((i > TOTAL)); then
      extra+=("$ns")
    else
      kind=$(cat "$RUN_DIR/$ns.kind" 2>/dev/null || echo plain)
      [[ $kind == "$( ((HSYS[i])) && echo systemd || echo plain)" ]] || extra+=("$ns")
    fi
  done
  ((${#extra[@]})) && { say "removing ${#extra[@]} hosts (beyond h$TOTAL, or changing between systemd and not)"; remove_namespaces "${extra[@]}"; }

  # ARP table: about N*N entries over all lab namespaces + root
  neigh_gc_ensure $((TOTAL * TOTAL + 2 * TOTAL + 16))

  phase "ARP limits checked"
  ensure_bridge "$BR_A" "$BR_A_MAC" "$NET_A.254/24"
  ensure_bridge "$BR_B" "$BR_B_MAC" "$NET_B.254/24"
  if has_fault jumbopair; then
    ensure_bridge "$BR_C" "$BR_C_MAC" "$NET_C.254/24"
  elif ip link show dev "$BR_C" >/dev/null 2>&1; then
    ip link del dev "$BR_C"
  fi
  if has_profile_hosts; then
    ensure_bridge "$BR_D" "$BR_D_MAC" "$NET_D.254/24"
  elif ip link show dev "$BR_D" >/dev/null 2>&1; then
    ip link del dev "$BR_D"
  fi
  local rootlinks
  rootlinks=$(root_links)
  for ((i = 1; i <= TOTAL; i++)); do
    ensure_host "$i" "$rootlinks"
    if ((HSYS[i])); then echo systemd >"$RUN_DIR/$(hname "$i").kind"; else rm -f "$RUN_DIR/$(hname "$i").kind"; fi
  done
  phase "namespaces and links"

  local names=()
  for ((i = 1; i <= TOTAL; i++)); do
    n=$(hname "$i")
    names+=("$n")
    sshd_launch "$n"
  done
  phase "sshd launched"
  local rc=0
  populate_neighbors || rc=1
  phase "neighbors populated"
  sshd_wait "${names[@]}" || rc=1
  for ((i = 1; i <= TOTAL; i++)); do [[ ${HP[i]} == hostile ]] && hostile_cpu "$(hname "$i")"; done
  phase "sshd ready"
  # shellcheck disable=SC2046 # a list of user names
  remove_users $(needed_users)
  write_ssh_files
  write_lab_json
  phase "lab.json written"
  if ((rc)); then
    die "lab is up but not healthy (see warnings above); 'status' shows details"
  fi
  if has_profile_hosts; then
    say "up in $(elapsed "$t0")s: hosts $(hname 1)..$(hname "$HOSTS") at $NET_A.11-$NET_A.$((10 + HOSTS)), profile hosts $(hname $((HOSTS + 1)))..$(hname "$TOTAL") at $NET_D.$((11 + HOSTS))-$NET_D.$((10 + TOTAL)), ssh key $CLIENT_KEY"
  else
    say "up in $(elapsed "$t0")s: hosts $(hname 1)..$(hname "$HOSTS") at $NET_A.11-$NET_A.$((10 + HOSTS)), ssh key $CLIENT_KEY"
  fi
  say "description: $LAB_JSON"
  say "try: ssh -F $SSH_CONFIG $(hname 1) hostname"
}

# remove_namespaces NS...: kill every process inside, delete veths and namespaces
remove_namespaces() {
  local ns pids=() p t alive i
  ct_stop "$@" # systemd hosts first shut down cleanly
  for ns in "$@"; do
    while read -r p; do [[ -n $p ]] && pids+=("$p"); done < <(ip netns pids "$ns" 2>/dev/null || true)
  done
  if ((${#pids[@]})); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for ((t = 0; t < 100; t++)); do
      alive=()
      for p in "${pids[@]}"; do proc_alive "$p" && alive+=("$p"); done
      ((${#alive[@]})) || break
      sleep 0.03
    done
    if ((${#alive[@]})); then kill -KILL "${alive[@]}" 2>/dev/null || true; fi
    # anything forked meanwhile
    for ns in "$@"; do
      # shellcheck disable=SC2046
      kill -KILL $(ip netns pids "$ns" 2>/dev/null) 2>/dev/null || true
    done
  fi
  local b=""
  for ns in "$@"; do
    i=${ns##*-h}
    rm -f "$(pidfile "$ns")" "$RUN_DIR/$ns.kind"
    for p in "$PREFIX-h${i}a" "$PREFIX-h${i}b" "$PREFIX-h${i}c" "$PREFIX-h${i}d"; do
      ip link show dev "$p" >/dev/null 2>&1 && b+="link del dev $p"$'\n'
    done
  done
  if [[ -n $b ]]; then ip -force -batch - <<<"$b" >/dev/null 2>&1 || true; fi
  for ns in "$@"; do ip netns del "$ns" 2>/dev/null || true; done
  ct_cleanup "$@"
}

cmd_down() {
  local purge=0
  while (($#)); do
    case $1 in
      --purge) purge=1; shift ;;
      *) die "down: unknown option '$1'" ;;
    esac
  done
  local t0
  t0=$(now)
  [[ -d $STATE ]] && lock # (no state dir: still clean up whatever carries the prefix)
  local nss=()
  mapfile -t nss < <(lab_namespaces)
  ((${#nss[@]})) && remove_namespaces "${nss[@]}"
  # leftovers: any link of this prefix in the root namespace
  local l b=""
  for l in $(root_links | grep -E "^$PREFIX-(h[0-9]+[abcd]|br0|br10|br20|br30)\$" || true); do b+="link del dev $l"$'\n'; done
  [[ -n $b ]] && { ip -force -batch - <<<"$b" >/dev/null 2>&1 || true; }
  # systemd hosts' cgroups, and the lab users of this instance
  local cg cgs=()
  for cg in $(cg_roots); do
    for l in "$cg/$CGROUP_NAME-$PREFIX"-h*; do [[ -d $l ]] && cgs+=("${l##*/"$CGROUP_NAME"-}"); done
  done
  ((${#cgs[@]})) && ct_cleanup "${cgs[@]}"
  # hostile hosts' cpu cgroups (hostile_cpu; cgroup2 ones are among the above)
  for l in /sys/fs/cgroup/cpu/"$CGROUP_NAME-$PREFIX"-h*; do [[ -d $l ]] && { rmdir "$l" 2>/dev/null || true; }; done
  remove_users
  # the original host keys come back (a test may have left a rekeyed host)
  local o
  for o in "$HOSTS_DIR"/*/ssh_host_ed25519_key.orig; do
    [[ -f $o ]] || continue
    mv -f "$o" "${o%.orig}"
    [[ -f $o.pub ]] && mv -f "$o.pub" "${o%.orig}.pub"
  done
  rm -rf "$RUN_DIR"
  rm -f "$LAB_JSON" "$INSTANCE_ENV" "$KNOWN_HOSTS" "$SSH_CONFIG"
  rm -rf "$STRICT_KEYS_DIR"
  rmdir /etc/ssh/netdiag-lab 2>/dev/null || true
  neigh_gc_release
  # verify
  local left
  left=$( { lab_namespaces; root_links | grep -E "^$PREFIX-(h[0-9]+[abcd]|br0|br10|br20|br30)\$"
    for l in "${USER_KINDS[@]}"; do lab_user_ours "$PREFIX-$l" && echo "user:$PREFIX-$l"; done; } || true)
  [[ -z $left ]] || die "could not remove: $(tr '\n' ' ' <<<"$left")"
  if ((purge)); then
    rm -rf "$STATE"
    rmdir "$LAB_DIR/state" 2>/dev/null || true
    say "down in $(elapsed "$t0")s (removed ${#nss[@]} hosts; state dir purged)"
  else
    say "down in $(elapsed "$t0")s (removed ${#nss[@]} hosts; keys kept in $STATE)"
  fi
}

cmd_status() {
  local json=0
  while (($#)); do
    case $1 in
      --json) json=1; shift ;;
      *) die "status: unknown option '$1'" ;;
    esac
  done
  local up=false
  load_instance && [[ -e /run/netns/$(hname 1) ]] && up=true
  if ((json)); then
    emit_json 1 "$up"
    return 0
  fi
  if [[ $up != true ]]; then
    say "not up (start it with: sudo npm run lab -- up)"
    return 0
  fi
  say "10.$OCTET.1.0/24 on $BR_A, 10.$OCTET.10.0/24 on $BR_B (VLAN 10)$(has_fault jumbopair && echo ", 10.$OCTET.20.0/24 on $BR_C (jumbo, bridge at 1500)")$(has_profile_hosts && echo ", 10.$OCTET.30.0/24 on $BR_D (profile hosts)"); root has .254 on each; faults: ${FAULTS:-none}"
  printf '%-9s %-9s %-5s %-17s %-18s %-5s %-14s %s\n' HOST NAMESPACE IFACE ADDRESS MAC MTU SSHD ROLES
  local i n pid sshd roles first ifn mtu m addr rest
  for ((i = 1; i <= TOTAL; i++)); do
    n=$(hname "$i")
    if pid=$(sshd_pid "$n"); then sshd="up (pid $pid)"; else sshd=DOWN; fi
    roles=$(host_roles "$i")
    roles=${roles// /,}
    ((i == 4)) && has_fault shaped && roles+=" (tbf ${SHAPED_RATE_MBIT}mbit)"
    [[ ${HP[i]} == lean ]] || roles="${roles:+$roles }profile=${HP[i]} user=${HUSER[i]}"
    if [[ ! -e /run/netns/$n ]]; then
      printf '%-9s %-9s %s\n' "$n" "-" "namespace missing (run up)"
      continue
    fi
    first=1
    while read -r ifn mtu m; do
      addr=$(ip -n "$n" -o -4 addr show dev "$ifn" | awk '{print $4}' | paste -sd, -)
      if ((first)); then
        printf '%-9s %-9s %-5s %-17s %-18s %-5s %-14s %s\n' "$n" "$n" "$ifn" "${addr:--}" "$m" "$mtu" "$sshd" "${roles:--}"
      else
        printf '%-9s %-9s %-5s %-17s %-18s %-5s\n' "" "" "$ifn" "${addr:--}" "$m" "$mtu"
      fi
      first=0
    done < <(ip -n "$n" -o link show | awk -F': ' '$2 != "lo" { split($2, a, "@"); mtu = $3; sub(/.* mtu /, "", mtu); sub(/ .*/, "", mtu); m = $0; sub(/.*link\/ether /, "", m); sub(/ .*/, "", m); print a[1], mtu, m }')
  done
}

cmd_sshd() { # start|stop HOST
  local what=$1
  shift
  require_up
  resolve_host "${1:-}"
  lock
  if [[ $what == stop ]]; then
    sshd_stop "$HN"
    say "sshd on $HN stopped"
  else
    sshd_launch "$HN"
    sshd_wait "$HN"
    say "sshd on $HN running (pid $(sshd_pid "$HN"))"
  fi
}

cmd_rekey() {
  require_up
  resolve_host "${1:-}"
  local restore=0
  [[ ${2:-} == --restore ]] && restore=1
  [[ -z ${2:-} || $restore == 1 ]] || die "rekey: unknown option '$2'"
  lock
  local key old new
  key=$(host_key "$HN")
  old=$(fingerprint "$key")
  if ((restore)); then
    if [[ ! -f $key.orig ]]; then
      say "$HN has its original host key already ($old)"
      return 0
    fi
    mv -f "$key.orig" "$key"
    mv -f "$key.orig.pub" "$key.pub"
  else
    if [[ ! -f $key.orig ]]; then
      cp -p "$key" "$key.orig"
      cp -p "$key.pub" "$key.orig.pub"
    fi
    rm -f "$key" "$key.pub"
    ssh-keygen -q -t ed25519 -N '' -C "$HN-rekeyed" -f "$key"
  fi
  chmod 600 "$key"
  new=$(fingerprint "$key")
  sshd_stop "$HN"
  sshd_launch "$HN"
  sshd_wait "$HN"
  write_ssh_files
  write_lab_json
  say "$HN host key $( ((restore)) && echo restored || echo changed): $old -> $new (sshd restarted)"
}

cmd_exec() {
  require_up
  resolve_host "${1:-}"
  shift
  [[ ${1:-} == -- ]] && shift
  (($#)) || set -- /bin/bash
  [[ -e /run/netns/$HN ]] || die "namespace $HN is missing (run up)"
  [[ -d $HOSTS_DIR/$HN/root ]] || die "$HN has no root home yet (run up)"
  if is_systemd_host "$HN"; then # inside its systemd's namespaces, as `machinectl shell` would
    local init
    init=$(ct_pid "$HN" 1) || die "$HN's systemd is not running (run up)"
    nsenter -t "$init" -a -r -w /bin/sh -c 'cd /root && exec "$@"' sh "$@" 9>&-
    return
  fi
  ns_exec "$HN" "$@" 9>&-
}

# iperf3 "not installed" on one host: an overlay over /usr/bin in that host's sshd mount
# namespace (every SSH session inherits it), whose top layer is a whiteout for iperf3. The
# machine's /usr/bin and the other hosts are untouched; /bin is a symlink to usr/bin.
cmd_hide_iperf() {
  require_up
  resolve_host "${1:-}"
  local restore=0 pid dir=$HOSTS_DIR/$HN/hide-iperf3
  [[ ${2:-} == --restore ]] && restore=1
  [[ -z ${2:-} || $restore == 1 ]] || die "hide-iperf: unknown option '$2'"
  lock
  pid=$(sshd_pid "$HN") || die "$HN's sshd is not running (sshd-start $HN first)"
  # a systemd host's /proc is its own PID namespace's: findmnt and umount need to be in it
  local nsa=(-m)
  is_systemd_host "$HN" && nsa=(-m -p)
  if ((restore)); then
    # Lazy: the umount binary itself runs from the overlaid /usr/bin, which keeps it busy.
    if nsenter -t "$pid" "${nsa[@]}" findmnt -n -t overlay /usr/bin >/dev/null 2>&1; then nsenter -t "$pid" "${nsa[@]}" umount -l /usr/bin; fi
    rm -rf "$dir"
    say "iperf3 is back on $HN"
    return 0
  fi
  if nsenter -t "$pid" "${nsa[@]}" findmnt -n -t overlay /usr/bin >/dev/null 2>&1; then
    say "iperf3 is already hidden on $HN"
    return 0
  fi
  mkdir -p "$dir"
  [[ -c $dir/iperf3 ]] || mknod "$dir/iperf3" c 0 0 # an overlayfs whiteout
  nsenter -t "$pid" "${nsa[@]}" mount -t overlay "$PREFIX-hide-iperf3" -o "lowerdir=$dir:/usr/bin" /usr/bin
  say "iperf3 hidden on $HN: its SSH sessions get 'command not found' until 'hide-iperf $HN --restore' or an sshd restart"
}

# replay HOST SET|--off: the host's commands of another platform answer with real captures
# (lab/replay/SET/manifest.tsv, read from tests/fixtures); see lab/replay/README.md.
cmd_replay() {
  require_up
  resolve_host "${1:-}"
  local what=${2:-}
  [[ -n $what ]] || die "usage: replay HOST SET|--off (sets: $(find "$LAB_DIR/replay" -mindepth 2 -name manifest.tsv -printf '%h\n' | xargs -rn1 basename | sort | tr '\n' ' '))"
  [[ ${HP[HI]} != hostile ]] || die "$HN is a hostile host: its bin dir is lab.sh hostile's"
  lock
  bash "$LAB_DIR/replay.sh" "$HOSTS_DIR/$HN/bin" "$what"
  # replay.sh makes the directory with mktemp (0700): a non-root login user must read it too
  if [[ ${HUSER[HI]} != root && -d $HOSTS_DIR/$HN/bin ]]; then chmod 755 "$HOSTS_DIR/$HN/bin"; fi
  if [[ $what == --off ]]; then say "$HN answers with its own commands again"; else say "$HN replays set $what"; fi
}

# hostile HOST [MODE]: what a hostile host's commands print and which interfaces and neighbors
# it has (lab/hostile.sh, hostile_net); no MODE: print the current one
cmd_hostile() {
  require_up
  resolve_host "${1:-}"
  [[ ${HP[HI]} == hostile ]] || die "$HN is not a hostile host (profile ${HP[HI]}; start one with up --profile-hosts hostile)"
  local mode=${2:-} m
  if [[ -z $mode ]]; then
    cat "$HOSTS_DIR/$HN/hostile-mode"
    return 0
  fi
  for m in "${HOSTILE_MODES[@]}"; do
    [[ $m == "$mode" ]] || continue
    lock
    hostile_quiet "$HN"
    hostile_cpu "$HN"
    hostile_net "$HN" "$mode"
    write_hostile_bin "$HN" "$mode"
    say "$HN: hostile mode $mode"
    return 0
  done
  die "hostile: unknown mode '$mode' (modes: ${HOSTILE_MODES[*]})"
}

compute_profiles # the defaults; load_instance recomputes for a running instance
cmd=$1
shift
case $cmd in
  up) cmd_up "$@" ;;
  down) cmd_down "$@" ;;
  status) cmd_status "$@" ;;
  sshd-stop) cmd_sshd stop "$@" ;;
  sshd-start) cmd_sshd start "$@" ;;
  rekey) cmd_rekey "$@" ;;
  exec) cmd_exec "$@" ;;
  hide-iperf) cmd_hide_iperf "$@" ;;
  replay) cmd_replay "$@" ;;
  hostile) cmd_hostile "$@" ;;
  *) usage >&2; die "unknown command '$cmd'" ;;
esac
