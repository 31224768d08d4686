import "server-only";
import { StringDecoder } from "node:string_decoder";
import type { ClientChannel } from "ssh2";
import type { ExecResult } from "@/lib/domain/snapshot";
import { CommandTimeoutError, SshChannelError, describeTarget, type SshError, type SshErrorContext } from "./errors";
import type { ChannelPool } from "./channel-pool";
import type { ConnState } from "./connect";

// One command on one exec channel: its timeout, its output cap, stopping it.

/** Per command, stdout + stderr together: a host printing garbage forever must not exhaust memory. */
export const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

export function outputTooLarge(ctx: SshErrorContext & { command: string }): SshChannelError {
  return new SshChannelError(
    "output-too-large",
    `"${ctx.command}" printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB on ${describeTarget(ctx.address, ctx.port)}, ` +
      `so it was stopped. The output is too large to be a normal answer.`,
    ctx,
  );
}

export function connectionLost(ctx: SshErrorContext & { command: string }, state: ConnState): SshChannelError {
  return new SshChannelError(
    "channel",
    `The connection to ${describeTarget(ctx.address, ctx.port)} was lost while "${ctx.command}" was running.`,
    { ...ctx, cause: state.error },
  );
}

/**
 * `command` as the exec request of its own channel, through the remote user's login shell.
 * `timeoutMs` bounds opening the channel (which hangs when the connection does) and, from
 * the moment it is open, the command.
 */
export async function runCommand(
  pool: ChannelPool,
  state: ConnState,
  command: string,
  timeoutMs: number,
  ctx: SshErrorContext & { command: string },
  onStdout?: (text: string) => void,
): Promise<ExecResult> {
  const channel = await pool.open(command, timeoutMs, command);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let settled = false;
    const chunks: { out: Buffer[]; err: Buffer[] } = { out: [], err: [] };
    let bytes = 0;
    let exit: { code: number | null } | undefined;

    const finish = (error: SshError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        pool.abandon(channel);
        reject(error);
        return;
      }
      resolve({
        stdout: Buffer.concat(chunks.out).toString("utf8"),
        stderr: Buffer.concat(chunks.err).toString("utf8"),
        exitCode: exit?.code ?? null,
        durationMs: Math.round(performance.now() - started),
      });
    };
    const timer = setTimeout(() => finish(new CommandTimeoutError(timeoutMs, ctx)), timeoutMs);

    const collect = (into: Buffer[]) => (data: Buffer) => {
      if (settled) return;
      bytes += data.length;
      if (bytes > MAX_OUTPUT_BYTES) {
        finish(outputTooLarge(ctx));
        return;
      }
      into.push(data);
    };

    channel.on("data", collect(chunks.out));
    if (onStdout) {
      const decoder = new StringDecoder("utf8");
      channel.on("data", (data: Buffer) => {
        if (!settled) onStdout(decoder.write(data));
      });
    }
    channel.stderr.on("data", collect(chunks.err));
    // ssh2: ("exit", code) for exit-status, ("exit", null, "SIGKILL", ...) for exit-signal.
    channel.on("exit", (code: number | null) => {
      exit = { code: typeof code === "number" ? code : null };
    });
    channel.on("close", () => finish(!exit && state.closed ? connectionLost(ctx, state) : null));
    // Collector commands never read stdin; EOF keeps one that does from waiting forever.
    channel.end();
  });
}

type ChannelInternals = {
  outgoing?: { id?: unknown; state?: unknown };
  _client?: { _protocol?: { signal?: unknown } };
};

/**
 * Best effort: ask sshd to KILL the command, then close the channel. sshd signals the
 * session's whole process group (session.c session_signal_req: killpg), so a batch's shell and
 * the command it is running die together. OpenSSH (>= 7.9) honours "signal" only for non-root
 * logins ("session signalling requires privilege separation"); as root a silent command such
 * as `sleep` keeps running until it ends, one that writes dies of SIGPIPE. Either way we stop
 * waiting and the connection closes.
 *
 * ssh2's channel.signal() sends nothing once stdin is closed (it checks `writable`), and every
 * channel here closes stdin at once; the request itself is valid after EOF (RFC 4254 5.3: EOF
 * ends only data, the channel stays open). So the request goes out through ssh2's protocol object, exactly as
 * channel.signal() would send it (ssh2 1.17, lib/Channel.js). Before, no signal was ever sent;
 * checked against OpenSSH 9.2's debug log ("session_signal_req: signal KILL, killpg(...)").
 */
export function stop(channel: ClientChannel): void {
  try {
    const c = channel as unknown as ChannelInternals;
    const protocol = c._client?._protocol;
    const { id, state } = c.outgoing ?? {};
    // "eof" once stdin is closed; "closing"/"closed" once a close was sent.
    if ((state === "open" || state === "eof") && typeof id === "number" && typeof protocol?.signal === "function") {
      protocol.signal.call(protocol, id, "KILL");
    }
  } catch {}
  try {
    channel.close();
  } catch {}
}
