import "server-only";
import { getDb } from "@/lib/db";
import { FLIP_FLOP_WINDOW_MS } from "@/lib/analysis/ip-conflict";
import type { AnalysisHost, AnalysisInput, AnalysisSnapshot, NeighborEventView } from "@/lib/analysis/input";
import { decode } from "./codec";
import { toInterfaceView, toNeighborView } from "./serialize";
import { listSnapshotHosts } from "./snapshots";
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
  const runIds = hosts.flatMap((h) => [h.latestRunId, h.previousRunId].filter((id): id is number => id !== null));
  const [runs, interfaces, neighbors, events, mtuProbes] = await Promise.all([
    db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, startedAt: true, topology: true } }),
    db.interface.findMany({ where: { runId: { in: runIds } }, orderBy: { name: "asc" } }),
    db.neighbor.findMany({ where: { runId: { in: runIds } }, orderBy: [{ interface: "asc" }, { ip: "asc" }] }),
    db.neighborEvent.findMany({ where: { at: { gte: new Date(now.getTime() - FLIP_FLOP_WINDOW_MS) } }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    listLatestProbeRecords(),
  ]);
  const runById = new Map(runs.map((r) => [r.id, r]));
  const snapshot = (runId: number | null): AnalysisSnapshot | null => {
    const run = runId === null ? undefined : runById.get(runId);
    if (!run) return null;
    return {
      runId: run.id,
      takenAt: run.startedAt.toISOString(),
      interfaces: interfaces.filter((i) => i.runId === run.id).map(toInterfaceView),
      neighbors: neighbors.filter((n) => n.runId === run.id).map(toNeighborView),
    };
  };

  const out: AnalysisHost[] = [];
  const down: { hostId: number; name: string; before: number }[] = [];
  for (const h of hosts) {
    const latest = snapshot(h.latestRunId);
    if (!latest) continue;
    for (const i of latest.interfaces) if (i.state === "down") down.push({ hostId: h.id, name: i.name, before: latest.runId });
    out.push({
      id: h.id,
      name: h.name,
      platform: h.platform,
      hostname: h.hostname,
      latest,
      previous: snapshot(h.previousRunId),
      lastUpAt: {},
      topology: decode.topology(runById.get(latest.runId)?.topology),
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
