import "server-only";
import type { Exec, ExecResult } from "@/lib/domain/snapshot";
import { env } from "@/lib/env";
import { batchExec, runBatch, startBatch, type BatchItem, type BatchOptions } from "./batch";
import { runCommand } from "./channel";
import { ChannelPool, type SessionStats } from "./channel-pool";
import { authMethods, closeConnection, connect, newClient, type ConnectTarget } from "./connect";
import type { SshErrorContext } from "./errors";
import type { HostKeyInfo } from "./fingerprint";

export type { HostKeyInfo } from "./fingerprint";
export type { BatchItem, BatchOptions } from "./batch";
export type { SessionStats } from "./channel-pool";
export type { ScriptDialect } from "./script";
export { MAX_CHANNELS_PER_CONNECTION } from "./channel-pool";
export { MAX_OUTPUT_BYTES } from "./channel";

export type SshTarget = ConnectTarget & {
  hostId?: number;
  commandTimeoutMs?: number;
};

/** For long-running commands (an iperf3 test): their own timeout, and stdout as it arrives. */
export type RunOptions = { timeoutMs?: number; onStdout?: (text: string) => void };

export type SshSession = {
  /** One command, one channel, through the remote user's login shell. */
  exec: Exec;
  /** Like exec, with a per-call timeout and a stdout callback; same channel limit, same errors. */
  run: (command: string, opts?: RunOptions) => Promise<ExecResult>;
  /**
   * Many commands in order in ONE channel (one login shell on the host), each framed in a
   * script for /bin/sh (or PowerShell): see ./batch. One outcome per command, in order.
   */
  runBatch: (commands: readonly string[], opts?: BatchOptions) => Promise<BatchItem[]>;
  /** The same, one promise per command, each settled as soon as that command ended. */
  startBatch: (commands: readonly string[], opts?: BatchOptions) => Promise<ExecResult>[];
  /**
   * An Exec for a collector: the listed commands run now as one batch; exec answers from it,
   * and runs any other command as a batch of one. Collectors written for exec work unchanged.
   */
  batchExec: (commands: readonly string[], opts?: BatchOptions) => Exec;
  /** Channels opened, exec requests made, most channels open at once, so far. */
  stats: () => SessionStats;
  hostKey: HostKeyInfo;
};

/**
 * Opens one SSH connection, runs `fn` with a session whose commands share it, and always
 * closes the connection afterwards. Errors are the typed ones from ./errors.
 *
 * `exec` and `run` run the string through the remote user's shell, and a batch through
 * /bin/sh: callers must pass fixed command constants (lib/collect), never anything built from
 * user input.
 */
export async function withSession<T>(
  target: SshTarget,
  fn: (session: SshSession) => Promise<T>,
): Promise<{ result: T; hostKey: HostKeyInfo; stats: SessionStats }> {
  const ctx: SshErrorContext = { hostId: target.hostId, address: target.address, port: target.port };
  const auth = authMethods(target, ctx);
  const { conn, state } = newClient();
  try {
    const hostKey = await connect(conn, target, auth, ctx);
    const pool = new ChannelPool(conn, state, ctx);
    const timeoutMs = target.commandTimeoutMs ?? env().sshCommandTimeoutMs;
    const batch = (opts: BatchOptions = {}) => ({
      pool,
      state,
      ctx,
      timeoutMs: opts.timeoutMs ?? timeoutMs,
      dialect: opts.dialect ?? "posix",
      parallel: opts.parallel ?? null,
    });
    const session: SshSession = {
      exec: (command) => runCommand(pool, state, command, timeoutMs, { ...ctx, command }),
      run: (command, opts = {}) => runCommand(pool, state, command, opts.timeoutMs ?? timeoutMs, { ...ctx, command }, opts.onStdout),
      runBatch: (commands, opts) => runBatch(batch(opts), commands),
      startBatch: (commands, opts) => startBatch(batch(opts), commands),
      batchExec: (commands, opts) => batchExec(batch(opts), commands),
      stats: () => pool.stats(),
      hostKey,
    };
    const result = await fn(session);
    return { result, hostKey, stats: pool.stats() };
  } finally {
    await closeConnection(conn, state);
  }
}
