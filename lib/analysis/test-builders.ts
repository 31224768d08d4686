// Small hand-built snapshots for the detector tests (lib/analysis/*.test.ts).
import type { InterfaceView, NeighborView } from "@/lib/domain/views";
import type { AnalysisHost, AnalysisInput, NeighborEventView } from "./input";
import type { DfProbeRecord } from "./mtu-df";

export const NOW = new Date("2026-03-01T12:00:00.000Z");
export const T0 = "2026-03-01T11:55:00.000Z";
export const T_PREV = "2026-03-01T11:50:00.000Z";

export function nic(name: string, mac: string | null, addresses: string[], o: Partial<InterfaceView> = {}): InterfaceView {
  return {
    name,
    kind: "ether",
    mac,
    mtu: 1500,
    state: "up",
    speedMbps: 1000,
    duplex: "full",
    driver: "e1000e",
    addresses,
    rxBytes: 1000,
    txBytes: 1000,
    rxPackets: 100,
    txPackets: 100,
    rxErrors: 0,
    txErrors: 0,
    rxDropped: 0,
    txDropped: 0,
    ...o,
  };
}

export function neigh(ip: string, mac: string | null, iface = "eth0", state = "reachable", router = false): NeighborView {
  return { ip, mac, interface: iface, state, router };
}

type HostOpts = Partial<Omit<AnalysisHost, "latest" | "previous">> & {
  neighbors?: NeighborView[];
  takenAt?: string;
  previous?: { interfaces?: InterfaceView[]; neighbors?: NeighborView[]; takenAt?: string } | null;
};

export function host(id: number, interfaces: InterfaceView[], o: HostOpts = {}): AnalysisHost {
  const { neighbors = [], takenAt = T0, previous = null, ...rest } = o;
  return {
    id,
    name: `h${id}`,
    platform: "linux",
    hostname: `h${id}`,
    lastUpAt: {},
    topology: null,
    ...rest,
    latest: { runId: id * 10, takenAt, interfaces, neighbors },
    previous: previous
      ? { runId: id * 10 - 1, takenAt: previous.takenAt ?? T_PREV, interfaces: previous.interfaces ?? interfaces, neighbors: previous.neighbors ?? neighbors }
      : null,
  };
}

export function input(hosts: AnalysisHost[], neighborEvents: NeighborEventView[] = [], now = NOW): AnalysisInput {
  return { now, hosts, neighborEvents };
}

/** A compact view of findings for table assertions: [kind, severity, key]. */
export function summary(fs: { kind: string; severity: string; key: string }[]): [string, string, string][] {
  return fs.map((f) => [f.kind, f.severity, f.key]);
}

export const mac = (n: number) => `02:00:00:00:00:${n.toString(16).padStart(2, "0")}`;

/** One stored DF ping that ran (passed or lost everything), h1 10.0.1.11 -> h2 on 10.0.1.0/24 unless overridden. */
export function dfProbe(o: Partial<DfProbeRecord> & { ok: boolean; payloadBytes: number }): DfProbeRecord {
  return {
    at: "2026-11-22T10:00:00.000Z",
    fromHostId: 1,
    fromHostName: "h1",
    toHostId: 2,
    toHostName: "h2",
    fromInterface: "eth0",
    fromAddress: "10.0.1.11",
    toAddress: "10.0.1.12",
    subnet: "10.0.1.0/24",
    expectedMtu: 9000,
    peerMtu: 1500,
    tooBig: false,
    transmitted: 3,
    received: o.ok ? 3 : 0,
    lossPercent: o.ok ? 0 : 100,
    reportedMtu: null,
    rttAvgMs: null,
    error: null,
    errorCode: null,
    ...o,
  };
}
