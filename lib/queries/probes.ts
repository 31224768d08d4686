import "server-only";
import { getDb } from "@/lib/db";
import type { Platform } from "@/lib/domain/platform";
import type { MtuProbe } from "@/lib/generated/prisma/client";
import type { MtuByInterface, PlanHost } from "@/lib/mtu/plan";
import type { MtuProbeView } from "@/lib/domain/mtu-probe";

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
  const latest = await db.run.findMany({
    where: { hasSnapshot: true },
    orderBy: { id: "desc" },
    distinct: ["hostId"],
    select: {
      host: { select: { id: true, name: true, platform: true, detectedPlatform: true } },
      interfaces: { select: { name: true, mtu: true, state: true, addresses: true }, orderBy: { id: "asc" } },
    },
  });
  return latest.map(({ host, interfaces }) => ({
    id: host.id,
    name: host.name,
    platform: ((host.platform === "auto" ? host.detectedPlatform : host.platform) as Platform | null) ?? null,
    interfaces: interfaces.map((i) => ({ ...i, addresses: JSON.parse(i.addresses) as string[] })),
  }));
}

/** Interface MTUs of a host's two newest snapshots (previous is null after the first one). */
export async function getSnapshotMtus(hostId: number): Promise<{ latest: MtuByInterface; previous: MtuByInterface | null } | null> {
  const db = await getDb();
  const runs = await db.run.findMany({
    where: { hostId, hasSnapshot: true },
    orderBy: { id: "desc" },
    take: 2,
    select: { interfaces: { select: { name: true, mtu: true } } },
  });
  const [latest, previous] = runs;
  if (!latest) return null;
  return { latest: latest.interfaces, previous: previous?.interfaces ?? null };
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
  const where = hostId === undefined ? {} : { OR: [{ fromHostId: hostId }, { toHostId: hostId }] };
  const newest = await db.mtuProbe.groupBy({
    by: ["fromHostId", "toHostId", "fromAddress", "toAddress", "payloadBytes"],
    where,
    _max: { id: true },
  });
  const ids = newest.map((g) => g._max.id).filter((id): id is number => id !== null);
  if (ids.length === 0) return [];
  const rows = await db.mtuProbe.findMany({
    where: { id: { in: ids } },
    include: withNames,
    orderBy: [{ subnet: "asc" }, { fromHostId: "asc" }, { toHostId: "asc" }, { payloadBytes: "desc" }],
  });
  return rows.map(toView);
}
