import "server-only";
import { pinHostKeyIfUnchanged, recordOfferedHostKey, type HostCredentials } from "@/lib/queries/hosts";
import type { SessionStats, SshSession } from "@/lib/ssh/session";
import { withTrustedSession, type HostKeyStore } from "@/lib/ssh/trust";
import { sshTargetFor } from "./ssh-target";

// Logging in to a stored host, for every job (collection, MTU probes, iperf). Trust on first
// use and pinning live in lib/ssh/trust.ts; this gives it the host table as its key store.

const store: HostKeyStore = { pin: pinHostKeyIfUnchanged, recordOffered: recordOfferedHostKey };

/** Runs `fn` on a session to the host; the connection closes when it returns. */
export async function withHostSession<T>(host: HostCredentials, fn: (session: SshSession) => Promise<T>): Promise<{ result: T; stats: SessionStats }> {
  const { result, stats } = await withTrustedSession({ ...sshTargetFor(host), hostId: host.id }, store, fn);
  return { result, stats };
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
