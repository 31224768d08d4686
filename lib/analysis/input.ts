// What the collection detectors read: every host's latest (and previous) stored snapshot
// plus recent neighbor history. lib/queries/analysis-input.ts builds it from the database;
// tests build it by hand. Plain data only (numbers, ISO strings), no Prisma types.
import type { Platform } from "@/lib/domain/platform";
import type { InterfaceView, NeighborEventItem, NeighborView } from "@/lib/domain/views";
import type { DfProbeRecord } from "./mtu-df";

export type AnalysisSnapshot = {
  runId: number;
  /** ISO time the snapshot was taken (its run's start). */
  takenAt: string;
  interfaces: InterfaceView[];
  neighbors: NeighborView[];
};

export type AnalysisHost = {
  id: number;
  name: string;
  /** Configured platform, or the detected one when configured as "auto". */
  platform: Platform | null;
  /** As the host reported it (uname -n); together with its NICs, it tells aliases apart. */
  hostname: string | null;
  latest: AnalysisSnapshot;
  previous: AnalysisSnapshot | null;
  /**
   * For interfaces that are down in `latest`: ISO time of the newest earlier snapshot that
   * showed them up. Absent when never seen up.
   */
  lastUpAt: Record<string, string>;
  /** Run.topology of the latest snapshot, parsed (e.g. the ESXi vmnic/vSwitch/portgroup/vmknic chain). */
  topology: unknown;
};

/** A stored neighbor event (lib/domain/views.ts) with the host and run it was seen in. */
export type NeighborEventView = Omit<NeighborEventItem, "id"> & { hostId: number; runId: number };

export type AnalysisInput = {
  now: Date;
  /** Hosts with at least one stored snapshot. */
  hosts: AnalysisHost[];
  /** Neighbor history of every host, at least the last FLIP_FLOP_WINDOW_MS before `now`. */
  neighborEvents: NeighborEventView[];
  /**
   * The newest stored don't-fragment ping of every probe path (lib/jobs/mtu-probes.ts): the
   * passive MTU-mismatch finding shows those that prove it. Absent: none known.
   */
  mtuProbes?: DfProbeRecord[];
};
