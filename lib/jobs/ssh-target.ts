import "server-only";
import { env } from "@/lib/env";
import type { HostCredentials } from "@/lib/queries/hosts";
import type { SshTarget } from "@/lib/ssh/session";

/** A stored host as lib/ssh wants it, with the configured timeouts. Used by every SSH caller. */
export function sshTargetFor(h: HostCredentials): SshTarget {
  return {
    hostId: h.id,
    address: h.address,
    port: h.port,
    username: h.username,
    privateKey: h.privateKey,
    passphrase: h.passphrase,
    password: h.password,
    pinnedFingerprint: h.pinnedFingerprint,
    legacyAlgorithms: h.legacySshAlgorithms,
    connectTimeoutMs: env().sshConnectTimeoutMs,
    commandTimeoutMs: env().sshCommandTimeoutMs,
  };
}
