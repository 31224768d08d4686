import "server-only";
import type { HostCredentials } from "@/lib/queries/hosts";
import { SshConnectError, SshError } from "@/lib/ssh/errors";
import type { SshSession } from "@/lib/ssh/session";
import { killCommand } from "@/lib/iperf/command";
import { openHostSession } from "../host-session";

// The two ends of a test: SSH sessions held open for the whole run, and the remote iperf3
// processes started on them (by pid, so cancel and cleanup can stop exactly those).

export type RunControl = {
  id: number;
  hosts: [number, number];
  cancelled: boolean;
  /** Remote iperf3 processes of this run, by pid, for cancel and cleanup. */
  procs: Set<{ session: SshSession; pid: number }>;
  stop?: () => Promise<void>;
};

export type Held = { host: HostCredentials; session: SshSession; release: () => Promise<void> };

/** Opens a trusted session and keeps it open until `release`, so two hosts can be held at once. */
export async function hold(host: HostCredentials): Promise<Held> {
  const held = await openHostSession(host);
  return { host, session: held.session, release: held.release };
}

export function sshFailure(err: unknown, who: string): { code: string; message: string } {
  if (err instanceof SshConnectError) return { code: "host-down", message: `Could not reach ${who}: ${err.message}` };
  if (err instanceof SshError) return { code: err.code === "auth" ? "ssh-auth" : err.code, message: `${who}: ${err.message}` };
  return { code: "internal", message: `${who}: ${err instanceof Error ? err.message : "unknown error"}` };
}

/** Kills one remote iperf3 (a second exec: OpenSSH ignores channel signals for root) and forgets it. */
export async function kill(ctrl: RunControl, session: SshSession, pid: number) {
  try {
    await session.exec(killCommand([pid]));
  } catch {
    // the host or connection is gone: nothing left to stop from here
  }
  for (const p of ctrl.procs) if (p.session === session && p.pid === pid) ctrl.procs.delete(p);
}

