import "server-only";
import { getDb } from "@/lib/db";
import { diffNeighbors } from "@/lib/analysis/neighbor-history";
import type { NeighborRow } from "@/lib/domain/rows";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { NeighborEventItem } from "@/lib/domain/views";
import { decode } from "./codec";

/**
 * Compares a run's neighbor table with the host's previous snapshot (the run id finishRun
 * read inside its transaction, before moving the host's latest snapshot to this run) and
 * stores what appeared, changed or went away.
 */
export async function recordNeighborChanges(
  tx: Prisma.TransactionClient,
  run: { id: number; hostId: number; startedAt: Date },
  previousRunId: number | null,
  neighbors: NeighborRow[],
): Promise<number> {
  const before =
    previousRunId === null ? null : await tx.neighbor.findMany({ where: { runId: previousRunId }, select: { ip: true, mac: true, interface: true } });
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
    kind: decode.neighborEventKind(r.kind),
    at: r.at.toISOString(),
  }));
}
