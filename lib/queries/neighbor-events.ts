import "server-only";
import { getDb } from "@/lib/db";
import { diffNeighbors } from "@/lib/analysis/neighbor-history";
import type { NeighborRow } from "@/lib/domain/rows";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { NeighborEventItem } from "@/lib/domain/views";

/**
 * Compares a run's neighbor table with the host's previous snapshot and stores what
 * appeared, changed or went away. Called inside finishRun's transaction, before the run is
 * marked as having a snapshot, so "previous" is the last snapshot before this one.
 */
export async function recordNeighborChanges(
  tx: Prisma.TransactionClient,
  run: { id: number; hostId: number; startedAt: Date },
  neighbors: NeighborRow[],
): Promise<number> {
  const prev = await tx.run.findFirst({
    where: { hostId: run.hostId, hasSnapshot: true, id: { lt: run.id } },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  const before = prev ? await tx.neighbor.findMany({ where: { runId: prev.id }, select: { ip: true, mac: true, interface: true } }) : null;
  const changes = diffNeighbors(before, neighbors);
  if (changes.length === 0) return 0;
  await tx.neighborEvent.createMany({
    data: changes.map((c) => ({ ...c, hostId: run.hostId, runId: run.id, at: run.startedAt })),
  });
  return changes.length;
}

/** Newest first. `kinds` narrows to e.g. only "changed" (the "changed ethernet address" events). */
export async function listNeighborEvents(hostId: number, take = 100, kinds?: NeighborEventItem["kind"][]): Promise<NeighborEventItem[]> {
  const db = await getDb();
  const rows = await db.neighborEvent.findMany({
    where: { hostId, kind: kinds ? { in: kinds } : undefined },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((r) => ({
    id: r.id,
    ip: r.ip,
    mac: r.mac,
    previousMac: r.previousMac,
    interface: r.interface,
    kind: r.kind as NeighborEventItem["kind"],
    at: r.at.toISOString(),
  }));
}
