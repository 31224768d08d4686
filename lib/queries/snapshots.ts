import "server-only";
import { getDb } from "@/lib/db";
import type { Platform } from "@/lib/domain/platform";
import { decode } from "./codec";

// "The host's latest snapshot", written once. Host.latestSnapshotRunId / previousSnapshotRunId
// are kept by finishRun, so these are indexed lookups whatever the length of the history.

export type SnapshotHost = {
  id: number;
  name: string;
  hostname: string | null;
  /** Configured platform, or the detected one when configured as "auto". */
  platform: Platform | null;
  latestRunId: number | null;
  previousRunId: number | null;
};

/** Hosts (all, or the given ids) with the runs of their two newest snapshots. */
export async function listSnapshotHosts(ids?: number[]): Promise<SnapshotHost[]> {
  const db = await getDb();
  const hosts = await db.host.findMany({
    where: ids ? { id: { in: ids } } : undefined,
    orderBy: { id: "asc" },
    select: { id: true, name: true, hostname: true, platform: true, detectedPlatform: true, latestSnapshotRunId: true, previousSnapshotRunId: true },
  });
  return hosts.map((h) => ({
    id: h.id,
    name: h.name,
    hostname: h.hostname,
    platform: effectivePlatform(h.platform, h.detectedPlatform),
    latestRunId: h.latestSnapshotRunId,
    previousRunId: h.previousSnapshotRunId,
  }));
}

export function effectivePlatform(configured: string, detected: string | null): Platform | null {
  const platform = decode.configuredPlatform(configured);
  return platform === "auto" ? decode.platform(detected) : platform;
}

export async function getSnapshotHost(id: number): Promise<SnapshotHost | null> {
  return (await listSnapshotHosts([id]))[0] ?? null;
}
