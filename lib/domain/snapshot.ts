import type { Platform } from "./platform";
import { z } from "zod";
import type { InterfaceRow, NeighborRow } from "./rows";

/** What running one remote command produced. exitCode is null when killed by a signal. */
export type ExecResult = { stdout: string; stderr: string; exitCode: number | null; durationMs: number };

/**
 * Runs one fixed command string on the host, on the SSH connection of the job that runs it
 * (a collection, a probe batch, one end of an iperf test). Throws a typed error from
 * lib/ssh/errors on timeout or a dead connection. Commands are fixed strings from lib/collect,
 * or built from validated values in lib/iperf/command.ts and lib/mtu/ping.ts: never from
 * user input.
 */
export type Exec = (command: string) => Promise<ExecResult>;

/** Outcome of one command of a collection, stored on the run (JSON) and shown on the host page. */
export const commandOutcomeSchema = z.object({
  command: z.string(),
  ok: z.boolean(),
  durationMs: z.number(),
  /** Why it failed (non-zero exit with stderr, timeout, output that did not parse). */
  error: z.string().optional(),
  /** Lines a parser could not read; their presence makes the run "partial". */
  skipped: z.array(z.object({ line: z.string(), reason: z.string() })).optional(),
  /** The fallback command that replaced this one (e.g. iproute2 without JSON). */
  replacedBy: z.string().optional(),
});
export type CommandOutcome = z.infer<typeof commandOutcomeSchema>;

export type Snapshot = {
  platform: Platform;
  hostname: string | null;
  /** e.g. "Linux 6.1.0-18-amd64 x86_64" (uname -srm on Linux; from uname -a elsewhere) */
  kernel: string | null;
  /**
   * The distribution when the platform has several and it can be told: "pfSense 2.7.2-RELEASE",
   * "TrueNAS-13.0-U6.1", "OmniOS v11 r151046", "VMware ESXi 7.0.3 build-20036589", "macOS 14.2".
   */
  distribution?: string | null;
  interfaces: InterfaceRow[];
  neighbors: NeighborRow[];
  commands: CommandOutcome[];
  /** Platform-specific structure, stored as JSON on the run (e.g. the ESXi vmnic/vSwitch/portgroup/vmknic chain). */
  topology?: unknown;
};
