#!/bin/bash
# ForceCommand of every lab sshd (see lab/lab.sh). OpenSSH does not log the text of
# exec'd commands at any LogLevel, so this wrapper appends one line per session to the
# host's sshd log and then runs the command exactly as sshd would have: the user's
# shell with -c (or a login shell when no command was given).
#
# Line format (command last, backslashes and newlines escaped as \\, \n, \r):
#   lab-exec: time=<epoch seconds.micro> pid=<pid> user=<user> client=<ip>:<port> command=<command>
#   lab-exec: time=... pid=... user=... client=... shell
log=${1:?usage: sshd-cmdlog.sh LOGFILE [BINDIR]}
# BINDIR (per host, lab/state/<prefix>/hosts/<host>/bin) goes first on PATH when it exists:
# tests drop replacement commands there (a host whose `ip` prints garbage, replayed outputs).
bindir=${2:-}
if [[ -n $bindir && -d $bindir ]]; then export PATH="$bindir:$PATH"; fi
client=${SSH_CLIENT:-? ?}
client=${client% *}
client=${client/ /:}
if [[ -n ${SSH_ORIGINAL_COMMAND+x} ]]; then
  cmd=$SSH_ORIGINAL_COMMAND
  esc=${cmd//\\/\\\\}
  esc=${esc//$'\n'/\\n}
  esc=${esc//$'\r'/\\r}
  printf 'lab-exec: time=%s pid=%d user=%s client=%s command=%s\n' \
    "$EPOCHREALTIME" "$$" "${USER:-?}" "$client" "$esc" >>"$log" 2>/dev/null || true
  unset SSH_ORIGINAL_COMMAND
  exec "${SHELL:-/bin/sh}" -c "$cmd"
fi
printf 'lab-exec: time=%s pid=%d user=%s client=%s shell\n' \
  "$EPOCHREALTIME" "$$" "${USER:-?}" "$client" >>"$log" 2>/dev/null || true
exec -l "${SHELL:-/bin/sh}"
