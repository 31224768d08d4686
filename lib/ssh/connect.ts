import "server-only";
import { Client, type ConnectConfig, type PasswordAuthMethod, type PublicKeyAuthMethod } from "ssh2";
import { env } from "@/lib/env";
import {
  HostKeyMismatchError,
  SshAuthError,
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
import { legacyAlgorithmHint, sshAlgorithms } from "./algorithms";

// Connecting, authenticating and closing one SSH connection; ssh2's errors mapped to ./errors.

/** What the connection needs to know about the host; SshTarget (./session) is a superset. */
export type ConnectTarget = {
  address: string;
  port: number;
  username: string;
  privateKey?: string;
  passphrase?: string;
  password?: string;
  /** null = trust on first use: accept and report the key so the caller can pin it. */
  pinnedFingerprint: string | null;
  /** The host's "allow legacy SSH algorithms" setting (./algorithms.ts). */
  legacyAlgorithms?: boolean;
  connectTimeoutMs?: number;
};

/** The connection as ssh2 reported it: closed, and its first error. */
export type ConnState = { closed: boolean; error?: Error };

/** How long to wait for a polite disconnect before dropping the socket. */
const CLOSE_GRACE_MS = 1000;

/**
 * A new client whose late errors are recorded on `state` (ssh2 emits "error" for failures
 * after login too; without a listener that would crash the process).
 */
export function newClient(): { conn: Client; state: ConnState } {
  const conn = new Client();
  const state: ConnState = { closed: false };
  conn.on("error", (err) => {
    state.error ??= err;
  });
  conn.on("close", () => {
    state.closed = true;
  });
  return { conn, state };
}

export type Auth = PublicKeyAuthMethod | PasswordAuthMethod;

/** Key first, then password: an explicit list, so ssh2 does not lead with "none" and password. */
export function authMethods(target: ConnectTarget, ctx: SshErrorContext): Auth[] {
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

export function connect(conn: Client, target: ConnectTarget, auth: Auth[], ctx: SshErrorContext): Promise<HostKeyInfo> {
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
      algorithms: sshAlgorithms(target.legacyAlgorithms ?? false),
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
  target: ConnectTarget,
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
  return new SshProtocolError(`The SSH handshake with ${where} failed: ${err.message}.${legacyAlgorithmHint(err.message, target.legacyAlgorithms ?? false)}`, ctx);
}

function timeoutError(where: string, timeoutMs: number, ctx: SshErrorContext): SshConnectError {
  return new SshConnectError(
    "timeout",
    `${where} did not complete an SSH login within ${formatSeconds(timeoutMs)}. The host may be ` +
      `down, or a firewall may be dropping SSH traffic.`,
    ctx,
  );
}

export function closeConnection(conn: Client, state: ConnState): Promise<void> {
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
