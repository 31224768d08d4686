import "server-only";
import { StringDecoder } from "node:string_decoder";
import {
  Client,
  type ClientChannel,
  type ConnectConfig,
  type PasswordAuthMethod,
  type PublicKeyAuthMethod,
} from "ssh2";
import type { Exec, ExecResult } from "@/lib/domain/snapshot";
import { env } from "@/lib/env";
import {
  CommandTimeoutError,
  HostKeyMismatchError,
  SshAuthError,
  SshChannelError,
  SshConnectError,
  SshError,
  SshProtocolError,
  describeTarget,
  formatSeconds,
  unbracket,
  type AuthMethodName,
  type SshErrorContext,
} from "./errors";
import { hostKeyInfoOf, type HostKeyInfo } from "./fingerprint";
import { parsePrivateKey } from "./keys";

export type { HostKeyInfo } from "./fingerprint";

export type SshTarget = {
  hostId?: number;
  address: string;
  port: number;
  username: string;
  privateKey?: string;
  passphrase?: string;
  password?: string;
  /** null = trust on first use: accept and report the key so the caller can pin it. */
  pinnedFingerprint: string | null;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
};

/** For long-running commands (an iperf3 test): their own timeout, and stdout as it arrives. */
export type RunOptions = { timeoutMs?: number; onStdout?: (text: string) => void };
export type SshSession = {
  exec: Exec;
  /** Like exec, with a per-call timeout and a stdout callback; same channel limit, same errors. */
  run: (command: string, opts?: RunOptions) => Promise<ExecResult>;
  hostKey: HostKeyInfo;
};

type ConnState = { closed: boolean; error?: Error };

/** sshd's MaxSessions defaults to 10 channels per connection; stay below it. */
export const MAX_CHANNELS_PER_CONNECTION = 8;
/** Per command, stdout + stderr together: a host printing garbage forever must not exhaust memory. */
export const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
/** How long to wait for a polite disconnect before dropping the socket. */
const CLOSE_GRACE_MS = 1000;

/**
 * Opens one SSH connection, runs `fn` with an `exec` that opens a channel per command on it,
 * and always closes the connection afterwards. Errors are the typed ones from ./errors.
 *
 * `exec` runs the string through the remote user's shell: callers must pass fixed command
 * constants (lib/collect), never anything built from user input.
 */
export async function withSession<T>(
  target: SshTarget,
  fn: (session: SshSession) => Promise<T>,
): Promise<{ result: T; hostKey: HostKeyInfo }> {
  const ctx: SshErrorContext = { hostId: target.hostId, address: target.address, port: target.port };
  const auth = authMethods(target, ctx);
  const conn = new Client();
  const state: ConnState = { closed: false };
  // ssh2 emits "error" for late failures too; without a listener that would crash the process.
  conn.on("error", (err) => {
    state.error ??= err;
  });
  conn.on("close", () => {
    state.closed = true;
  });
  try {
    const hostKey = await connect(conn, target, auth, ctx);
    const { exec, run } = makeExec(conn, state, target.commandTimeoutMs ?? env().sshCommandTimeoutMs, ctx);
    const result = await fn({ exec, run, hostKey });
    return { result, hostKey };
  } finally {
    await closeConnection(conn, state);
  }
}

type Auth = PublicKeyAuthMethod | PasswordAuthMethod;

/** Key first, then password: an explicit list, so ssh2 does not lead with "none" and password. */
function authMethods(target: SshTarget, ctx: SshErrorContext): Auth[] {
  const methods: Auth[] = [];
  const where = describeTarget(target.address, target.port);
  if (target.privateKey) {
    // Parse up front: ssh2 would otherwise skip an unusable key silently and report only
    // "All configured authentication methods failed".
    const parsed = parsePrivateKey(target.privateKey, target.passphrase);
    if (!parsed.ok) {
      throw new SshAuthError(`The private key saved for ${where} cannot be used: ${parsed.reason}.`, [], ctx);
    }
    methods.push({ type: "publickey", username: target.username, key: parsed.key });
  }
  if (target.password) {
    methods.push({ type: "password", username: target.username, password: target.password });
  }
  if (methods.length === 0) {
    throw new SshAuthError(`No private key or password is saved for ${where}.`, [], ctx);
  }
  return methods;
}

function connect(conn: Client, target: SshTarget, auth: Auth[], ctx: SshErrorContext): Promise<HostKeyInfo> {
  const timeoutMs = target.connectTimeoutMs ?? env().sshConnectTimeoutMs;
  let offered: HostKeyInfo | undefined;
  return new Promise((resolve, reject) => {
    const settle = (error: SshError | null) => {
      conn.off("ready", onReady).off("error", onError).off("close", onClose);
      if (error) reject(error);
      else if (offered) resolve(offered);
      else reject(new SshProtocolError(`${describeTarget(ctx.address, ctx.port)} logged in without showing a host key.`, ctx));
    };
    const onReady = () => settle(null);
    const onError = (err: Error) => settle(mapConnectError(err, target, auth, offered, timeoutMs, ctx));
    const onClose = () =>
      settle(
        new SshConnectError(
          "connect",
          `${describeTarget(ctx.address, ctx.port)} closed the connection before login finished. ` +
            `sshd may be refusing this client (MaxStartups, AllowUsers, tcp wrappers).`,
          ctx,
        ),
      );
    conn.on("ready", onReady).on("error", onError).on("close", onClose);

    const config: ConnectConfig = {
      host: unbracket(target.address),
      port: target.port,
      username: target.username,
      // Covers TCP connect + key exchange + authentication.
      readyTimeout: timeoutMs,
      authHandler: auth,
      // Without hostHash, ssh2 hands over the raw public key blob (what OpenSSH fingerprints).
      hostVerifier: (blob: Buffer) => {
        offered = hostKeyInfoOf(blob);
        return target.pinnedFingerprint === null || offered.fingerprint === target.pinnedFingerprint.trim();
      },
    };
    try {
      conn.connect(config);
      // Many small exec round trips on one connection: with Nagle on, each waits for a
      // delayed ACK (about 40 ms on Linux). The lab measured ~50 ms per exec with it, ~6 ms without.
      conn.setNoDelay(true);
    } catch (err) {
      onError(err as Error);
    }
  });
}

/** ssh2 errors carry `level` (client-socket, client-timeout, client-authentication, handshake, protocol). */
function mapConnectError(
  err: Error & { level?: string; code?: string },
  target: SshTarget,
  auth: Auth[],
  offered: HostKeyInfo | undefined,
  timeoutMs: number,
  base: SshErrorContext,
): SshError {
  const ctx = { ...base, cause: err };
  const where = describeTarget(target.address, target.port);
  if (offered && target.pinnedFingerprint !== null && offered.fingerprint !== target.pinnedFingerprint.trim()) {
    return new HostKeyMismatchError(
      {
        pinnedFingerprint: target.pinnedFingerprint,
        offeredFingerprint: offered.fingerprint,
        offeredAlgorithm: offered.algorithm,
      },
      ctx,
    );
  }
  if (err.level === "client-authentication") {
    const tried: AuthMethodName[] = auth.map((m) => m.type);
    const names = tried.map((t) => (t === "publickey" ? "private key" : "password")).join(" and ");
    return new SshAuthError(
      `${where} refused the login as "${target.username}" (tried: ${names}). Check the username, ` +
        `and that the matching public key is in that user's ~/.ssh/authorized_keys` +
        (tried.includes("password") ? " or that the password is right and sshd allows passwords." : "."),
      tried,
      ctx,
    );
  }
  switch (err.code) {
    case "ECONNREFUSED":
      return new SshConnectError(
        "refused",
        `${where} refused the connection: nothing is listening on port ${target.port}. ` +
          `Check that sshd is running and the port is right.`,
        ctx,
      );
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EHOSTDOWN":
    case "ENETDOWN":
      return new SshConnectError(
        "unreachable",
        `${where} cannot be reached (no route to the host). Check that it is powered on and on ` +
          `a network this server can reach.`,
        ctx,
      );
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
      return new SshConnectError(
        "dns",
        `The name "${target.address}" does not resolve. Check the spelling, or use the IP address.`,
        ctx,
      );
    case "ETIMEDOUT":
      return timeoutError(where, timeoutMs, ctx);
  }
  if (err.level === "client-timeout") return timeoutError(where, timeoutMs, ctx);
  if (err.level === "client-socket" || err.level === "client-dns") {
    return new SshConnectError("connect", `Could not connect to ${where}: ${err.message}.`, ctx);
  }
  return new SshProtocolError(`The SSH handshake with ${where} failed: ${err.message}.`, ctx);
}

function timeoutError(where: string, timeoutMs: number, ctx: SshErrorContext): SshConnectError {
  return new SshConnectError(
    "timeout",
    `${where} did not complete an SSH login within ${formatSeconds(timeoutMs)}. The host may be ` +
      `down, or a firewall may be dropping SSH traffic.`,
    ctx,
  );
}

function makeExec(conn: Client, state: ConnState, timeoutMs: number, ctx: SshErrorContext): Pick<SshSession, "exec" | "run"> {
  const limit = limiter(MAX_CHANNELS_PER_CONNECTION);
  return {
    exec: (command) => limit(() => runCommand(conn, state, command, timeoutMs, { ...ctx, command })),
    run: (command, opts = {}) =>
      limit(() => runCommand(conn, state, command, opts.timeoutMs ?? timeoutMs, { ...ctx, command }, opts.onStdout)),
  };
}

function runCommand(
  conn: Client,
  state: ConnState,
  command: string,
  timeoutMs: number,
  ctx: SshErrorContext & { command: string },
  onStdout?: (text: string) => void,
): Promise<ExecResult> {
  const where = describeTarget(ctx.address, ctx.port);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let settled = false;
    let channel: ClientChannel | undefined;
    const chunks: { out: Buffer[]; err: Buffer[] } = { out: [], err: [] };
    let bytes = 0;
    let exit: { code: number | null } | undefined;

    const finish = (error: SshError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        stop(channel);
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
    // The timer also covers opening the channel, which hangs when the connection does.
    const timer = setTimeout(() => finish(new CommandTimeoutError(timeoutMs, ctx)), timeoutMs);

    const collect = (into: Buffer[]) => (data: Buffer) => {
      if (settled) return;
      bytes += data.length;
      if (bytes > MAX_OUTPUT_BYTES) {
        finish(
          new SshChannelError(
            "output-too-large",
            `"${command}" printed more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB on ${where}, ` +
              `so it was stopped. The output is too large to be a normal answer.`,
            ctx,
          ),
        );
        return;
      }
      into.push(data);
    };

    try {
      conn.exec(command, (err, stream) => {
        if (err) {
          finish(new SshChannelError("channel", `Could not run "${command}" on ${where}: ${err.message}.`, { ...ctx, cause: err }));
          return;
        }
        channel = stream;
        if (settled) {
          stop(stream); // timed out while the channel was opening
          return;
        }
        stream.on("data", collect(chunks.out));
        if (onStdout) {
          const decoder = new StringDecoder("utf8");
          stream.on("data", (data: Buffer) => {
            if (!settled) onStdout(decoder.write(data));
          });
        }
        stream.stderr.on("data", collect(chunks.err));
        // ssh2: ("exit", code) for exit-status, ("exit", null, "SIGKILL", ...) for exit-signal.
        stream.on("exit", (code: number | null) => {
          exit = { code: typeof code === "number" ? code : null };
        });
        stream.on("close", () => {
          if (!exit && state.closed) {
            finish(
              new SshChannelError("channel", `The connection to ${where} was lost while "${command}" was running.`, {
                ...ctx,
                cause: state.error,
              }),
            );
          } else {
            finish(null);
          }
        });
        // Collector commands never read stdin; EOF keeps one that does from waiting forever.
        stream.end();
      });
    } catch (err) {
      // ssh2 throws synchronously when the connection is already gone.
      finish(new SshChannelError("channel", `Could not run "${command}" on ${where}: the connection is closed.`, { ...ctx, cause: err }));
    }
  });
}

/**
 * Best effort: ask sshd to KILL the process, then close the channel. OpenSSH (>= 7.9) honours
 * "signal" only for non-root logins ("session signalling requires privilege separation"); as
 * root a silent command such as `sleep` keeps running until it ends, one that writes dies of
 * SIGPIPE. Either way we stop waiting and the connection closes.
 */
function stop(channel: ClientChannel | undefined): void {
  if (!channel) return;
  try {
    channel.signal("KILL");
  } catch {}
  try {
    channel.close();
  } catch {}
}

function closeConnection(conn: Client, state: ConnState): Promise<void> {
  if (state.closed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      conn.destroy();
      resolve();
    }, CLOSE_GRACE_MS);
    conn.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
    conn.end();
  });
}

/** Runs at most `max` tasks at once; the rest wait in order. */
function limiter(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <R>(task: () => Promise<R>): Promise<R> => {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter so `active` stays accurate.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
