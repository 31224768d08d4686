import "server-only";
import { getDb } from "@/lib/db";
import { FLIP_FLOP_WINDOW_MS } from "@/lib/analysis/ip-conflict";
import type { AnalysisHost, AnalysisInput, AnalysisSnapshot, NeighborEventView } from "@/lib/analysis/input";
import { decode } from "./codec";
import { loadCollectionViews } from "./collections";
import { getCollectedRuns, listSnapshotHosts, type CollectedRun } from "./snapshots";
import { listLatestProbeRecords } from "./probes";

/**
 * What the collection detectors read: for every host with a stored snapshot, its latest and
 * previous snapshot (interfaces + neighbors), when its down interfaces were last up, and the
 * neighbor history of the flip-flop window. A fixed number of queries whatever the number of
 * hosts (the detectors run after every collection).
 */
export async function loadAnalysisInput(now: Date): Promise<AnalysisInput> {
  const db = await getDb();
  const hosts = (await listSnapshotHosts()).filter((h) => h.latestRunId !== null);
  // "Latest" and "previous" are the host's last two collections, each with the snapshot it
  // stored or confirmed and the counters it read: what a detector comparing two collections
  // (errors that grew, an entry FAILED twice in a row) needs, whatever was stored.
  const collected = await getCollectedRuns(hosts.flatMap((h) => [h.lastCollectedRunId, h.previousCollectedRunId]));
  const runOf = (id: number | null): CollectedRun | null => (id === null ? null : (collected.get(id) ?? null));
  const wanted = hosts.flatMap((h) => [runOf(h.lastCollectedRunId), runOf(h.previousCollectedRunId)].filter((r): r is CollectedRun => r !== null));
  const snapshotIds = [...new Set(wanted.map((r) => r.snapshotRunId))];
  const [views, topologies, events, mtuProbes] = await Promise.all([
    loadCollectionViews(wanted),
    db.run.findMany({ where: { id: { in: snapshotIds } }, select: { id: true, topology: true } }),
    db.neighborEvent.findMany({ where: { at: { gte: new Date(now.getTime() - FLIP_FLOP_WINDOW_MS) } }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    listLatestProbeRecords(),
  ]);
  const topologyOf = new Map(topologies.map((r) => [r.id, r.topology]));
  const snapshot = (runId: number | null): AnalysisSnapshot | null => {
    const v = runId === null ? undefined : views.get(runId);
    return v ? { runId: v.snapshotRunId, takenAt: v.takenAt, interfaces: v.interfaces, neighbors: v.neighbors } : null;
  };

  const out: AnalysisHost[] = [];
  const down: { hostId: number; name: string; before: number }[] = [];
  for (const h of hosts) {
    const latest = snapshot(h.lastCollectedRunId);
    if (!latest) continue;
    for (const i of latest.interfaces) if (i.state === "down") down.push({ hostId: h.id, name: i.name, before: latest.runId });
    out.push({
      id: h.id,
      name: h.name,
      platform: h.platform,
      hostname: h.hostname,
      latest,
      previous: snapshot(h.previousCollectedRunId),
      lastUpAt: {},
      topology: decode.topology(topologyOf.get(latest.runId)),
    });
  }
  const lastUp = await lastUpTimes(down);
  for (const h of out) h.lastUpAt = lastUp.get(h.id) ?? {};

  const neighborEvents: NeighborEventView[] = events.map((e) => ({
    hostId: e.hostId,
    runId: e.runId,
    ip: e.ip,
    mac: e.mac,
    previousMac: e.previousMac,
    interface: e.interface,
    kind: decode.neighborEventKind(e.kind),
    at: e.at.toISOString(),
  }));
  return { now, hosts: out, neighborEvents, mtuProbes };
}

/** For interfaces that are down now: when each was last seen up, in two queries for all of them. */
async function lastUpTimes(down: { hostId: number; name: string; before: number }[]): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>();
  if (down.length === 0) return out;
  const db = await getDb();
  const newest = await db.interface.groupBy({
    by: ["hostId", "name"],
    where: { state: "up", OR: down.map((d) => ({ hostId: d.hostId, name: d.name, runId: { lt: d.before } })) },
    _max: { runId: true },
  });
  const runIds = newest.flatMap((g) => (g._max.runId === null ? [] : [g._max.runId]));
  const runs = new Map((await db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, startedAt: true } })).map((r) => [r.id, r.startedAt]));
  for (const g of newest) {
    const at = g._max.runId === null ? undefined : runs.get(g._max.runId);
    if (!at) continue;
    const record = out.get(g.hostId) ?? {};
    record[g.name] = at.toISOString();
    out.set(g.hostId, record);
  }
  return out;
}
