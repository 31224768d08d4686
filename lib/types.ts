// Shapes the API and pages share. Secrets never appear here: only has* booleans.
import type { Platform } from "@/lib/collect/collector";

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
