import "server-only";
import { getDb } from "@/lib/db";
import { decode } from "./codec";
import { getSnapshotHost } from "./snapshots";

export type StoredTopology = { runId: number; takenAt: string; topology: unknown };

/**
 * The platform structure (Run.topology, e.g. the ESXi vmnic/vSwitch/portgroup/vmknic chain) of
 * the host's latest snapshot; null without a snapshot or when that snapshot has none (Linux,
 * an older run). Callers narrow it (lib/domain/esxi-topology.ts: asEsxiTopology).
 */
export async function getLatestTopology(hostId: number): Promise<StoredTopology | null> {
  const db = await getDb();
  const host = await getSnapshotHost(hostId);
  if (!host || host.latestRunId === null) return null;
  const run = await db.run.findUnique({ where: { id: host.latestRunId }, select: { id: true, startedAt: true, topology: true } });
  const topology = decode.topology(run?.topology);
  if (!run || topology === null) return null;
  return { runId: run.id, takenAt: run.startedAt.toISOString(), topology };
}
