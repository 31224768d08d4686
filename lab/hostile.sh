#!/bin/bash
# The `hostile` profile's fake commands (see lab/README.md, "The hostile host"). For a mode
# that fakes output, lab.sh puts a shim for each command that mode fakes (--shims MODE) in the
# host's bin dir (first on PATH for its SSH commands, see sshd-cmdlog.sh); each runs
#   bash lab/hostile.sh MODEFILE BINDIR NAME ARGS...
# which reads the host's current mode (one word in MODEFILE, set with `lab.sh hostile HOST
# MODE`) and either prints what a broken or malicious host could print for that command, or
# runs the real command. Everything else on the host is real: sshd, the login shell, the
# framed script netdiag sends, the kernel's own interfaces.
#
# Modes that fake output (the output of every command a mode does not name is real):
#   long-line    ip -j -s -d link show: eth0 carries a 3 MiB "ifalias" on its one line
#                (the kernel caps a real one at 256 bytes); ip -j neigh show and
#                ip neigh show: one 3 MiB line, no newline
#   binary       ip link and ip addr (JSON and text): 256 KiB of NUL bytes, invalid UTF-8 and
#                ANSI/OSC escapes; uname -n: a name with an OSC title sequence and a NUL
#   deep-json    ip -j -s -d link show: 100,000 nested '[' (and their ']'); its text fallback
#                ip -s -d link show: 100,000 '[' on one line
#   proto        ip -j -s -d link show / ip -j neigh show: "__proto__" and "constructor" keys
#                in every element, and one element whose only name is inside "__proto__"
#   counters     ip -j -s -d link show: stats64 counters at 2^64, 2^128 and a float 1e30 and
#                an MTU of 2^32 (eth0); 2^64-1, a u64 no signed 64-bit column holds (big0);
#                2^63-1 and 12345678901234567, exact (ok0); the link speed (ethtool IF, or
#                cat /sys/class/net/IF/speed without ethtool): 20 digits
#   endless      ip -j neigh show never ends (yes); ip neigh show as well
# Modes that are real kernel state (lab.sh hostile_net), no shim at all:
#   off, metachar  the interface HOSTILE_IF (lab.sh: 'm;$(id)|`id`x'), up, 192.0.2.1/24
#   metachar-down  the same without carrier (its veth peer is down)
#   many           3,000 interfaces and 50,000 neighbor entries
if [[ ${1:-} == --shims ]]; then
  case ${2:-} in
    long-line | deep-json | proto | endless) echo ip ;;
    binary) echo ip uname ;;
    counters) echo ip ethtool cat ;;
  esac
  exit 0
fi
set -u
modefile=${1:?usage: hostile.sh MODEFILE BINDIR NAME ARGS...}
bindir=${2:?}
name=${3:?}
shift 3
mode=off
[[ -r $modefile ]] && read -r mode <"$modefile"

real() { # run the real command: PATH without this host's bin dir
  PATH=${PATH//"$bindir:"/}
  export PATH
  exec "$name" "$@"
}
args="$*"
MIB3=$((3 * 1024 * 1024))

# big_line N: N bytes of 'A' (no newline)
big_line() { head -c "$1" /dev/zero | tr '\0' A; }

# garbage: 256 KiB of what a terminal-hostile, encoding-hostile program prints
garbage() {
  perl -e '
    my @parts = ("\x00\x00NUL\x00", "\xff\xfe\xfd", "\xc0\xaf", "\xed\xa0\x80", "\x80\x81\x82",
      "\e[2J\e[H", "\e]0;owned\a", "\e[31mred\e[0m", "\r", "\e[?1049h", "\x9b31m", "\n",
      "[{\"ifname\":\"", "\xf4\x90\x80\x80", "\x7f");
    my $out = "";
    my $i = 0;
    while (length($out) < 262144) { $out .= $parts[$i % @parts] . ($i % 7 ? "" : "\n"); $i++; }
    binmode STDOUT;
    print $out;
  '
}

# links JSON: eth0, lo (and extras) as iproute2 prints them, from a perl generator
# gen_links KIND: proto | counters
gen_links() {
  perl -e '
    my ($kind, $eth0mac) = @ARGV;
    sub link_json {
      my ($idx, $name, $state, $mac, $kindname, $stats, $extra) = @_;
      $stats //= "{\"rx\":{\"bytes\":1000,\"packets\":10,\"errors\":0,\"dropped\":0},\"tx\":{\"bytes\":2000,\"packets\":20,\"errors\":0,\"dropped\":0}}";
      $extra //= "";
      my $flags = $state eq "UP" ? "[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"]" : "[\"NO-CARRIER\",\"BROADCAST\",\"MULTICAST\",\"UP\"]";
      my $n = $name; $n =~ s/\\/\\\\/g; $n =~ s/"/\\"/g;
      return "{${extra}\"ifindex\":$idx,\"ifname\":\"$n\",\"flags\":$flags,\"mtu\":1500,\"operstate\":\"$state\",\"link_type\":\"ether\",\"address\":\"$mac\"" .
        ($kindname ? ",\"linkinfo\":{\"info_kind\":\"$kindname\"}" : "") . ",\"stats64\":$stats}";
    }
    my $lo = "{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"],\"mtu\":65536,\"operstate\":\"UNKNOWN\",\"link_type\":\"loopback\",\"address\":\"00:00:00:00:00:00\",\"stats64\":{\"rx\":{\"bytes\":100,\"packets\":1,\"errors\":0,\"dropped\":0},\"tx\":{\"bytes\":100,\"packets\":1,\"errors\":0,\"dropped\":0}}}";
    my @out = ($lo, link_json(2, "eth0", "UP", $eth0mac));
    if ($kind eq "proto") {
      my $p = "\"__proto__\":{\"ifname\":\"ghost\",\"mtu\":1,\"polluted\":true},\"constructor\":{\"prototype\":{\"polluted\":true}},";
      @out = map { my $s = $_; $s =~ s/^\{/{$p/; $s } @out;
      push @out, "{\"__proto__\":{\"ifname\":\"ghost2\",\"mtu\":1500}}";
    } elsif ($kind eq "counters") {
      # 2^64 and 2^128: no 64-bit counter holds them; 2^63 and 2^64-1: u64 values SQLite (i64) cannot hold; 1e30: a float
      $out[1] = link_json(2, "eth0", "UP", $eth0mac, undef,
        "{\"rx\":{\"bytes\":18446744073709551616,\"packets\":9223372036854775808,\"errors\":0,\"dropped\":0},\"tx\":{\"bytes\":340282366920938463463374607431768211456,\"packets\":18446744073709551615,\"errors\":1e30,\"dropped\":7}}");
      $out[1] =~ s/"mtu":1500/"mtu":4294967296/;
      push @out, link_json(3, "ok0", "UP", "02:aa:00:00:00:03", "veth",
        "{\"rx\":{\"bytes\":9223372036854775807,\"packets\":12345678901234567,\"errors\":0,\"dropped\":0},\"tx\":{\"bytes\":1,\"packets\":2,\"errors\":3,\"dropped\":4}}");
      push @out, link_json(4, "big0", "UP", "02:aa:00:00:00:04", "veth",
        "{\"rx\":{\"bytes\":18446744073709551615,\"packets\":5,\"errors\":0,\"dropped\":0},\"tx\":{\"bytes\":6,\"packets\":7,\"errors\":0,\"dropped\":0}}");
    }
    print "[", join(",", @out), "]\n";
  ' "$1" "$(</sys/class/net/eth0/address)"
}

proto_neigh() { # the real neighbors, each with __proto__/constructor keys, plus a ghost
  PATH=${PATH//"$bindir:"/} ip -j neigh show | perl -pe '
    s/\{"dst"/{"__proto__":{"dst":"6.6.6.6","polluted":true},"constructor":{"prototype":{"polluted":true}},"dst"/g;
    s/\]\s*$/,{"__proto__":{"dst":"6.6.6.7","lladdr":"02:66:66:66:66:66"}}]\n/;
  '
}

case "$mode:$name" in
  long-line:ip)
    case $args in
      "-j -s -d link show")
        PATH=${PATH//"$bindir:"/} ip -j -s -d link show | perl -pe 'BEGIN { $big = "A" x (3 * 1024 * 1024) } s/"ifname":"eth0",/"ifname":"eth0","ifalias":"$big",/' ;;
      "-j neigh show" | "neigh show") big_line "$MIB3" ;;
      *) real "$@" ;;
    esac ;;
  binary:ip)
    case $args in
      *neigh*) real "$@" ;;
      *) garbage ;;
    esac ;;
  binary:uname)
    if [[ $args == -n ]]; then printf '\033]0;owned\007evil\000host\033[2J\n'; else real "$@"; fi ;;
  deep-json:ip)
    case $args in
      "-j -s -d link show") perl -e 'print "[" x 100000, "]" x 100000, "\n"' ;;
      "-s -d link show") perl -e 'print "[" x 100000, "\n"' ;;
      *) real "$@" ;;
    esac ;;
  proto:ip)
    case $args in
      "-j -s -d link show") gen_links proto ;;
      "-j neigh show") proto_neigh ;;
      *) real "$@" ;;
    esac ;;
  counters:ip)
    case $args in
      "-j -s -d link show") gen_links counters ;;
      *) real "$@" ;;
    esac ;;
  counters:ethtool)
    if [[ $# -eq 1 ]]; then printf 'Settings for %s:\n\tSpeed: 99999999999999999999Mb/s\n\tDuplex: Full\n\tLink detected: yes\n' "$1"; else real "$@"; fi ;;
  counters:cat)
    if [[ $# -eq 1 && $1 == /sys/class/net/*/speed ]]; then echo 99999999999999999999; else real "$@"; fi ;;
  endless:ip)
    case $args in
      "-j neigh show" | "neigh show") exec yes '[{"dst":"10.0.0.1","dev":"eth0","lladdr":"02:00:00:00:00:01","state":["REACHABLE"]},' ;;
      *) real "$@" ;;
    esac ;;
  *) real "$@" ;;
esac
