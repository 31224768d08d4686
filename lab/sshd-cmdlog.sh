#!/bin/bash
# ForceCommand of every lab sshd (see lab/lab.sh). OpenSSH does not log the text of
# exec'd commands at any LogLevel, so this wrapper appends one line per session to the
# host's sshd log and then runs the command exactly as sshd would have: the user's
# shell with -c (or a login shell when no command was given).
#
# Line format (command last, backslashes and newlines escaped as \\, \n, \r):
#   lab-exec: time=<epoch seconds.micro> pid=<pid> user=<user> client=<ip>:<port> command=<command>
#   lab-exec: time=... pid=... user=... client=... shell
# When the command reads a script from stdin (`/bin/sh -s` or `exec /bin/sh -s`, with or
# without arguments), each line of that script is logged as well, same pid, same escaping:
#   lab-script: pid=<pid> line=<script line>
log=${1:?usage: sshd-cmdlog.sh LOGFILE [BINDIR]}
# BINDIR (per host, lab/state/<prefix>/hosts/<host>/bin) goes first on PATH when it exists:
# tests drop replacement commands there (a host whose `ip` prints garbage, replayed outputs).
bindir=${2:-}
if [[ -n $bindir && -d $bindir ]]; then export PATH="$bindir:$PATH"; fi
client=${SSH_CLIENT:-? ?}
client=${client% *}
client=${client/ /:}
shell=${SHELL:-/bin/sh}
# sshd runs a ForceCommand through the user's shell (`$SHELL -c 'bash sshd-cmdlog.sh ...'`),
# and that shell has already read the user's rc files, once, as sshd's own shell would
# have. The shell that runs the command here must not read them a second time (a slow or
# noisy rc would cost twice, and a shell-start counter would count two): bash reads
# ~/.bashrc for every `bash -c` while SSH_CLIENT is set (Debian builds it with
# SSH_SOURCE_BASHRC), and zsh, fish and tcsh read theirs for `-c` too, so each gets its
# "no rc files" option. Exported variables from the rc files are inherited; aliases and
# functions are not.
norc=()
case ${shell##*/} in
  bash) norc=(--norc) ;;      # skips ~/.bashrc (and /etc/bash.bashrc)
  zsh) norc=(-f) ;;           # still reads /etc/zsh/zshenv, as every zsh does
  fish) norc=(--no-config) ;; # skips ~/.config/fish/config.fish, conf.d and /etc/fish
  tcsh | csh) norc=(-f) ;;    # skips ~/.tcshrc (and ~/.cshrc)
esac
if [[ -n ${SSH_ORIGINAL_COMMAND+x} ]]; then
  cmd=$SSH_ORIGINAL_COMMAND
  esc=${cmd//\\/\\\\}
  esc=${esc//$'\n'/\\n}
  esc=${esc//$'\r'/\\r}
  printf 'lab-exec: time=%s pid=%d user=%s client=%s command=%s\n' \
    "$EPOCHREALTIME" "$$" "${USER:-?}" "$client" "$esc" >>"$log" 2>/dev/null || true
  unset SSH_ORIGINAL_COMMAND
  if [[ $cmd =~ ^[[:space:]]*(exec[[:space:]]+)?/bin/sh[[:space:]]+-s([[:space:]]|$) ]]; then
    # The script comes on stdin. perl (perl-base: always on Debian) copies stdin to the
    # command byte for byte, chunk by chunk as it arrives, and appends each complete line
    # to the log before it passes that chunk on (the last line without a newline at EOF),
    # so every line is logged before the shell can run it. It holds none of the session's
    # output: when the command exits, the session ends as it would without this wrapper.
    # lastpipe: `exec` replaces this process (same pid as in the log) with the shell, whose
    # stdin is the pipe from perl.
    shopt -s lastpipe
    perl -e '
      my ($log, $pid) = @ARGV;
      open(my $L, ">>", $log) or undef $L;
      my ($buf, $data, $out) = ("", "", "");
      sub esc { my $s = shift; $s =~ s/\\/\\\\/g; $s =~ s/\r/\\r/g; "lab-script: pid=$pid line=$s\n" }
      while (1) {
        my $n = sysread(STDIN, $data, 65536);
        last unless $n;
        $buf .= $data;
        $out = "";
        while ((my $i = index($buf, "\n")) >= 0) { $out .= esc(substr($buf, 0, $i)); substr($buf, 0, $i + 1, ""); }
        syswrite($L, $out) if $L && length $out;
        for (my $off = 0; $off < $n;) { my $w = syswrite(STDOUT, $data, $n - $off, $off); exit 0 unless defined $w; $off += $w; }
      }
      syswrite($L, esc($buf)) if $L && length $buf;
    ' "$log" "$$" 2>/dev/null | exec "$shell" "${norc[@]}" -c "$cmd"
  fi
  exec "$shell" "${norc[@]}" -c "$cmd"
fi
printf 'lab-exec: time=%s pid=%d user=%s client=%s shell\n' \
  "$EPOCHREALTIME" "$$" "${USER:-?}" "$client" >>"$log" 2>/dev/null || true
exec -l "$shell"
