import "server-only";
import { pinHostKeyIfUnchanged, recordOfferedHostKey, type HostCredentials } from "@/lib/queries/hosts";
import { HostKeyMismatchError } from "@/lib/ssh/errors";
import { withSession, type HostKeyInfo, type SshSession } from "@/lib/ssh/session";
import { sshTargetFor } from "./ssh-target";

// Logging in to a stored host, for every job (collection, MTU probes, iperf): the host key is
// trusted on first use and pinned with a compare-and-set (a run that started before the user
// accepted a new key cannot overwrite that choice), and a key that differs from the pin is
// refused and recorded for the host page to show.

async function keep(host: HostCredentials, seen: HostKeyInfo | undefined): Promise<void> {
  if (host.pinnedFingerprint || !seen) return;
  await pinHostKeyIfUnchanged(host.id, null, seen.fingerprint, seen.algorithm);
}

async function refused(host: HostCredentials, err: unknown): Promise<void> {
  if (err instanceof HostKeyMismatchError) await recordOfferedHostKey(host.id, err.offeredFingerprint, err.offeredAlgorithm, new Date());
}

/** Runs `fn` on a session to the host; the connection closes when it returns. */
export async function withHostSession<T>(host: HostCredentials, fn: (session: SshSession) => Promise<T>): Promise<T> {
  let seen: HostKeyInfo | undefined;
  try {
    const { result } = await withSession(sshTargetFor(host), (s) => {
      seen = s.hostKey;
      return fn(s);
    });
    await keep(host, seen);
    return result;
  } catch (err) {
    // A key that was shown and accepted stays pinned even when the work on it failed.
    await keep(host, seen);
    await refused(host, err);
    throw err;
  }
}

/** A session held open until `release` (an iperf test holds both ends at once). */
export function openHostSession(host: HostCredentials): Promise<{ session: SshSession; release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    let release!: () => void;
    const finished = new Promise<void>((r) => (release = r));
    let opened = false;
    const done = withHostSession(host, async (session) => {
      opened = true;
      resolve({
        session,
        release: async () => {
          release();
          await done.catch(() => undefined);
        },
      });
      await finished;
    });
    done.catch((err: unknown) => {
      if (!opened) reject(err);
    });
  });
}
