import "server-only";
import { getDb } from "@/lib/db";
import type { InterfaceSample } from "@/lib/generated/prisma/client";
import type { InterfaceWithRates, NeighborView } from "@/lib/domain/views";
import { toInterfaceView, toNeighborView } from "./serialize";
import type { CollectedRun } from "./snapshots";

/**
 * What one collection saw: the rows of the snapshot it stored or confirmed, with the counters
 * and rates it read itself (InterfaceSample). An unchanged host stores its tables once and a
 * sample per collection, so "the host now" is always snapshot rows + the newest samples.
 */
export type CollectionView = {
  runId: number;
  snapshotRunId: number;
  takenAt: string;
  interfaces: InterfaceWithRates[];
  neighbors: NeighborView[];
};

const num = (v: bigint | null) => (v === null ? null : Number(v));

function withSample(i: InterfaceWithRates, s: InterfaceSample | undefined): InterfaceWithRates {
  if (!s) return i;
  return {
    ...i,
    rxBytes: num(s.rxBytes),
    txBytes: num(s.txBytes),
    rxPackets: num(s.rxPackets),
    txPackets: num(s.txPackets),
    rxErrors: num(s.rxErrors),
    txErrors: num(s.txErrors),
    rxDropped: num(s.rxDropped),
    txDropped: num(s.txDropped),
    rxBitsPerSecond: s.rxBps,
    txBitsPerSecond: s.txBps,
  };
}

/** Views of the given collections in four queries, whatever their number. */
export async function loadCollectionViews(runs: CollectedRun[], opts: { neighbors: boolean } = { neighbors: true }): Promise<Map<number, CollectionView>> {
  const out = new Map<number, CollectionView>();
  if (runs.length === 0) return out;
  const db = await getDb();
  const snapshotIds = [...new Set(runs.map((r) => r.snapshotRunId))];
  const [interfaces, neighbors, samples] = await Promise.all([
    db.interface.findMany({ where: { runId: { in: snapshotIds } }, orderBy: { name: "asc" } }),
    opts.neighbors ? db.neighbor.findMany({ where: { runId: { in: snapshotIds } }, orderBy: [{ interface: "asc" }, { ip: "asc" }] }) : Promise.resolve([]),
    db.interfaceSample.findMany({ where: { runId: { in: runs.map((r) => r.runId) } } }),
  ]);
  for (const r of runs) {
    const mine = new Map(samples.filter((s) => s.runId === r.runId).map((s) => [s.name, s]));
    out.set(r.runId, {
      runId: r.runId,
      snapshotRunId: r.snapshotRunId,
      takenAt: r.at.toISOString(),
      interfaces: interfaces
        .filter((i) => i.runId === r.snapshotRunId)
        .map((i) => withSample({ ...toInterfaceView(i), rxBitsPerSecond: null, txBitsPerSecond: null }, mine.get(i.name))),
      neighbors: neighbors.filter((n) => n.runId === r.snapshotRunId).map(toNeighborView),
    });
  }
  return out;
}
