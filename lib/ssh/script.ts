import "server-only";

/**
 * One framed script per batch of commands (pure: no I/O). The script goes to the stdin of a
 * shell started by a fixed exec request (`SHELL_COMMAND`), so the user's login shell only has
 * to start that shell: its own syntax (bash, zsh, fish, tcsh, busybox ash, cmd.exe, PowerShell)
 * never matters.
 *
 * Framing. Each command's stdout and its stderr are framed on their own stream by lines
 *   "\n<marker>:begin:<i>\n"   ...output...   "\n<marker>:end:<i>:<exit code>\n"
 * The leading "\n" is always ours, so a command's output is exactly the bytes between the end
 * of its begin line and the "\n" that starts its end line, with or without a trailing newline
 * of its own, and whatever a login shell printed before (banners from .bashrc, .zshenv,
 * config.fish, sshd's "Could not chdir") or a stray background job printed between frames is
 * outside every frame and dropped.
 *
 * The marker is 128 random bits (crypto.randomBytes) per batch, made by the caller: commands
 * are fixed strings from lib/collect, and even a command printing hostile text cannot end its
 * frame early or forge another command's frame without knowing a marker it never sees (the
 * script is on the shell's stdin, not in any argv that `ps` shows).
 */

export type ScriptDialect = "posix" | "powershell";

/** The exec request that starts the script's interpreter; the script follows on stdin, then EOF. */
export const SHELL_COMMAND: Record<ScriptDialect, string> = {
  posix: "exec /bin/sh -s",
  powershell: "powershell -NoProfile -NonInteractive -Command -",
};

export const MARKER_PATTERN = /^[0-9a-f]{16,64}$/;

function checkMarker(marker: string): void {
  if (!MARKER_PATTERN.test(marker)) throw new TypeError("The frame marker must be 16-64 lowercase hex digits.");
}

/** POSIX single quotes hold every byte but NUL; a quote is closed, escaped and reopened. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/**
 * POSIX sh (dash, bash, busybox ash, ksh93, FreeBSD sh):
 * - `eval` inside a subshell: a command's syntax error, `exit` or `cd` stays inside it, and
 *   the next command still runs.
 * - `</dev/null`: a command that reads stdin would otherwise eat the rest of this script.
 * - No job control, so every process of the script stays in the session's process group, which
 *   is what sshd signals when a timed-out channel is stopped (./channel stop()).
 * - `|| exit 1` after each frame: once netdiag closed the channel (a timeout), sshd closes the
 *   pipes, the next frame fails with EPIPE and sh stops instead of running the commands that
 *   were already handed to a fresh channel. SIGPIPE would do it too, unless it was ignored on
 *   entry (then a script cannot un-ignore it).
 */
function buildPosix(commands: readonly string[], marker: string): string {
  const lines = [`__nd_frame() { printf '\\n${marker}:%s\\n' "$1" || exit 1; printf '\\n${marker}:%s\\n' "$1" >&2 || exit 1; }`];
  commands.forEach((command, i) => {
    if (command.includes("\0")) throw new TypeError(`Command ${i} contains a NUL byte.`);
    lines.push(`__nd_frame begin:${i}`, `(eval ${shellQuote(command)}) </dev/null`, `__nd_frame end:${i}:$?`);
  });
  lines.push("exit 0", "");
  return lines.join("\n");
}

/**
 * Windows PowerShell 5.1 (and pwsh), `-Command -`: it runs stdin line by line, so every
 * statement is one line (a block spanning lines would need a blank line to end it).
 * - Each command runs as cmd.exe would run it, which is what Windows OpenSSH's default shell
 *   does and what lib/collect/windows writes them for: `cmd.exe /d /s /c "<command>"` (/d: no
 *   AutoRun, cmd's rc file; /s: the outer quotes are stripped and the rest taken verbatim).
 * - Its stdout and stderr are copied as bytes to our own stdout and stderr (.NET streams), and
 *   the frames are written as bytes to the same streams. Write-Output would send native output
 *   through PowerShell's pipeline: decoded, re-encoded, split into lines, CRLF added.
 *   Process.ExitCode is the command's exit code ($LASTEXITCODE of a native call).
 * - Its stdin is a closed pipe (as /dev/null), so it cannot read this script.
 * - The command text travels as base64 of its UTF-8: nothing in it can break this script's
 *   quoting, and stdin's code page does not matter.
 */
function buildPowerShell(commands: readonly string[], marker: string): string {
  const lines = [
    "$ErrorActionPreference = 'Continue'; $ProgressPreference = 'SilentlyContinue'",
    "$__ndOut = [Console]::OpenStandardOutput(); $__ndErr = [Console]::OpenStandardError()",
    "function __ndWrite($s, [string]$t) { $b = [Text.Encoding]::UTF8.GetBytes($t); $s.Write($b, 0, $b.Length); $s.Flush() }",
    `function __ndFrame([string]$f) { $t = "\`n" + '${marker}:' + $f + "\`n"; __ndWrite $__ndOut $t; __ndWrite $__ndErr $t }`,
    "function __ndRun([int]$i, [string]$b64) { __ndFrame ('begin:' + $i); $code = 255; try { " +
      "$c = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b64)); " +
      "$si = New-Object Diagnostics.ProcessStartInfo; $si.FileName = $env:ComSpec; if (-not $si.FileName) { $si.FileName = 'cmd.exe' }; " +
      "$si.Arguments = '/d /s /c \"' + $c + '\"'; $si.UseShellExecute = $false; $si.CreateNoWindow = $true; " +
      "$si.RedirectStandardInput = $true; $si.RedirectStandardOutput = $true; $si.RedirectStandardError = $true; " +
      "$p = [Diagnostics.Process]::Start($si); $p.StandardInput.Close(); " +
      "$o = $p.StandardOutput.BaseStream.CopyToAsync($__ndOut); $e = $p.StandardError.BaseStream.CopyToAsync($__ndErr); " +
      "$o.Wait(); $e.Wait(); $p.WaitForExit(); $code = $p.ExitCode " +
      "} catch { __ndWrite $__ndErr ($_.Exception.Message + \"`n\") }; __ndFrame ('end:' + $i + ':' + $code) }",
  ];
  commands.forEach((command, i) => {
    lines.push(`__ndRun ${i} '${Buffer.from(command, "utf8").toString("base64")}'`);
  });
  // The last line must end with a newline or `-Command -` never runs it.
  lines.push("exit 0", "");
  return lines.join("\n");
}

/**
 * POSIX sh, every command at once (DF pings: each waits a second or more for its replies, and
 * one after the other a handful of them would take as long as a collection). Each command
 * runs in the background with its stdout and stderr in files of a private directory (0700,
 * name random per script), because parallel commands writing to one stream would cut into
 * each other's frames. Frames come out in order: command i's begin line, then (once it ended)
 * its output, stderr and end line, so one that hangs holds back only itself and the ones after
 * it, and its per-command timeout runs from its begin line, as in order. At most `width` run at
 * once (a window: the next starts as the oldest is done). No mktemp (not every
 * busybox has -d): `mkdir -m 700` of a fresh random name fails rather than reuse anything.
 * The directory goes when the script ends, and when sshd hangs up on it (a timeout).
 */
function buildPosixParallel(commands: readonly string[], marker: string, dirName: string, width: number): string {
  if (!/^[0-9a-f]{16,64}$/.test(dirName)) throw new TypeError("The work directory name must be 16-64 lowercase hex digits.");
  if (!Number.isInteger(width) || width < 1) throw new TypeError("The width must be a whole number of at least 1.");
  const lines = [
    `__nd_frame() { printf '\\n${marker}:%s\\n' "$1" || exit 1; printf '\\n${marker}:%s\\n' "$1" >&2 || exit 1; }`,
    `__nd_d="\${TMPDIR:-/tmp}/netdiag-${dirName}"`,
    `mkdir -m 700 "$__nd_d" || exit 1`,
    `trap 'rm -rf "$__nd_d"' EXIT`,
    `trap 'exit 1' HUP INT TERM`,
  ];
  const start = (i: number) => `(eval ${shellQuote(commands[i] ?? "")}) </dev/null >"$__nd_d/${i}.out" 2>"$__nd_d/${i}.err" & __nd_p${i}=$!`;
  commands.forEach((command, i) => {
    if (command.includes("\0")) throw new TypeError(`Command ${i} contains a NUL byte.`);
  });
  for (let i = 0; i < Math.min(width, commands.length); i++) lines.push(start(i));
  commands.forEach((_, i) => {
    lines.push(
      `__nd_frame begin:${i}`,
      `wait "$__nd_p${i}"; __nd_rc=$?`,
      `cat "$__nd_d/${i}.out" || exit 1`,
      `cat "$__nd_d/${i}.err" >&2 || exit 1`,
      `__nd_frame end:${i}:$__nd_rc`,
    );
    // A window of `width` at once: the next one starts as this one is done.
    if (i + width < commands.length) lines.push(start(i + width));
  });
  lines.push("exit 0", "");
  return lines.join("\n");
}

/**
 * The script that runs `commands`, command i framed with index i: in order, or for a posix
 * shell with `parallel` (a random hex name for its work directory) `width` (default all) at once.
 */
export function buildScript(commands: readonly string[], marker: string, dialect: ScriptDialect, parallel?: { dirName: string; width?: number }): string {
  checkMarker(marker);
  if (dialect === "powershell") {
    if (parallel) throw new TypeError("Parallel scripts are posix only.");
    return buildPowerShell(commands, marker);
  }
  return parallel ? buildPosixParallel(commands, marker, parallel.dirName, parallel.width ?? Math.max(1, commands.length)) : buildPosix(commands, marker);
}

export type FrameEvent =
  | { kind: "begin"; index: number }
  | { kind: "data"; index: number; bytes: Buffer }
  | { kind: "end"; index: number; exitCode: number };

const NEWLINE = 0x0a;
/** "begin:123456" or "end:123456:-2147483648", after "\n<marker>:", before its "\n". */
const FRAME_BODY_MAX = 32;
const FRAME_BODY = /^(?:begin:(\d{1,6})|end:(\d{1,6}):(-?\d{1,10}))$/;

/**
 * Reads one stream of a framed script as it arrives: push() chunks of any size (a frame line
 * may be split anywhere), get events in order; end() when the stream closed. Linear time;
 * holds back at most one frame line's worth of bytes; never throws on garbage. Bytes outside a
 * frame are dropped; an end line for a frame that is not open, and anything after
 * "\n<marker>:" that is not a frame body, count as plain bytes.
 */
export class FrameParser {
  private readonly needle: Buffer;
  private pending: Buffer = Buffer.alloc(0);
  private open: number | null = null;

  constructor(marker: string) {
    checkMarker(marker);
    this.needle = Buffer.from(`\n${marker}:`, "latin1");
  }

  /** The frame whose begin line came and whose end line has not (yet). */
  get openIndex(): number | null {
    return this.open;
  }

  push(chunk: Buffer): FrameEvent[] {
    const buf = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const events: FrameEvent[] = [];
    let pos = 0; // bytes before pos are dealt with
    let from = 0; // where to look for the next needle
    for (;;) {
      const at = buf.indexOf(this.needle, from);
      if (at < 0) {
        // Hold back a tail that may be the start of a needle cut by the chunk boundary.
        const keep = Math.min(buf.length - pos, this.needle.length - 1);
        this.emitData(events, buf.subarray(pos, buf.length - keep));
        this.pending = Buffer.from(buf.subarray(buf.length - keep));
        return events;
      }
      const bodyStart = at + this.needle.length;
      const window = buf.subarray(bodyStart, bodyStart + FRAME_BODY_MAX + 1);
      const newline = window.indexOf(NEWLINE);
      if (newline < 0 && window.length <= FRAME_BODY_MAX) {
        // Maybe a frame line cut by the chunk boundary: wait for the rest.
        this.emitData(events, buf.subarray(pos, at));
        this.pending = Buffer.from(buf.subarray(at));
        return events;
      }
      const frame = newline < 0 ? null : this.frameOf(window.toString("latin1", 0, newline));
      if (!frame) {
        // Not a frame: its "\n" is plain output; look again right after it.
        from = at + 1;
        continue;
      }
      this.emitData(events, buf.subarray(pos, at));
      events.push(frame);
      this.open = frame.kind === "begin" ? frame.index : null;
      // Every frame line has its own leading "\n", so this closing one belongs to the frame.
      pos = from = bodyStart + newline + 1;
    }
  }

  /** The stream ended: bytes held back belong to the open frame, if any (output cut off). */
  end(): FrameEvent[] {
    const events: FrameEvent[] = [];
    this.emitData(events, this.pending);
    this.pending = Buffer.alloc(0);
    return events;
  }

  private frameOf(body: string): FrameEvent | null {
    const m = FRAME_BODY.exec(body);
    if (!m) return null;
    if (m[1] !== undefined) return { kind: "begin", index: Number(m[1]) };
    const index = Number(m[2]);
    if (this.open !== index) return null;
    return { kind: "end", index, exitCode: Number(m[3]) };
  }

  private emitData(events: FrameEvent[], bytes: Buffer): void {
    if (this.open === null || bytes.length === 0) return;
    // A copy: the chunk's memory is ssh2's.
    events.push({ kind: "data", index: this.open, bytes: Buffer.from(bytes) });
  }
}

export type ParsedFrame = {
  index: number;
  output: Buffer;
  /** null when the end line never came (the stream was cut off inside the frame). */
  exitCode: number | null;
};

/** A whole stream at once: every frame that began, in order of appearance. */
export function parseFrames(output: string | Buffer, marker: string): ParsedFrame[] {
  const parser = new FrameParser(marker);
  const frames: ParsedFrame[] = [];
  const chunks = new Map<ParsedFrame, Buffer[]>();
  let current: ParsedFrame | undefined;
  const bytes = typeof output === "string" ? Buffer.from(output, "utf8") : output;
  for (const event of [...parser.push(bytes), ...parser.end()]) {
    if (event.kind === "begin") {
      current = { index: event.index, output: Buffer.alloc(0), exitCode: null };
      frames.push(current);
      chunks.set(current, []);
    } else if (current) {
      if (event.kind === "data") chunks.get(current)?.push(event.bytes);
      else current.exitCode = event.exitCode;
    }
  }
  for (const frame of frames) frame.output = Buffer.concat(chunks.get(frame) ?? []);
  return frames;
}
