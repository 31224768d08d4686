import "server-only";
import { HostKeyMismatchError } from "./errors";
import type { HostKeyInfo } from "./fingerprint";
import { withSession, type SessionStats, type SshSession, type SshTarget } from "./session";

/**
 * Where a host's pinned key lives (lib/queries implements it; lib/ssh never imports it).
 * Errors it throws propagate unchanged out of withTrustedSession: a caller that wants
 * best-effort pinning wraps its store.
 */
export type HostKeyStore = {
  /**
   * Compare-and-set: pin `fingerprint` only if the stored fingerprint is still
   * `expectedCurrent` (null: none pinned). True if this call set it, false if the stored value
   * had changed meanwhile (then it must stay as it is). Pinning also clears a recorded
   * offered key.
   */
  pin(hostId: number, expectedCurrent: string | null, fingerprint: string, algorithm: string): Promise<boolean>;
  /** The host offered a key other than the pinned one: keep it for the user to compare and accept. */
  recordOffered(hostId: number, fingerprint: string, algorithm: string, at: Date): Promise<void>;
};

/**
 * - "matched": a key was pinned and the host showed it;
 * - "pinned": none was pinned, this run pinned the key it saw (trust on first use);
 * - "pin-lost": none was pinned when the run started, but by the time it pinned, the stored
 *   value had changed (a concurrent run pinned first, or the user accepted a key). The run
 *   went on and its result stands; the stored pin was not overwritten. Whether the stored key
 *   is the one this run saw is the caller's to re-read if it matters.
 */
export type TrustOutcome = "matched" | "pinned" | "pin-lost";

export type TrustedTarget = SshTarget & { hostId: number };

/**
 * withSession with trust on first use, for every caller the same way:
 * - `target.pinnedFingerprint` is the stored pin as the caller read it (null: none yet).
 * - Pinned and shown: nothing to store.
 * - None pinned: once logged in, the key seen is pinned with a compare-and-set against null,
 *   before `fn` runs. So a run whose `fn` throws has pinned it too (as before), and a session
 *   held open for long (an iperf test) pins at once rather than when it ends.
 * - The host shows another key: nothing is sent to it (the handshake stops at the key), the
 *   offered key is recorded, and the HostKeyMismatchError is rethrown.
 */
export async function withTrustedSession<T>(
  target: TrustedTarget,
  store: HostKeyStore,
  fn: (session: SshSession) => Promise<T>,
): Promise<{ result: T; hostKey: HostKeyInfo; stats: SessionStats; trust: TrustOutcome }> {
  const expected = target.pinnedFingerprint;
  let trust: TrustOutcome = "matched";
  try {
    const { result, hostKey, stats } = await withSession(target, async (session) => {
      if (expected === null) {
        const won = await store.pin(target.hostId, null, session.hostKey.fingerprint, session.hostKey.algorithm);
        trust = won ? "pinned" : "pin-lost";
      }
      return fn(session);
    });
    return { result, hostKey, stats, trust };
  } catch (err) {
    if (err instanceof HostKeyMismatchError) {
      await store.recordOffered(target.hostId, err.offeredFingerprint, err.offeredAlgorithm, new Date());
    }
    throw err;
  }
}
