import "server-only";
import { getDb } from "@/lib/db";
import type { MtuProbe } from "@/lib/generated/prisma/client";
import { probePathKey, type MtuByInterface, type PlanHost } from "@/lib/mtu/plan";
import type { MtuProbeView } from "@/lib/domain/mtu-probe";
import type { DfProbeRecord } from "@/lib/analysis/mtu-df";
import { decode } from "./codec";
import { getCollectedRuns, getSnapshotHost, listSnapshotHosts } from "./snapshots";

// The only Prisma caller for DF probes (prisma/schema/probes.prisma).

export type NewMtuProbe = Omit<MtuProbeView, "id" | "at" | "fromHostName" | "toHostName"> & { at: Date };

type Row = MtuProbe & { fromHost: { name: string }; toHost: { name: string } };
const withNames = { fromHost: { select: { name: true } }, toHost: { select: { name: true } } } as const;

function toView(p: Row): MtuProbeView {
  return {
    id: p.id,
    batchId: p.batchId,
    at: p.at.toISOString(),
    fromHostId: p.fromHostId,
    fromHostName: p.fromHost.name,
    toHostId: p.toHostId,
    toHostName: p.toHost.name,
    fromInterface: p.fromInterface,
    fromAddress: p.fromAddress,
    toAddress: p.toAddress,
    subnet: p.subnet,
    payloadBytes: p.payloadBytes,
    expectedMtu: p.expectedMtu,
    peerMtu: p.peerMtu,
    command: p.command,
    ok: p.ok,
    tooBig: p.tooBig,
    transmitted: p.transmitted,
    received: p.received,
    lossPercent: p.lossPercent,
    reportedMtu: p.reportedMtu,
    rttAvgMs: p.rttAvgMs,
    error: p.error,
    errorCode: p.errorCode,
    output: p.output,
  };
}

/** Every host with a stored snapshot, with that snapshot's interfaces: what the probe plan reads. */
export async function listProbeHosts(): Promise<PlanHost[]> {
  const db = await getDb();
  const hosts = (await listSnapshotHosts()).filter((h) => h.latestRunId !== null);
  const interfaces = await db.interface.findMany({
    where: { runId: { in: hosts.flatMap((h) => (h.latestRunId === null ? [] : [h.latestRunId])) } },
    select: { runId: true, name: true, mtu: true, state: true, addresses: true },
    orderBy: { id: "asc" },
  });
  return hosts.map((h) => ({
    id: h.id,
    name: h.name,
    platform: h.platform,
    interfaces: interfaces
      .filter((i) => i.runId === h.latestRunId)
      .map((i) => ({ name: i.name, mtu: i.mtu, state: i.state, addresses: decode.addresses(i.addresses) })),
  }));
}

/** Interface MTUs of a host's two newest snapshots (previous is null after the first one). */
export async function getSnapshotMtus(hostId: number): Promise<{ latest: MtuByInterface; previous: MtuByInterface | null } | null> {
  const db = await getDb();
  const host = await getSnapshotHost(hostId);
  if (!host || host.latestRunId === null) return null;
  // The last two collections, not the last two stored snapshots: a collection that confirmed
  // the snapshot before it changed nothing, so an MTU change is probed once, not until the next change.
  const collected = await getCollectedRuns([host.lastCollectedRunId, host.previousCollectedRunId]);
  const latestRun = (host.lastCollectedRunId !== null && collected.get(host.lastCollectedRunId)?.snapshotRunId) || host.latestRunId;
  const previousRun = host.previousCollectedRunId === null ? null : (collected.get(host.previousCollectedRunId)?.snapshotRunId ?? null);
  const runIds = previousRun === null ? [latestRun] : [latestRun, previousRun];
  const rows = await db.interface.findMany({ where: { runId: { in: runIds } }, select: { runId: true, name: true, mtu: true } });
  const of = (runId: number) => rows.filter((r) => r.runId === runId).map(({ name, mtu }) => ({ name, mtu }));
  return { latest: of(latestRun), previous: previousRun === null ? null : of(previousRun) };
}

export async function createMtuProbes(rows: NewMtuProbe[]): Promise<MtuProbeView[]> {
  const db = await getDb();
  const batchIds = [...new Set(rows.map((r) => r.batchId))];
  await db.mtuProbe.createMany({ data: rows });
  const saved = await db.mtuProbe.findMany({ where: { batchId: { in: batchIds } }, include: withNames, orderBy: { id: "asc" } });
  return saved.map(toView);
}

/**
 * The newest result of every probe path (from host/address, to host/address, size), optionally
 * only those starting or ending at one host.
 */
export async function listLatestMtuProbes(hostId?: number): Promise<MtuProbeView[]> {
  const db = await getDb();
  const ids = await newestProbeIds(hostId);
  if (ids.length === 0) return [];
  const rows = await db.mtuProbe.findMany({
    where: { id: { in: ids } },
    include: withNames,
    orderBy: [{ subnet: "asc" }, { fromHostId: "asc" }, { toHostId: "asc" }, { payloadBytes: "desc" }],
  });
  return rows.map(toView);
}

/** probePathKey → time (ms) of the newest stored result, for the paths from and to one host. */
export async function latestProbeTimes(hostId: number): Promise<Map<string, number>> {
  const db = await getDb();
  const newest = await db.mtuProbe.groupBy({
    by: ["fromHostId", "toHostId", "fromAddress", "toAddress", "payloadBytes"],
    where: { OR: [{ fromHostId: hostId }, { toHostId: hostId }] },
    _max: { at: true },
  });
  const out = new Map<string, number>();
  for (const g of newest) if (g._max.at) out.set(probePathKey(g), g._max.at.getTime());
  return out;
}

export async function newestProbeIds(hostId?: number): Promise<number[]> {
  const db = await getDb();
  const where = hostId === undefined ? {} : { OR: [{ fromHostId: hostId }, { toHostId: hostId }] };
  const newest = await db.mtuProbe.groupBy({
    by: ["fromHostId", "toHostId", "fromAddress", "toAddress", "payloadBytes"],
    where,
    _max: { id: true },
  });
  return newest.map((g) => g._max.id).filter((id): id is number => id !== null);
}

/**
 * The newest result of every probe path without the command and raw output: what findings
 * evaluation reads after every collection (the output is up to 2 KB a probe).
 */
export async function listLatestProbeRecords(): Promise<DfProbeRecord[]> {
  const db = await getDb();
  const ids = await newestProbeIds();
  if (ids.length === 0) return [];
  const rows = await db.mtuProbe.findMany({
    where: { id: { in: ids } },
    omit: { command: true, output: true },
    include: withNames,
    orderBy: [{ subnet: "asc" }, { fromHostId: "asc" }, { toHostId: "asc" }, { payloadBytes: "desc" }],
  });
  return rows.map((r) => ({
    at: r.at.toISOString(),
    fromHostId: r.fromHostId,
    fromHostName: r.fromHost.name,
    toHostId: r.toHostId,
    toHostName: r.toHost.name,
    fromInterface: r.fromInterface,
    fromAddress: r.fromAddress,
    toAddress: r.toAddress,
    subnet: r.subnet,
    payloadBytes: r.payloadBytes,
    expectedMtu: r.expectedMtu,
    peerMtu: r.peerMtu,
    ok: r.ok,
    tooBig: r.tooBig,
    transmitted: r.transmitted,
    received: r.received,
    lossPercent: r.lossPercent,
    reportedMtu: r.reportedMtu,
    rttAvgMs: r.rttAvgMs,
    error: r.error,
    errorCode: r.errorCode,
  }));
}
