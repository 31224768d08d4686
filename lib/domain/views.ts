// Shapes the API and pages share. Secrets never appear here: only has* booleans.
import type { Platform } from "@/lib/domain/platform";
import type { DetectedFinding, Severity } from "@/lib/domain/finding";

export type RunStatus = "running" | "ok" | "partial" | "failed";

export type RunSummary = {
  hostId: number;
  runId: number;
  status: RunStatus;
  error: string | null;
  errorCode: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export type HostKeyState = "unknown" | "pinned" | "changed";

export type HostView = {
  id: number;
  name: string;
  address: string;
  port: number;
  username: string;
  platform: Platform | "auto";
  detectedPlatform: Platform | null;
  hasPrivateKey: boolean;
  hasPassphrase: boolean;
  hasPassword: boolean;
  hostKeyFingerprint: string | null;
  hostKeyAlgorithm: string | null;
  hostKeyState: HostKeyState;
  offeredHostKeyFingerprint: string | null;
  hostname: string | null;
  kernel: string | null;
  /** e.g. "pfSense 2.7.2-RELEASE", "OmniOS v11 r151046": when the platform has several and it could be told. */
  distribution: string | null;
  createdAt: string;
  lastRun: RunSummary | null;
};

export type HostListItem = HostView & { interfaceCount: number; neighborCount: number; snapshotAt: string | null };

export type InterfaceView = {
  name: string;
  kind: string | null;
  mac: string | null;
  mtu: number | null;
  state: string;
  speedMbps: number | null;
  duplex: string | null;
  driver: string | null;
  addresses: string[];
  rxBytes: number | null;
  txBytes: number | null;
  rxPackets: number | null;
  txPackets: number | null;
  rxErrors: number | null;
  txErrors: number | null;
  rxDropped: number | null;
  txDropped: number | null;
};

export type InterfaceWithRates = InterfaceView & { rxBitsPerSecond: number | null; txBitsPerSecond: number | null };

export type NeighborView = { ip: string; mac: string | null; interface: string | null; state: string; router: boolean };

export type CommandOutcomeView = {
  command: string;
  ok: boolean;
  durationMs: number;
  error?: string;
  skipped?: { line: string; reason: string }[];
  replacedBy?: string;
};

export type RunDetail = RunSummary & { durationMs: number | null; commands: CommandOutcomeView[] };

export type HostSnapshotView = {
  runId: number;
  takenAt: string;
  /** Seconds between this snapshot and the previous one the rates were computed from. */
  rateWindowSec: number | null;
  interfaces: InterfaceWithRates[];
  neighbors: NeighborView[];
};

// Findings (lib/queries/findings.ts). A finding is what a detector reported (lib/analysis/types.ts)
// plus its tracking: status, first/last seen, and the hosts it concerns.
export type FindingStatus = "open" | "acknowledged" | "muted" | "resolved";

export type FindingView = Omit<DetectedFinding, "key"> & {
  id: number;
  scope: string;
  key: string;
  status: FindingStatus;
  /** The hosts it concerns that still exist, with their names for links. */
  hosts: { id: number; name: string }[];
  firstSeenAt: string;
  lastSeenAt: string;
  /** Start of the current occurrence: later than firstSeenAt when it resolved and came back. */
  openedAt: string;
  resolvedAt: string | null;
  occurrences: number;
  statusReason: string | null;
  statusChangedAt: string | null;
};

export type SeverityCounts = Record<Severity, number>;

export type NeighborEventItem = {
  id: number;
  ip: string;
  mac: string | null;
  previousMac: string | null;
  interface: string | null;
  kind: "appeared" | "changed" | "gone";
  at: string;
};
