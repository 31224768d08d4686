import "server-only";
import { getDb } from "@/lib/db";

export type StoredTopology = { runId: number; takenAt: string; topology: unknown };

/**
 * The platform structure (Run.topology, e.g. the ESXi vmnic/vSwitch/portgroup/vmknic chain) of
 * the host's latest snapshot, parsed from JSON; null without a snapshot or when that snapshot
 * has none (Linux, an older run). Callers narrow it (lib/collect/esxi/topology.ts: asEsxiTopology).
 */
export async function getLatestTopology(hostId: number): Promise<StoredTopology | null> {
  const db = await getDb();
  const run = await db.run.findFirst({
    where: { hostId, hasSnapshot: true },
    orderBy: { id: "desc" },
    select: { id: true, startedAt: true, topology: true },
  });
  if (!run?.topology) return null;
  try {
    return { runId: run.id, takenAt: run.startedAt.toISOString(), topology: JSON.parse(run.topology) as unknown };
  } catch {
    return null;
  }
}
