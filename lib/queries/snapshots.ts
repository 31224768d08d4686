import "server-only";
import { getDb } from "@/lib/db";
import type { PairEnd } from "@/lib/domain/iperf";
import type { Platform } from "@/lib/domain/platform";
import { NotFoundError } from "@/lib/errors";
import { decode, effectivePlatform } from "./codec";

// "The host's latest snapshot", written once. Host.latestSnapshotRunId / previousSnapshotRunId
// are kept by finishRun, so these are indexed lookups whatever the length of the history.

export type SnapshotHost = {
  id: number;
  name: string;
  hostname: string | null;
  /** Configured platform, or the detected one when configured as "auto". */
  platform: Platform | null;
  /** Runs holding the rows of the newest and the one-before distinct snapshots. */
  latestRunId: number | null;
  previousRunId: number | null;
  /** The newest two collections that read a snapshot (stored or confirmed one). */
  lastCollectedRunId: number | null;
  previousCollectedRunId: number | null;
};

/** One collection: when it ran and the run whose rows hold what it saw. */
export type CollectedRun = { runId: number; snapshotRunId: number; at: Date };

/** Hosts (all, or the given ids) with the runs of their two newest snapshots. */
export async function listSnapshotHosts(ids?: number[]): Promise<SnapshotHost[]> {
  const db = await getDb();
  const hosts = await db.host.findMany({
    where: ids ? { id: { in: ids } } : undefined,
    orderBy: { id: "asc" },
    select: {
      id: true,
      name: true,
      hostname: true,
      platform: true,
      detectedPlatform: true,
      latestSnapshotRunId: true,
      previousSnapshotRunId: true,
      lastCollectedRunId: true,
      previousCollectedRunId: true,
    },
  });
  return hosts.map((h) => ({
    id: h.id,
    name: h.name,
    hostname: h.hostname,
    platform: effectivePlatform(h.platform, h.detectedPlatform),
    latestRunId: h.latestSnapshotRunId,
    previousRunId: h.previousSnapshotRunId,
    lastCollectedRunId: h.lastCollectedRunId,
    previousCollectedRunId: h.previousCollectedRunId,
  }));
}

/** The given collections (Host.lastCollectedRunId / previousCollectedRunId), by run id: one query. */
export async function getCollectedRuns(runIds: (number | null)[]): Promise<Map<number, CollectedRun>> {
  const ids = runIds.filter((id): id is number => id !== null);
  if (ids.length === 0) return new Map();
  const db = await getDb();
  const runs = await db.run.findMany({ where: { id: { in: ids } }, select: { id: true, snapshotRunId: true, startedAt: true } });
  return new Map(runs.map((r) => [r.id, { runId: r.id, snapshotRunId: r.snapshotRunId ?? r.id, at: r.startedAt }]));
}


export async function getSnapshotHost(id: number): Promise<SnapshotHost | null> {
  return (await listSnapshotHosts([id]))[0] ?? null;
}

/** Both hosts with the NICs of their latest snapshot (for the address choice and link speeds). */
export async function getIperfPair(clientHostId: number, serverHostId: number): Promise<{ client: PairEnd; server: PairEnd }> {
  const db = await getDb();
  const hosts = await listSnapshotHosts([clientHostId, serverHostId]);
  const runIds = hosts.flatMap((h) => (h.latestRunId === null ? [] : [h.latestRunId]));
  const [nics, rows] = await Promise.all([
    db.interface.findMany({ where: { runId: { in: runIds } }, select: { runId: true, name: true, addresses: true, speedMbps: true }, orderBy: { name: "asc" } }),
    db.host.findMany({ where: { id: { in: [clientHostId, serverHostId] } }, select: { id: true, address: true } }),
  ]);
  const end = (id: number): PairEnd => {
    const h = hosts.find((x) => x.id === id);
    const address = rows.find((x) => x.id === id)?.address;
    if (!h || address === undefined) throw new NotFoundError(`Host ${id}`);
    return {
      id: h.id,
      name: h.name,
      address,
      platform: h.platform,
      nics: nics.filter((n) => n.runId === h.latestRunId).map((n) => ({ name: n.name, speedMbps: n.speedMbps, addresses: decode.addresses(n.addresses) })),
    };
  };
  return { client: end(clientHostId), server: end(serverHostId) };
}
