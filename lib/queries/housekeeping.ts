import "server-only";
import { datePlaceholder, dbDate, executeRaw, queryRaw, yieldToEventLoop } from "./sql";
import { dialect } from "@/lib/db";
import { getDb } from "@/lib/db";
import { getSetting, setSetting } from "./settings";
import { newestProbeIds } from "./probes";

// The SQL of housekeeping (lib/jobs/housekeeping.ts decides what and when). Every statement
// is short and commits on its own, with the event loop let go between two, so collections and
// page requests interleave with a long catch-up; every step can be repeated after a restart
// (rollups are upserts, deletions are by cut-off).

type Db = Awaited<ReturnType<typeof getDb>>;
/** Rows deleted per statement: a few ms each on the 2-core box. */
const DELETE_BATCH = 500;

const HOUR_KEY = "housekeeping:hours-rolled-to";
const DAY_KEY = "housekeeping:days-rolled-to";

async function watermark(key: string): Promise<number | null> {
  const v = await getSetting(key);
  const t = v === null ? NaN : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}
export const hourWatermark = () => watermark(HOUR_KEY);
export const dayWatermark = () => watermark(DAY_KEY);

/** When the oldest sample and the oldest hourly rollup were taken: where rolling up starts. */
export async function firstTimes(): Promise<{ sample: number | null; hour: number | null }> {
  const db = await getDb();
  const [s, h] = await Promise.all([
    db.interfaceSample.findFirst({ orderBy: { at: "asc" }, select: { at: true } }),
    db.interfaceRollup.findFirst({ where: { period: "hour" }, orderBy: { start: "asc" }, select: { start: true } }),
  ]);
  return { sample: s?.at.getTime() ?? null, hour: h?.start.getTime() ?? null };
}

const ROLLUP_COLUMNS = `"hostId", "name", "period", "start", "samples", "seconds", "rxAvg", "rxMin", "rxMax", "txAvg", "txMin", "txMax", "errors", "drops"`;
const ON_CONFLICT = `ON CONFLICT ("hostId", "name", "period", "start") DO UPDATE SET
  "samples" = excluded."samples", "seconds" = excluded."seconds",
  "rxAvg" = excluded."rxAvg", "rxMin" = excluded."rxMin", "rxMax" = excluded."rxMax",
  "txAvg" = excluded."txAvg", "txMin" = excluded."txMin", "txMax" = excluded."txMax",
  "errors" = excluded."errors", "drops" = excluded."drops"`;

/** One hour of samples into one row per NIC (time-weighted average), then the watermark moves past it. */
export async function rollUpHour(start: number): Promise<number> {
  const db = await getDb();
  const end = start + 3_600_000;
  const rows = await executeRaw(
      db,
    `INSERT INTO "InterfaceRollup" (${ROLLUP_COLUMNS})
     SELECT "hostId", "name", 'hour', ${datePlaceholder()}, COUNT(*), COALESCE(SUM("seconds"), 0),
       SUM("rxBps" * "seconds") / SUM(CASE WHEN "rxBps" IS NOT NULL THEN "seconds" END), MIN("rxBps"), MAX("rxBps"),
       SUM("txBps" * "seconds") / SUM(CASE WHEN "txBps" IS NOT NULL THEN "seconds" END), MIN("txBps"), MAX("txBps"),
       COALESCE(SUM("errors"), 0), COALESCE(SUM("drops"), 0)
     FROM "InterfaceSample" WHERE "at" >= ? AND "at" < ? GROUP BY "hostId", "name"
     ${ON_CONFLICT}`,
    dbDate(start),
    dbDate(start),
    dbDate(end),
  );
  await setSetting(HOUR_KEY, new Date(end).toISOString());
  await yieldToEventLoop();
  return rows;
}

/** One day of hourly rows into one row per NIC, then the day watermark moves past it. */
export async function rollUpDay(start: number): Promise<number> {
  const db = await getDb();
  const end = start + 86_400_000;
  const rows = await executeRaw(
      db,
    `INSERT INTO "InterfaceRollup" (${ROLLUP_COLUMNS})
     SELECT "hostId", "name", 'day', ${datePlaceholder()}, SUM("samples"), SUM("seconds"),
       SUM("rxAvg" * "seconds") / SUM(CASE WHEN "rxAvg" IS NOT NULL THEN "seconds" END), MIN("rxMin"), MAX("rxMax"),
       SUM("txAvg" * "seconds") / SUM(CASE WHEN "txAvg" IS NOT NULL THEN "seconds" END), MIN("txMin"), MAX("txMax"),
       SUM("errors"), SUM("drops")
     FROM "InterfaceRollup" WHERE "period" = 'hour' AND "start" >= ? AND "start" < ? GROUP BY "hostId", "name"
     ${ON_CONFLICT}`,
    dbDate(start),
    dbDate(start),
    dbDate(end),
  );
  await setSetting(DAY_KEY, new Date(end).toISOString());
  await yieldToEventLoop();
  return rows;
}

/** Deletes what `select` names (a SELECT of ids with LIMIT ?), a batch per statement, until none is left. */
async function deleteInBatches(db: Db, table: string, select: string, ...params: (string | number)[]): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await executeRaw(db, `DELETE FROM "${table}" WHERE "id" IN (${select})`, ...params, DELETE_BATCH);
    total += n;
    await yieldToEventLoop();
    if (n < DELETE_BATCH) return total;
  }
}

export async function deleteSamplesBefore(t: number): Promise<number> {
  const db = await getDb();
  return deleteInBatches(db, "InterfaceSample", `SELECT "id" FROM "InterfaceSample" WHERE "at" < ? ORDER BY "at" LIMIT ?`, dbDate(t));
}

export async function deleteRollupsBefore(period: "hour" | "day", t: number): Promise<number> {
  const db = await getDb();
  let total = 0;
  for (;;) {
    // No id column (the key is the row's identity): each engine's own row address.
    const row = dialect() === "sqlite" ? "rowid" : "ctid";
    const n = await executeRaw(
      db,
      `DELETE FROM "InterfaceRollup" WHERE ${row} IN (SELECT ${row} FROM "InterfaceRollup" WHERE "period" = ? AND "start" < ? LIMIT ?)`,
      period,
      dbDate(t),
      DELETE_BATCH,
    );
    total += n;
    await yieldToEventLoop();
    if (n < DELETE_BATCH) return total;
  }
}

/**
 * Collection runs older than `t` (failed ones older than `failedT`), with the snapshot rows
 * they hold. A run whose snapshot is still in use stays whatever its age: a host's newest two
 * snapshots and collections, and any snapshot a kept run confirmed (an unchanged host's
 * tables are those of a run months old).
 */
export async function deleteRunsBefore(t: number, failedT = t): Promise<number> {
  const db = await getDb();
  const cutoff = dbDate(t);
  const failedCutoff = dbDate(Math.min(t, failedT));
  const hosts = await db.host.findMany({ select: { latestSnapshotRunId: true, previousSnapshotRunId: true, lastCollectedRunId: true, previousCollectedRunId: true } });
  const kept = new Set<number>(hosts.flatMap((h) => [h.latestSnapshotRunId, h.previousSnapshotRunId, h.lastCollectedRunId, h.previousCollectedRunId].filter((id): id is number => id !== null)));
  const confirmed = await queryRaw<{ id: number | bigint }[]>(db, 
    `SELECT DISTINCT "snapshotRunId" AS "id" FROM "Run" WHERE "startedAt" >= ? AND "snapshotRunId" IS NOT NULL`,
    cutoff,
  );
  for (const r of confirmed) kept.add(Number(r.id));
  let total = 0;
  let after = 0;
  for (;;) {
    const batch = await queryRaw<{ id: number | bigint }[]>(db, 
      `SELECT "id" FROM "Run" WHERE "id" > ? AND "startedAt" < ? AND "status" != 'running' AND ("status" != 'failed' OR "startedAt" < ?) ORDER BY "id" LIMIT ?`,
      after,
      cutoff,
      failedCutoff,
      DELETE_BATCH,
    );
    if (batch.length === 0) return total;
    after = Number(batch[batch.length - 1]!.id);
    const ids = batch.map((r) => Number(r.id)).filter((id) => !kept.has(id));
    if (ids.length > 0) {
      const list = ids.join(", ");
      // A snapshot of a big neighbor table is tens of thousands of rows: deleted in batches
      // before its run, so the cascade left for the run itself is small.
      await deleteInBatches(db, "Neighbor", `SELECT "id" FROM "Neighbor" WHERE "runId" IN (${list}) LIMIT ?`);
      await deleteInBatches(db, "Interface", `SELECT "id" FROM "Interface" WHERE "runId" IN (${list}) LIMIT ?`);
      total += await executeRaw(db, `DELETE FROM "Run" WHERE "id" IN (${list})`);
    }
    await yieldToEventLoop();
  }
}

/** Probe rows older than `t`, except the newest of each path (what findings and pages show). */
export async function deleteProbesBefore(t: number): Promise<number> {
  const db = await getDb();
  const newest = await newestProbeIds();
  const keep = newest.length > 0 ? `AND "id" NOT IN (${newest.join(", ")})` : "";
  return deleteInBatches(db, "MtuProbe", `SELECT "id" FROM "MtuProbe" WHERE "at" < ? ${keep} LIMIT ?`, dbDate(t));
}

export async function deleteEventsBefore(t: number): Promise<number> {
  const db = await getDb();
  const at = dbDate(t);
  return (
    (await deleteInBatches(db, "NeighborEvent", `SELECT "id" FROM "NeighborEvent" WHERE "at" < ? LIMIT ?`, at)) +
    (await deleteInBatches(db, "InterfaceEvent", `SELECT "id" FROM "InterfaceEvent" WHERE "at" < ? LIMIT ?`, at))
  );
}

/** Findings resolved before `t` (their host links go with them). */
export async function deleteResolvedFindingsBefore(t: number): Promise<number> {
  const db = await getDb();
  return deleteInBatches(db, "Finding", `SELECT "id" FROM "Finding" WHERE "status" = 'resolved' AND "resolvedAt" < ? LIMIT ?`, dbDate(t));
}

/** Per-second series and raw output of iperf runs that finished before `t`; the runs' summaries stay. */
export async function deleteIperfDetailBefore(t: number): Promise<number> {
  const db = await getDb();
  return deleteInBatches(
    db,
    "IperfOutput",
    `SELECT o."id" FROM "IperfOutput" o JOIN "IperfRun" r ON r."id" = o."runId" WHERE r."finishedAt" < ? LIMIT ?`,
    dbDate(t),
  );
}

/** Sent and failed notification deliveries older than `t` (attempts go with them); pending ones stay. */
export async function deleteDeliveriesBefore(t: number): Promise<number> {
  const db = await getDb();
  return deleteInBatches(
    db,
    "NotificationDelivery",
    `SELECT "id" FROM "NotificationDelivery" WHERE "createdAt" < ? AND "status" <> 'pending' ORDER BY "createdAt" LIMIT ?`,
    dbDate(t),
  );
}

/**
 * Gives freed pages back to the file system, a few MB per statement (auto_vacuum = INCREMENTAL,
 * lib/db.ts). PostgreSQL's autovacuum makes deleted rows' space reusable by itself.
 */
export async function vacuumIncrementally(maxPages: number): Promise<number> {
  if (dialect() !== "sqlite") return 0;
  const db = await getDb();
  const [{ freelist_count: free = 0 } = {}] = await queryRaw<{ freelist_count?: number | bigint }[]>(db, "PRAGMA freelist_count");
  const goal = Math.min(Number(free), maxPages);
  let done = 0;
  while (done < goal) {
    const n = Math.min(1000, goal - done);
    await db.$queryRawUnsafe(`PRAGMA incremental_vacuum(${n})`);
    done += n;
    await yieldToEventLoop();
  }
  return done;
}

/** Size of the database in bytes: the file's pages (in use + free), or PostgreSQL's tables with their indexes and TOAST. */
export async function databaseBytes(): Promise<number> {
  const db = await getDb();
  if (dialect() !== "sqlite") {
    const [{ bytes = 0 } = {}] = await queryRaw<{ bytes?: number | bigint | string | null }[]>(
      db,
      `SELECT SUM(pg_total_relation_size(c.oid)) AS "bytes" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname = current_schema()`,
    );
    return Number(bytes ?? 0);
  }
  const [{ page_count = 0 } = {}] = await queryRaw<{ page_count?: number | bigint }[]>(db, "PRAGMA page_count");
  const [{ page_size = 0 } = {}] = await queryRaw<{ page_size?: number | bigint }[]>(db, "PRAGMA page_size");
  return Number(page_count) * Number(page_size);
}
