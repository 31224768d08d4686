import "server-only";
import { getDb } from "@/lib/db";
import { FLIP_FLOP_WINDOW_MS } from "@/lib/analysis/ip-conflict";
import type { AnalysisHost, AnalysisInput, AnalysisSnapshot, NeighborEventView } from "@/lib/analysis/input";
import type { Platform } from "@/lib/domain/platform";
import { toInterfaceView, toNeighborView } from "./serialize";

/**
 * What the collection detectors read: for every host with a stored snapshot, its latest and
 * previous snapshot (interfaces + neighbors), when its down interfaces were last up, and the
 * neighbor history of the flip-flop window.
 */
export async function loadAnalysisInput(now: Date): Promise<AnalysisInput> {
  const db = await getDb();
  const hosts = await db.host.findMany({ orderBy: { id: "asc" }, select: { id: true, name: true, platform: true, detectedPlatform: true, hostname: true } });
  const runsByHost = await Promise.all(
    hosts.map((h) =>
      db.run.findMany({
        where: { hostId: h.id, hasSnapshot: true },
        orderBy: { id: "desc" },
        take: 2,
        select: { id: true, startedAt: true, topology: true },
      }),
    ),
  );
  const runIds = runsByHost.flat().map((r) => r.id);
  const [interfaces, neighbors, events] = await Promise.all([
    db.interface.findMany({ where: { runId: { in: runIds } }, orderBy: { name: "asc" } }),
    db.neighbor.findMany({ where: { runId: { in: runIds } }, orderBy: [{ interface: "asc" }, { ip: "asc" }] }),
    db.neighborEvent.findMany({ where: { at: { gte: new Date(now.getTime() - FLIP_FLOP_WINDOW_MS) } }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
  ]);
  const snapshot = (run: { id: number; startedAt: Date }): AnalysisSnapshot => ({
    runId: run.id,
    takenAt: run.startedAt.toISOString(),
    interfaces: interfaces.filter((i) => i.runId === run.id).map(toInterfaceView),
    neighbors: neighbors.filter((n) => n.runId === run.id).map(toNeighborView),
  });

  const out: AnalysisHost[] = [];
  for (const [idx, h] of hosts.entries()) {
    const [latest, previous] = runsByHost[idx] ?? [];
    if (!latest) continue;
    const snap = snapshot(latest);
    const lastUpAt: Record<string, string> = {};
    for (const i of snap.interfaces.filter((x) => x.state === "down")) {
      const up = await db.interface.findFirst({
        where: { hostId: h.id, name: i.name, state: "up", runId: { lt: latest.id } },
        orderBy: { runId: "desc" },
        select: { run: { select: { startedAt: true } } },
      });
      if (up) lastUpAt[i.name] = up.run.startedAt.toISOString();
    }
    let topology: unknown = null;
    try {
      topology = latest.topology ? (JSON.parse(latest.topology) as unknown) : null;
    } catch {
      topology = null;
    }
    out.push({
      id: h.id,
      name: h.name,
      platform: ((h.platform === "auto" ? h.detectedPlatform : h.platform) as Platform | null) ?? null,
      hostname: h.hostname,
      latest: snap,
      previous: previous ? snapshot(previous) : null,
      lastUpAt,
      topology,
    });
  }
  const neighborEvents: NeighborEventView[] = events.map((e) => ({
    hostId: e.hostId,
    runId: e.runId,
    ip: e.ip,
    mac: e.mac,
    previousMac: e.previousMac,
    interface: e.interface,
    kind: e.kind as NeighborEventView["kind"],
    at: e.at.toISOString(),
  }));
  return { now, hosts: out, neighborEvents };
}
