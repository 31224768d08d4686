import "server-only";

/**
 * Typed SSH failures. `code` is stable (stored on collection runs, mapped to HTTP answers);
 * `message` is written for a homelabber reading it on the host page. Messages and context
 * never carry key material or passwords: callers may log and display them as they are.
 */
export type SshErrorCode =
  | SshConnectErrorCode
  | "auth"
  | "host-key-changed"
  | "command-timeout"
  | SshChannelErrorCode
  | "protocol";

export type SshConnectErrorCode = "unreachable" | "refused" | "timeout" | "dns" | "connect";
export type SshChannelErrorCode = "channel" | "output-too-large";

export type SshErrorContext = {
  hostId?: number;
  address: string;
  port: number;
  command?: string;
  cause?: unknown;
};

export abstract class SshError extends Error {
  abstract readonly code: SshErrorCode;
  readonly hostId?: number;
  readonly address: string;
  readonly port: number;
  readonly command?: string;

  constructor(message: string, ctx: SshErrorContext) {
    super(message, ctx.cause === undefined ? undefined : { cause: ctx.cause });
    this.name = new.target.name;
    this.hostId = ctx.hostId;
    this.address = ctx.address;
    this.port = ctx.port;
    this.command = ctx.command;
  }
}

/** "host:22", with brackets for IPv6 literals so the port stays readable. */
export function describeTarget(address: string, port: number): string {
  const bare = unbracket(address);
  return bare.includes(":") ? `[${bare}]:${port}` : `${bare}:${port}`;
}

/** "[fe80::1]" -> "fe80::1": the host form may store IPv6 literals bracketed. */
export function unbracket(address: string): string {
  return address.replace(/^\[(.*)\]$/, "$1");
}

export class SshConnectError extends SshError {
  readonly code: SshConnectErrorCode;
  constructor(code: SshConnectErrorCode, message: string, ctx: SshErrorContext) {
    super(message, ctx);
    this.code = code;
  }
}

export type AuthMethodName = "publickey" | "password";

export class SshAuthError extends SshError {
  readonly code = "auth" as const;
  /** What we offered; empty when the key could not be used at all (see message). */
  readonly methodsTried: AuthMethodName[];
  constructor(message: string, methodsTried: AuthMethodName[], ctx: SshErrorContext) {
    super(message, ctx);
    this.methodsTried = methodsTried;
  }
}

export class HostKeyMismatchError extends SshError {
  readonly code = "host-key-changed" as const;
  readonly pinnedFingerprint: string;
  readonly offeredFingerprint: string;
  readonly offeredAlgorithm: string;
  constructor(
    offered: { pinnedFingerprint: string; offeredFingerprint: string; offeredAlgorithm: string },
    ctx: SshErrorContext,
  ) {
    super(
      `The SSH host key of ${describeTarget(ctx.address, ctx.port)} has changed: ` +
        `netdiag expected ${offered.pinnedFingerprint} but the host offered ` +
        `${offered.offeredFingerprint} (${offered.offeredAlgorithm}). If you reinstalled the host ` +
        `or regenerated its SSH keys, accept the new key; otherwise something may be ` +
        `intercepting the connection. Nothing was sent to the host.`,
      ctx,
    );
    this.pinnedFingerprint = offered.pinnedFingerprint;
    this.offeredFingerprint = offered.offeredFingerprint;
    this.offeredAlgorithm = offered.offeredAlgorithm;
  }
}

export class CommandTimeoutError extends SshError {
  readonly code = "command-timeout" as const;
  readonly timeoutMs: number;
  /** "run": it started and did not finish; "start": it never started (channel or shell startup hung). */
  readonly phase: "run" | "start";
  constructor(timeoutMs: number, ctx: SshErrorContext & { command: string }, phase: "run" | "start" = "run") {
    const where = describeTarget(ctx.address, ctx.port);
    super(
      phase === "run"
        ? `"${ctx.command}" did not finish within ${formatSeconds(timeoutMs)} on ${where}; ` +
            `netdiag stopped waiting and closed its channel.`
        : `"${ctx.command}" did not start within ${formatSeconds(timeoutMs)} on ${where}: opening the ` +
            `channel or starting the shell hung (a login script such as ~/.bashrc may be waiting for ` +
            `something); netdiag stopped waiting and closed its channel.`,
      ctx,
    );
    this.timeoutMs = timeoutMs;
    this.phase = phase;
  }
}

/** A channel could not be opened, died with the connection, or printed too much. */
export class SshChannelError extends SshError {
  readonly code: SshChannelErrorCode;
  constructor(code: SshChannelErrorCode, message: string, ctx: SshErrorContext) {
    super(message, ctx);
    this.code = code;
  }
}

/** The SSH conversation itself failed (no common algorithms, malformed packets, ...). */
export class SshProtocolError extends SshError {
  readonly code = "protocol" as const;
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
