import "server-only";
import { getDb } from "@/lib/db";
import type { MetricsCollectionStatus, MetricsInterface, MetricsIperfFlow, MetricsSnapshot } from "@/lib/domain/metrics";
import { decode } from "./codec";
import { queryRaw } from "./sql";
import { loadCollectionViews } from "./collections";
import { getCollectedRuns } from "./snapshots";

// Everything GET /metrics shows, in a fixed number of statements whatever the history: each
// "newest" is a seek on an index (Run by host and start, IperfRun by pair, status and start,
// the host's own pointers to its newest snapshot and collection), never a scan of the runs.

/**
 * Per host, its newest finished run and whether a newer one is still running: two correlated
 * seeks on Run(hostId, startedAt) from the newest end. Prisma cannot say "the newest row per
 * group" without reading every run of every host (lib/queries/hosts.ts, lastRuns).
 */
async function newestRuns(): Promise<{ hostId: number; finishedId: number | null; running: boolean }[]> {
  const db = await getDb();
  const rows = await queryRaw<{ hostId: number | bigint; finishedId: number | bigint | null; newestStatus: string | null }[]>(db, 
    `SELECT h."id" AS "hostId",
       (SELECT r."id" FROM "Run" r WHERE r."hostId" = h."id" AND r."status" <> 'running' ORDER BY r."startedAt" DESC LIMIT 1) AS "finishedId",
       (SELECT r."status" FROM "Run" r WHERE r."hostId" = h."id" ORDER BY r."startedAt" DESC LIMIT 1) AS "newestStatus"
     FROM "Host" h`,
  );
  return rows.map((r) => ({ hostId: Number(r.hostId), finishedId: r.finishedId === null ? null : Number(r.finishedId), running: r.newestStatus === "running" }));
}

/**
 * The newest done run measuring each direction of each ordered host pair: per pair two seeks
 * on IperfRun(clientHostId, serverHostId, status, startedAt). Pairs never tested cost one
 * empty seek each, so this grows with hosts squared (400 seeks for 20 hosts), not with history.
 */
async function newestIperfRunIds(): Promise<number[]> {
  const db = await getDb();
  const newest = (column: string) =>
    `(SELECT r."id" FROM "IperfRun" r WHERE r."clientHostId" = c."id" AND r."serverHostId" = s."id" AND r."status" = 'done' AND r."${column}" IS NOT NULL ORDER BY r."startedAt" DESC LIMIT 1)`;
  const rows = await queryRaw<{ fwd: number | bigint | null; rev: number | bigint | null }[]>(db, 
    `SELECT ${newest("fwdBitsPerSecond")} AS "fwd", ${newest("revBitsPerSecond")} AS "rev" FROM "Host" c JOIN "Host" s ON s."id" <> c."id"`,
  );
  return [...new Set(rows.flatMap((r) => [r.fwd, r.rev].flatMap((id) => (id === null ? [] : [Number(id)]))))];
}

/** The newest result per data flow: a flow A -> B is measured by runs A -> B (forward) and B -> A (reverse). */
async function iperfFlows(): Promise<MetricsIperfFlow[]> {
  const ids = await newestIperfRunIds();
  if (ids.length === 0) return [];
  const db = await getDb();
  const runs = await db.iperfRun.findMany({
    where: { id: { in: ids } },
    select: { id: true, startedAt: true, createdAt: true, fwdBitsPerSecond: true, revBitsPerSecond: true, clientHost: { select: { name: true } }, serverHost: { select: { name: true } } },
  });
  const flows = new Map<string, MetricsIperfFlow & { runId: number }>();
  const put = (sender: string, receiver: string, bitsPerSecond: number | null, r: (typeof runs)[number]) => {
    if (bitsPerSecond === null) return;
    const key = `${sender}\u0000${receiver}`;
    const at = (r.startedAt ?? r.createdAt).getTime();
    const old = flows.get(key);
    if (!old || old.at < at || (old.at === at && old.runId < r.id)) flows.set(key, { sender, receiver, bitsPerSecond, at, runId: r.id });
  };
  for (const r of runs) {
    put(r.clientHost.name, r.serverHost.name, r.fwdBitsPerSecond, r);
    put(r.serverHost.name, r.clientHost.name, r.revBitsPerSecond, r);
  }
  return [...flows.values()].map((f) => ({ sender: f.sender, receiver: f.receiver, bitsPerSecond: f.bitsPerSecond, at: f.at }));
}

const STATUSES: readonly string[] = ["ok", "partial", "failed"] satisfies MetricsCollectionStatus[];
const isStatus = (s: string | undefined): s is MetricsCollectionStatus => s !== undefined && STATUSES.includes(s);

export async function getMetricsSnapshot(now: Date): Promise<MetricsSnapshot> {
  const db = await getDb();
  const [hosts, newest, findings, iperfQueue, overdue, flows] = await Promise.all([
    db.host.findMany({ select: { id: true, name: true, lastCollectedRunId: true, latestSnapshotRunId: true }, orderBy: { name: "asc" } }),
    newestRuns(),
    db.finding.groupBy({ by: ["severity", "kind"], where: { status: "open" }, _count: { _all: true } }),
    db.iperfRun.groupBy({ by: ["status"], where: { status: { in: ["queued", "running"] } }, _count: { _all: true } }),
    // A due job waits for the scheduler's next tick (at most a minute) or for the job before it.
    db.scheduledJob.count({ where: { nextDueAt: { lt: new Date(now.getTime() - 60_000) } } }),
    iperfFlows(),
  ]);
  const finishedIds = newest.flatMap((r) => (r.finishedId === null ? [] : [r.finishedId]));
  const [finished, collected] = await Promise.all([
    db.run.findMany({ where: { id: { in: finishedIds } }, select: { id: true, hostId: true, status: true, durationMs: true, startedAt: true, finishedAt: true } }),
    getCollectedRuns(hosts.map((h) => h.lastCollectedRunId)),
  ]);
  // As the host page reads it (getLatestSnapshot): the newest collection's samples on its
  // snapshot's rows, or the snapshot alone for a host stored before collections were tracked.
  const viewRunOf = (h: (typeof hosts)[number]) => (h.lastCollectedRunId !== null && collected.has(h.lastCollectedRunId) ? h.lastCollectedRunId : h.latestSnapshotRunId);
  const views = await loadCollectionViews(
    hosts.flatMap((h) => {
      const runId = viewRunOf(h);
      if (runId === null) return [];
      return [collected.get(runId) ?? { runId, snapshotRunId: runId, at: new Date(0) }];
    }),
    { neighbors: false },
  );
  const finishedByHost = new Map(finished.map((r) => [r.hostId, r]));

  const interfaces: MetricsInterface[] = hosts.flatMap((h) => {
    const runId = viewRunOf(h);
    const view = runId === null ? undefined : views.get(runId);
    return (view?.interfaces ?? []).map((i) => ({
      host: h.name,
      name: i.name,
      mtuBytes: i.mtu,
      speedMbps: i.speedMbps,
      state: i.state === "up" || i.state === "down" ? i.state : "unknown",
      rxBytes: i.rxBytes,
      txBytes: i.txBytes,
      rxPackets: i.rxPackets,
      txPackets: i.txPackets,
      rxErrors: i.rxErrors,
      txErrors: i.txErrors,
      rxDropped: i.rxDropped,
      txDropped: i.txDropped,
    }));
  });

  return {
    now: now.getTime(),
    openFindings: findings.map((g) => ({ severity: decode.severity(g.severity), kind: g.kind, count: g._count._all })),
    hosts: hosts.map((h) => {
      const r = finishedByHost.get(h.id);
      const status = r?.status;
      const success = h.lastCollectedRunId === null ? undefined : collected.get(h.lastCollectedRunId);
      return {
        name: h.name,
        lastRun: r && isStatus(status) ? { status, durationMs: r.durationMs, finishedAt: (r.finishedAt ?? r.startedAt).getTime() } : null,
        lastSuccessAt: success?.at.getTime() ?? null,
      };
    }),
    interfaces,
    iperfFlows: flows,
    queues: {
      collectionsRunning: newest.filter((r) => r.running).length,
      iperfQueued: iperfQueue.find((g) => g.status === "queued")?._count._all ?? 0,
      iperfRunning: iperfQueue.find((g) => g.status === "running")?._count._all ?? 0,
      scheduledJobsOverdue: overdue,
    },
  };
}
