import "server-only";
import { dbDate, executeRaw, queryRaw, yieldToEventLoop } from "./sql";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { hasCounters, sampleRates } from "@/lib/analysis/counter-rates";
import { interfaceChanges, snapshotChanged, type StoredNic, type StoredState } from "@/lib/analysis/snapshot-change";
import type { Snapshot, CommandOutcome } from "@/lib/domain/snapshot";
import type { InterfaceRow, NeighborRow } from "@/lib/domain/rows";
import type { HostSnapshotView, RunDetail, RunStatus, RunSummary } from "@/lib/domain/views";
import { toRunDetail, toRunSummary } from "./serialize";
import { loadCollectionViews } from "./collections";
import { diffNeighbors } from "@/lib/analysis/neighbor-history";
import { getCollectedRuns, getSnapshotHost } from "./snapshots";
import { boundOutcome, boundSnapshot, clip, MAX_RUN_ERROR_CHARS } from "./run-bounds";

export { boundSnapshot, MAX_RUN_ERROR_CHARS, OUT_OF_RANGE_COMMAND } from "./run-bounds";

/*
 * Bulk rows. Prisma's createMany runs its query compiler on the main thread and costs about
 * 0.1 ms a row here (10,000 neighbors: 1.0-1.1 s in one block, measured on the 2-core dev box),
 * so a host with 50,000 neighbors held the event loop, and every other request, for 10+ s
 * (and 15 s more for its 50,000 neighbor events). A plain multi-row INSERT of 500 rows costs
 * about a tenth of that (10,000 rows: 0.19 s). Values are bound parameters; table and column
 * names are the constants below. Same encodings as Prisma's on SQLite: booleans 1/0, DateTime
 * as ISO text with "+00:00".
 *
 * Each statement is its own short transaction, with the event loop let go between two. One
 * transaction for all of them did not work: the adapter has one connection and one transaction
 * at a time, so every other host's run waited behind it, and 50,000 neighbors and their 50,000
 * events took longer than Prisma's interactive-transaction timeout (5 s) on a loaded 2-core box,
 * failing the run. Rows of a run nobody reads yet are harmless: readers find snapshots through
 * the host's latestSnapshotRunId, which moves only in the last, short transaction; a run that
 * fails on the way has its rows deleted.
 */
const INTERFACE_COLUMNS = [
  "runId", "hostId", "name", "kind", "mac", "mtu", "state", "speedMbps", "duplex", "driver", "permanentMac", "linkModes", "addresses",
  "rxBytes", "txBytes", "rxPackets", "txPackets", "rxErrors", "txErrors", "rxDropped", "txDropped",
] as const;
const NEIGHBOR_COLUMNS = ["runId", "hostId", "ip", "mac", "interface", "state", "router"] as const;
const EVENT_COLUMNS = ["hostId", "runId", "ip", "mac", "previousMac", "interface", "kind", "at"] as const;
const SAMPLE_COLUMNS = [
  "hostId", "runId", "name", "at", "rxBytes", "txBytes", "rxPackets", "txPackets", "rxErrors", "txErrors", "rxDropped", "txDropped",
  "seconds", "rxBps", "txBps", "errors", "drops",
] as const;
const NIC_EVENT_COLUMNS = ["hostId", "runId", "name", "kind", "before", "after", "at"] as const;
/**
 * SQLite binds at most 32,766 parameters per statement. 100 rows kept the longest block while
 * storing 50,000 neighbors at about 0.2 s on the loaded 2-core box (500 rows: 0.7 s), and the
 * whole store was faster too (4.4 s against 5.5 s).
 */
const ROWS_PER_STATEMENT = 100;
/** Rows read per statement when a previous snapshot's neighbors are read back (same reason). */
const ROWS_PER_READ = 1000;
type SqlValue = string | number | bigint | null;
type Db = Awaited<ReturnType<typeof getDb>>;



async function insertRows<T>(
  db: Db,
  table: "Interface" | "Neighbor" | "NeighborEvent" | "InterfaceSample" | "InterfaceEvent",
  columns: readonly string[],
  rows: readonly T[],
  values: (row: T) => SqlValue[],
): Promise<void> {
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
    const part = rows.slice(from, from + ROWS_PER_STATEMENT);
    await db.$transaction((tx) => executeRaw(tx, head + part.map(() => tuple).join(", "), ...part.flatMap(values)));
    await yieldToEventLoop();
  }
}

type StoredNeighborRow = { ip: string; mac: string | null; interface: string | null; state: string; router: boolean };

/** A snapshot's neighbors, read back a few thousand rows per statement. */
async function readNeighbors(db: Db, runId: number): Promise<StoredNeighborRow[]> {
  const out: StoredNeighborRow[] = [];
  let after = 0;
  for (;;) {
    const rows = await queryRaw<{ id: number | bigint; ip: string; mac: string | null; interface: string | null; state: string; router: number | bigint | boolean }[]>(db, 
      `SELECT "id", "ip", "mac", "interface", "state", "router" FROM "Neighbor" WHERE "runId" = ? AND "id" > ? ORDER BY "id" LIMIT ?`,
      runId,
      after,
      ROWS_PER_READ,
    );
    for (const r of rows) out.push({ ip: r.ip, mac: r.mac, interface: r.interface, state: r.state, router: Boolean(Number(r.router)) });
    const last = rows.at(-1);
    if (!last || rows.length < ROWS_PER_READ) return out;
    after = Number(last.id);
    await yieldToEventLoop();
  }
}

/**
 * What appeared, changed or went away against the host's previous snapshot, stored in bulk:
 * a host whose table fills up adds thousands of "appeared" events at once.
 */
async function recordNeighborEvents(
  db: Db,
  run: { id: number; hostId: number; startedAt: Date },
  before: StoredNeighborRow[] | null,
  neighbors: NeighborRow[],
): Promise<void> {
  const changes = diffNeighbors(before, neighbors);
  const at = dbDate(run.startedAt);
  await insertRows(db, "NeighborEvent", EVENT_COLUMNS, changes, (c) => [run.hostId, run.id, c.ip, c.mac, c.previousMac, c.interface, c.kind, at]);
}

/** The rows of a run that failed before its last transaction, so nothing refers to them. */
async function deleteRunRows(db: Db, runId: number): Promise<void> {
  await db.$transaction([
    db.interface.deleteMany({ where: { runId } }),
    db.neighbor.deleteMany({ where: { runId } }),
    db.neighborEvent.deleteMany({ where: { runId } }),
    db.interfaceSample.deleteMany({ where: { runId } }),
    db.interfaceEvent.deleteMany({ where: { runId } }),
  ]);
}

/**
 * Whether every one of `hostIds` has a finished collection in `sweep`: the last process of a
 * shared sweep to finish is the one that evaluates its findings.
 */
export async function sweepFinished(sweep: string, hostIds: number[]): Promise<boolean> {
  const db = await getDb();
  const done = await db.run.count({ where: { sweep, hostId: { in: hostIds }, status: { not: "running" } } });
  return done >= hostIds.length;
}

/** Which of `hostIds` have a finished collection in `sweep`. */
export async function sweepHostsDone(sweep: string, hostIds: number[]): Promise<number[]> {
  const db = await getDb();
  const rows = await db.run.findMany({ where: { sweep, hostId: { in: hostIds }, status: { not: "running" } }, select: { hostId: true } });
  return rows.map((r) => r.hostId);
}

/**
 * A collection begins, run by process `collectorId` (lib/jobs/collector-process.ts), as part of
 * `sweep` if given. Null: another process already has this host in that sweep (Run.sweep).
 */
export async function startRun(hostId: number, at: Date, collectorId: string): Promise<number>;
export async function startRun(hostId: number, at: Date, collectorId: string, sweep: string | undefined): Promise<number | null>;
export async function startRun(hostId: number, at: Date, collectorId: string, sweep?: string): Promise<number | null> {
  const db = await getDb();
  try {
    const run = await db.run.create({ data: { hostId, status: "running", startedAt: at, collectorId, sweep } });
    return run.id;
  } catch (err) {
    if (sweep !== undefined && err instanceof Error && (err as { code?: string }).code === "P2002") return null;
    throw err;
  }
}

export type RunOutcome = {
  status: Exclude<RunStatus, "running">;
  finishedAt: Date;
  errorCode?: string | null;
  error?: string | null;
  commands?: CommandOutcome[];
  /** Present for ok/partial runs; stored with the run in one transaction. */
  snapshot?: Snapshot;
  /** Exec requests (shells started on the host) and channels the collection used. */
  shellStarts?: number;
  channels?: number;
};

/** An InterfaceRow as the Interface table holds it (JSON columns as text), for change detection. */
const storedNic = (i: InterfaceRow): StoredNic => ({
  name: i.name,
  kind: i.kind,
  mac: i.mac,
  mtu: i.mtu,
  state: i.state,
  speedMbps: i.speedMbps,
  duplex: i.duplex,
  driver: i.driver,
  permanentMac: i.permanentMac ?? null,
  linkModes: i.linkModes ? JSON.stringify(i.linkModes) : null,
  addresses: JSON.stringify(i.addresses),
});

/** The host's stored snapshot (rows of `runId`), as change detection compares it. */
async function readStoredState(db: Db, runId: number): Promise<{ state: StoredState; neighbors: StoredNeighborRow[] }> {
  const [nics, run] = await Promise.all([
    db.interface.findMany({
      where: { runId },
      select: { name: true, kind: true, mac: true, mtu: true, state: true, speedMbps: true, duplex: true, driver: true, permanentMac: true, linkModes: true, addresses: true },
    }),
    db.run.findUnique({ where: { id: runId }, select: { topology: true } }),
  ]);
  const neighbors = await readNeighbors(db, runId);
  return { state: { interfaces: nics, neighbors, topology: run?.topology ?? null }, neighbors };
}

/** Counters of every NIC that reports any, with rates against the host's previous collection. */
async function recordSamples(db: Db, run: { id: number; hostId: number; startedAt: Date }, previousCollectedRunId: number | null, nics: InterfaceRow[]): Promise<void> {
  const counted = nics.filter(hasCounters);
  if (counted.length === 0) return;
  const before = previousCollectedRunId === null ? [] : await db.interfaceSample.findMany({ where: { runId: previousCollectedRunId } });
  const byName = new Map(before.map((b) => [b.name, b]));
  const at = dbDate(run.startedAt);
  await insertRows(db, "InterfaceSample", SAMPLE_COLUMNS, counted, (i) => {
    const b = byName.get(i.name);
    const r = sampleRates(i, b ?? null, b ? (run.startedAt.getTime() - b.at.getTime()) / 1000 : null, i.speedMbps);
    return [run.hostId, run.id, i.name, at, i.rxBytes, i.txBytes, i.rxPackets, i.txPackets, i.rxErrors, i.txErrors, i.rxDropped, i.txDropped, r.seconds, r.rxBps, r.txBps, r.errors, r.drops];
  });
}

export async function finishRun(runId: number, outcome: RunOutcome): Promise<RunSummary> {
  const db = await getDb();
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) throw new NotFoundError(`Run ${runId}`);
  // collectHost bounded it already (and reported what it left out); this keeps every caller safe.
  const s = outcome.snapshot && boundSnapshot(outcome.snapshot).snapshot;
  const commands = (outcome.commands ?? s?.commands ?? []).map(boundOutcome);
  // One collection per host at a time (lib/jobs/collect.ts), so the pointers read here are
  // still current when the last transaction moves them.
  const host = s
    ? await db.host.findUnique({
        where: { id: run.hostId },
        select: { latestSnapshotRunId: true, previousSnapshotRunId: true, lastCollectedRunId: true },
      })
    : null;
  const latestSnapshotRunId = host?.latestSnapshotRunId ?? null;
  let changed = false;
  try {
    if (s) {
      const nics = s.interfaces.map(storedNic);
      const topology = s.topology === undefined ? null : JSON.stringify(s.topology);
      const stored = latestSnapshotRunId === null ? null : await readStoredState(db, latestSnapshotRunId);
      changed = snapshotChanged(stored?.state ?? null, { interfaces: nics, neighbors: s.neighbors, topology });
      if (changed) {
        await insertRows(db, "Interface", INTERFACE_COLUMNS, s.interfaces, (i) => {
          const n = storedNic(i);
          return [
            runId, run.hostId, n.name, n.kind, n.mac, n.mtu, n.state, n.speedMbps, n.duplex, n.driver, n.permanentMac, n.linkModes, n.addresses,
            i.rxBytes, i.txBytes, i.rxPackets, i.txPackets, i.rxErrors, i.txErrors, i.rxDropped, i.txDropped,
          ];
        });
        await insertRows(db, "Neighbor", NEIGHBOR_COLUMNS, s.neighbors, (n) => [runId, run.hostId, n.ip, n.mac, n.interface, n.state, n.router ? 1 : 0]);
        await recordNeighborEvents(db, run, stored?.neighbors ?? null, s.neighbors);
        const at = dbDate(run.startedAt);
        await insertRows(db, "InterfaceEvent", NIC_EVENT_COLUMNS, interfaceChanges(stored?.state.interfaces ?? null, nics), (c) => [run.hostId, runId, c.name, c.kind, c.before, c.after, at]);
      }
      await recordSamples(db, run, host?.lastCollectedRunId ?? null, s.interfaces);
    }
    const saved = await db.$transaction(async (tx) => {
      if (s) {
        await tx.host.update({
          where: { id: run.hostId },
          data: {
            hostname: s.hostname,
            kernel: s.kernel,
            distribution: s.distribution ?? null,
            detectedPlatform: s.platform,
            ...(changed ? { latestSnapshotRunId: runId, previousSnapshotRunId: latestSnapshotRunId } : {}),
            lastCollectedRunId: runId,
            previousCollectedRunId: host?.lastCollectedRunId ?? null,
          },
        });
      }
      return tx.run.update({
        where: { id: runId },
        data: {
          status: outcome.status,
          finishedAt: outcome.finishedAt,
          durationMs: outcome.finishedAt.getTime() - run.startedAt.getTime(),
          errorCode: outcome.errorCode === null || outcome.errorCode === undefined ? null : clip(outcome.errorCode, 64),
          error: outcome.error === null || outcome.error === undefined ? null : clip(outcome.error, MAX_RUN_ERROR_CHARS),
          commands: JSON.stringify(commands),
          hasSnapshot: s !== undefined,
          snapshotRunId: s === undefined ? null : changed ? runId : latestSnapshotRunId,
          shellStarts: outcome.shellStarts ?? null,
          channels: outcome.channels ?? null,
          // With the snapshot it belongs to: a run that confirmed one has the same structure.
          topology: changed && s?.topology !== undefined ? JSON.stringify(s.topology) : null,
        },
      });
    });
    return toRunSummary(saved);
  } catch (err) {
    if (s) await deleteRunRows(db, runId).catch(() => undefined);
    throw err;
  }
}

export async function listRuns(hostId: number, take = 20): Promise<RunDetail[]> {
  const db = await getDb();
  // By start time, which the (hostId, startedAt) index holds in order; by id it sorted every run of the host.
  const runs = await db.run.findMany({ where: { hostId }, orderBy: [{ startedAt: "desc" }], take });
  return runs.map(toRunDetail);
}

/** Every kept run of the host, newest first, a page at a time (for an export). */
export async function* iterateRuns(hostId: number, pageSize = 500): AsyncGenerator<RunDetail> {
  const db = await getDb();
  let cursor: number | undefined;
  for (;;) {
    const runs = await db.run.findMany({
      where: { hostId },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: pageSize,
      ...(cursor !== undefined ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    for (const r of runs) yield toRunDetail(r);
    if (runs.length < pageSize) return;
    cursor = runs.at(-1)?.id;
  }
}

/** What the host's newest collection saw, with RX/TX rates since the one before it. */
export async function getLatestSnapshot(hostId: number): Promise<HostSnapshotView | null> {
  const host = await getSnapshotHost(hostId);
  if (!host || host.latestRunId === null) return null;
  const collected = await getCollectedRuns([host.lastCollectedRunId]);
  const run = (host.lastCollectedRunId !== null && collected.get(host.lastCollectedRunId)) || null;
  const views = await loadCollectionViews([run ?? { runId: host.latestRunId, snapshotRunId: host.latestRunId, at: new Date(0) }]);
  const view = [...views.values()][0];
  if (!view) return null;
  const db = await getDb();
  const sample = await db.interfaceSample.findFirst({ where: { runId: view.runId, seconds: { not: null } }, select: { seconds: true } });
  const snapshotRun = run ? null : await db.run.findUnique({ where: { id: host.latestRunId }, select: { startedAt: true } });
  return {
    runId: view.runId,
    takenAt: snapshotRun ? snapshotRun.startedAt.toISOString() : view.takenAt,
    rateWindowSec: sample?.seconds ?? null,
    interfaces: view.interfaces,
    neighbors: view.neighbors,
  };
}

export async function assertHostExists(hostId: number): Promise<void> {
  const db = await getDb();
  if (!(await db.host.findUnique({ where: { id: hostId }, select: { id: true } }))) {
    throw new NotFoundError(`Host ${hostId}`);
  }
}
