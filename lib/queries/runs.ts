import "server-only";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { withRates } from "@/lib/analysis/rates";
import type { Snapshot, CommandOutcome } from "@/lib/domain/snapshot";
import type { NeighborRow } from "@/lib/domain/rows";
import type { HostSnapshotView, RunDetail, RunStatus, RunSummary } from "@/lib/domain/views";
import { toInterfaceView, toNeighborView, toRunDetail, toRunSummary } from "./serialize";
import { diffNeighbors } from "@/lib/analysis/neighbor-history";
import { getSnapshotHost } from "./snapshots";
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

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Prisma's text form of a DateTime on SQLite. */
const sqliteDate = (d: Date) => d.toISOString().replace(/Z$/, "+00:00");

async function insertRows<T>(
  db: Db,
  table: "Interface" | "Neighbor" | "NeighborEvent",
  columns: readonly string[],
  rows: readonly T[],
  values: (row: T) => SqlValue[],
): Promise<void> {
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
    const part = rows.slice(from, from + ROWS_PER_STATEMENT);
    await db.$transaction((tx) => tx.$executeRawUnsafe(head + part.map(() => tuple).join(", "), ...part.flatMap(values)));
    await yieldToEventLoop();
  }
}

/** A snapshot's neighbors, read back a few thousand rows per statement. */
async function readNeighbors(db: Db, runId: number): Promise<{ ip: string; mac: string | null; interface: string | null }[]> {
  const out: { ip: string; mac: string | null; interface: string | null }[] = [];
  let after = 0;
  for (;;) {
    const rows = await db.$queryRawUnsafe<{ id: number | bigint; ip: string; mac: string | null; interface: string | null }[]>(
      `SELECT "id", "ip", "mac", "interface" FROM "Neighbor" WHERE "runId" = ? AND "id" > ? ORDER BY "id" LIMIT ?`,
      runId,
      after,
      ROWS_PER_READ,
    );
    for (const r of rows) out.push({ ip: r.ip, mac: r.mac, interface: r.interface });
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
  previousRunId: number | null,
  neighbors: NeighborRow[],
): Promise<void> {
  const before = previousRunId === null ? null : await readNeighbors(db, previousRunId);
  const changes = diffNeighbors(before, neighbors);
  const at = sqliteDate(run.startedAt);
  await insertRows(db, "NeighborEvent", EVENT_COLUMNS, changes, (c) => [run.hostId, run.id, c.ip, c.mac, c.previousMac, c.interface, c.kind, at]);
}

/** The rows of a run that failed before its last transaction, so nothing refers to them. */
async function deleteRunRows(db: Db, runId: number): Promise<void> {
  await db.$transaction([
    db.interface.deleteMany({ where: { runId } }),
    db.neighbor.deleteMany({ where: { runId } }),
    db.neighborEvent.deleteMany({ where: { runId } }),
  ]);
}

export async function startRun(hostId: number, at: Date): Promise<number> {
  const db = await getDb();
  const run = await db.run.create({ data: { hostId, status: "running", startedAt: at } });
  return run.id;
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

export async function finishRun(runId: number, outcome: RunOutcome): Promise<RunSummary> {
  const db = await getDb();
  const run = await db.run.findUnique({ where: { id: runId } });
  if (!run) throw new NotFoundError(`Run ${runId}`);
  // collectHost bounded it already (and reported what it left out); this keeps every caller safe.
  const s = outcome.snapshot && boundSnapshot(outcome.snapshot).snapshot;
  const commands = (outcome.commands ?? s?.commands ?? []).map(boundOutcome);
  // One collection per host at a time (lib/jobs/collect.ts), so the previous snapshot read
  // here is still the previous one when the last transaction moves the host to this run.
  const previousRunId = s
    ? ((await db.host.findUnique({ where: { id: run.hostId }, select: { latestSnapshotRunId: true } }))?.latestSnapshotRunId ?? null)
    : null;
  try {
    if (s) {
      await insertRows(db, "Interface", INTERFACE_COLUMNS, s.interfaces, (i) => [
        runId, run.hostId, i.name, i.kind, i.mac, i.mtu, i.state, i.speedMbps, i.duplex, i.driver, i.permanentMac ?? null,
        i.linkModes ? JSON.stringify(i.linkModes) : null, JSON.stringify(i.addresses),
        i.rxBytes, i.txBytes, i.rxPackets, i.txPackets, i.rxErrors, i.txErrors, i.rxDropped, i.txDropped,
      ]);
      await insertRows(db, "Neighbor", NEIGHBOR_COLUMNS, s.neighbors, (n) => [runId, run.hostId, n.ip, n.mac, n.interface, n.state, n.router ? 1 : 0]);
      await recordNeighborEvents(db, run, previousRunId, s.neighbors);
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
            latestSnapshotRunId: runId,
            previousSnapshotRunId: previousRunId,
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
          shellStarts: outcome.shellStarts ?? null,
          channels: outcome.channels ?? null,
          topology: s?.topology === undefined ? null : JSON.stringify(s.topology),
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
  const runs = await db.run.findMany({ where: { hostId }, orderBy: { id: "desc" }, take });
  return runs.map(toRunDetail);
}

/** Latest stored snapshot (ok or partial run) with RX/TX rates against the one before it. */
export async function getLatestSnapshot(hostId: number): Promise<HostSnapshotView | null> {
  const db = await getDb();
  const host = await getSnapshotHost(hostId);
  const runIds = [host?.latestRunId, host?.previousRunId].filter((id): id is number => typeof id === "number");
  const runs = await db.run.findMany({ where: { id: { in: runIds } }, orderBy: { id: "desc" }, select: { id: true, startedAt: true } });
  const [latest, previous] = runs;
  if (!latest) return null;
  const [interfaces, neighbors, before] = await Promise.all([
    db.interface.findMany({ where: { runId: latest.id }, orderBy: { name: "asc" } }),
    db.neighbor.findMany({ where: { runId: latest.id }, orderBy: [{ interface: "asc" }, { ip: "asc" }] }),
    previous ? db.interface.findMany({ where: { runId: previous.id } }) : Promise.resolve(null),
  ]);
  const seconds = previous ? (latest.startedAt.getTime() - previous.startedAt.getTime()) / 1000 : null;
  return {
    runId: latest.id,
    takenAt: latest.startedAt.toISOString(),
    rateWindowSec: seconds,
    interfaces: withRates(interfaces.map(toInterfaceView), before?.map(toInterfaceView) ?? null, seconds),
    neighbors: neighbors.map(toNeighborView),
  };
}

export async function assertHostExists(hostId: number): Promise<void> {
  const db = await getDb();
  if (!(await db.host.findUnique({ where: { id: hostId }, select: { id: true } }))) {
    throw new NotFoundError(`Host ${hostId}`);
  }
}
