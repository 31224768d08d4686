import type { LinkModes } from "./rows";
// Shapes the API and pages share. Secrets never appear here: only has* booleans.
import type { Platform } from "@/lib/domain/platform";
import type { CommandOutcome } from "@/lib/domain/snapshot";
import type { DetectedFinding, FindingKind, Severity } from "@/lib/domain/finding";
import type { StaleHost } from "@/lib/domain/staleness";

export const RUN_STATUSES = ["running", "ok", "partial", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

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
  /** What the user chose: a platform, or "auto" to detect it on each collection. */
  platform: Platform | "auto";
  detectedPlatform: Platform | null;
  /**
   * What netdiag collects it as: the chosen platform, or under "auto" the detected one (null
   * until a collection detected it). Clients read this, not `platform`, to know what a host is.
   */
  effectivePlatform: Platform | null;
  hasPrivateKey: boolean;
  hasPassphrase: boolean;
  hasPassword: boolean;
  /** Logs in with netdiag's own key pair. */
  useNetdiagKey: boolean;
  hostKeyFingerprint: string | null;
  hostKeyAlgorithm: string | null;
  hostKeyState: HostKeyState;
  offeredHostKeyFingerprint: string | null;
  legacySshAlgorithms: boolean;
  /** Where the host is ("default" until the user places it). */
  site: string;
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
  /** The NIC's own hardware address where the platform reports it (InterfaceRow.permanentMac). */
  permanentMac?: string | null;
  linkModes?: LinkModes | null;
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

/** As stored on the run (lib/domain/snapshot.ts), shown per command on the host page. */
export type CommandOutcomeView = CommandOutcome;

export type RunDetail = RunSummary & {
  durationMs: number | null;
  commands: CommandOutcomeView[];
  /** Shells the collection started on the host (one per SSH exec request), and channels used. */
  shellStarts: number | null;
  channels: number | null;
};

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
export const FINDING_STATUSES = ["open", "acknowledged", "muted", "resolved"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export type FindingView = Omit<DetectedFinding, "key" | "involvedHostIds"> & {
  id: number;
  scope: string;
  key: string;
  status: FindingStatus;
  /** The hosts it concerns that still exist, with their names for links. */
  hosts: { id: number; name: string }[];
  /** Hosts whose data proves it, not at fault themselves (DetectedFinding.involvedHostIds). */
  involvedHostIds: number[];
  involvedHosts: { id: number; name: string }[];
  firstSeenAt: string;
  lastSeenAt: string;
  /** Start of the current occurrence: later than firstSeenAt when it resolved and came back. */
  openedAt: string;
  resolvedAt: string | null;
  occurrences: number;
  statusReason: string | null;
  statusChangedAt: string | null;
  /**
   * Affected hosts whose data is old (lib/domain/staleness.ts): the finding is as of their last
   * collection. Empty when resolved.
   */
  staleHosts: StaleHost[];
};

export type SeverityCounts = Record<Severity, number>;

/**
 * How a finding list is ordered: worst first (then last seen, newest first), by when the
 * current occurrence began (newest or oldest first), or by how many hosts have the fault.
 */
export const FINDING_SORTS = ["severity", "newest", "oldest", "hosts"] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

/** A search is a few words, not a document: longer input is refused (API) or cut (page). */
export const FINDING_SEARCH_MAX_CHARS = 100;

/** Which findings a list shows (page filters, GET /api/findings). */
export type FindingFilter = {
  status?: FindingStatus | FindingStatus[];
  hostId?: number;
  kind?: FindingKind;
  severity?: Severity;
  scope?: string;
  /** Case-insensitive text in the title, explanation, subject or a host's name. */
  q?: string;
  sort?: FindingSort;
  take?: number;
};

/** The user's acknowledge / mute / reopen. */
export type StatusChange = { status: "acknowledged" | "muted" | "open"; reason?: string | null };

export const NEIGHBOR_EVENT_KINDS = ["appeared", "changed", "gone"] as const;
export type NeighborEventKind = (typeof NEIGHBOR_EVENT_KINDS)[number];

export type NeighborEventItem = {
  id: number;
  ip: string;
  mac: string | null;
  previousMac: string | null;
  interface: string | null;
  kind: NeighborEventKind;
  at: string;
};
