import "server-only";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { InterfaceTraffic, TrafficPoint, TrafficSource, TrafficSpark } from "@/lib/domain/traffic";
import { chooseSeries, type Coverage } from "@/lib/history/buckets";
import { bareAddress, defaultNic } from "@/lib/history/default-nic";
import { nicFlags, type FlagFinding } from "@/lib/history/nic-flags";
import { decode } from "./codec";
import { dbDate, epochMs, queryRaw } from "./sql";
import { dialect } from "@/lib/db";
import { dayWatermark, hourWatermark } from "./housekeeping";

// NIC traffic for charts: at most MAX_TRAFFIC_POINTS buckets whatever the range, read from
// the finest series that still holds it (raw samples, hourly or daily rollups), with the
// newest part that is not rolled up yet read from the finer series below it.

export const sparkKey = (hostId: number, name: string) => `${hostId}\u0000${name}`;

type Bucket = { b: number; secs: number | null; rx: number | null; rxMin: number | null; rxMax: number | null; tx: number | null; txMin: number | null; txMax: number | null; errors: number | null; drops: number | null };

/** Bucket index of a stored time column, counted from `from` in buckets of `bucketMs`. */
const bucketExpr = (column: string) =>
  dialect() === "sqlite"
    ? `CAST((${epochMs(`"${column}"`)} - ?) / ? AS INTEGER)`
    : `CAST(FLOOR((${epochMs(`"${column}"`)} - ?) / ?) AS BIGINT)`;

/** The columns each series averages (time-weighted), takes the min and max of, and is filtered by. */
const SERIES = {
  samples: { table: "InterfaceSample", time: "at", rx: ["rxBps", "rxBps", "rxBps"], tx: ["txBps", "txBps", "txBps"], period: "" },
  hour: { table: "InterfaceRollup", time: "start", rx: ["rxAvg", "rxMin", "rxMax"], tx: ["txAvg", "txMin", "txMax"], period: `AND "period" = 'hour'` },
  day: { table: "InterfaceRollup", time: "start", rx: ["rxAvg", "rxMin", "rxMax"], tx: ["txAvg", "txMin", "txMax"], period: `AND "period" = 'day'` },
} as const;

/** One series' rows in [from, to) grouped into buckets of `bucketMs` counted from `origin`. */
async function buckets(source: TrafficSource, hostId: number, name: string, from: number, to: number, origin: number, bucketMs: number): Promise<Bucket[]> {
  if (to <= from) return [];
  const db = await getDb();
  const c = SERIES[source];
  const avg = (col: string) => `SUM("${col}" * "seconds") / SUM(CASE WHEN "${col}" IS NOT NULL THEN "seconds" END)`;
  return queryRaw<Bucket[]>(db, 
    `SELECT ${bucketExpr(c.time)} AS "b", SUM("seconds") AS "secs",
       ${avg(c.rx[0])} AS "rx", MIN("${c.rx[1]}") AS "rxMin", MAX("${c.rx[2]}") AS "rxMax",
       ${avg(c.tx[0])} AS "tx", MIN("${c.tx[1]}") AS "txMin", MAX("${c.tx[2]}") AS "txMax",
       SUM("errors") AS "errors", SUM("drops") AS "drops"
     FROM "${c.table}" WHERE "hostId" = ? AND "name" = ? ${c.period} AND "${c.time}" >= ? AND "${c.time}" < ? GROUP BY "b" ORDER BY "b"`,
    origin, bucketMs, hostId, name, dbDate(from), dbDate(to),
  );
}

const n = (v: number | bigint | null) => (v === null ? null : Number(v));
const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
const sumOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/** Buckets of several series (a rollup and the newer samples) merged: one point per bucket. */
function mergeBuckets(parts: Bucket[][], origin: number, bucketMs: number): TrafficPoint[] {
  const byIndex = new Map<number, Bucket>();
  for (const b of parts.flat()) {
    const i = Number(b.b);
    const a = byIndex.get(i);
    if (!a) {
      byIndex.set(i, { ...b, b: i });
      continue;
    }
    const sa = n(a.secs) ?? 0;
    const sb = n(b.secs) ?? 0;
    const avg = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : sa + sb > 0 ? (x * sa + y * sb) / (sa + sb) : x);
    byIndex.set(i, {
      b: i,
      secs: sa + sb,
      rx: avg(n(a.rx), n(b.rx)),
      tx: avg(n(a.tx), n(b.tx)),
      rxMin: minOf(n(a.rxMin), n(b.rxMin)),
      rxMax: maxOf(n(a.rxMax), n(b.rxMax)),
      txMin: minOf(n(a.txMin), n(b.txMin)),
      txMax: maxOf(n(a.txMax), n(b.txMax)),
      errors: sumOf(n(a.errors), n(b.errors)),
      drops: sumOf(n(a.drops), n(b.drops)),
    });
  }
  return [...byIndex.values()]
    .sort((a, b) => a.b - b.b)
    .map((b) => ({
      t: origin + b.b * bucketMs,
      rx: n(b.rx),
      tx: n(b.tx),
      rxMin: n(b.rxMin),
      rxMax: n(b.rxMax),
      txMin: n(b.txMin),
      txMax: n(b.txMax),
      errors: n(b.errors),
      drops: n(b.drops),
    }));
}

async function coverage(): Promise<Coverage> {
  const db = await getDb();
  const [s, h, d] = await Promise.all([
    db.interfaceSample.findFirst({ orderBy: { at: "asc" }, select: { at: true } }),
    db.interfaceRollup.findFirst({ where: { period: "hour" }, orderBy: { start: "asc" }, select: { start: true } }),
    db.interfaceRollup.findFirst({ where: { period: "day" }, orderBy: { start: "asc" }, select: { start: true } }),
  ]);
  return { samplesFrom: s?.at.getTime() ?? null, hoursFrom: h?.start.getTime() ?? null, daysFrom: d?.start.getTime() ?? null };
}

/** Findings of this host whose subject or evidence is this NIC, opened or resolved in the range. */
async function nicFindings(hostId: number, name: string, from: Date, to: Date): Promise<FlagFinding[]> {
  const db = await getDb();
  // Probe evidence names addresses, not NICs (ping -M do from one address to another).
  const nic = await db.interface.findFirst({ where: { hostId, name }, orderBy: { runId: "desc" }, select: { addresses: true } });
  const ips = new Set(decode.addresses(nic?.addresses ?? "[]").map(bareAddress));
  const rows = await db.finding.findMany({
    where: { hosts: { some: { hostId } }, OR: [{ openedAt: { gte: from, lte: to } }, { resolvedAt: { gte: from, lte: to } }] },
    select: { id: true, key: true, title: true, severity: true, openedAt: true, resolvedAt: true, subject: true, evidence: true },
    take: 500,
  });
  return rows
    .filter((f) => {
      const subject = decode.subject(f.subject, f.key);
      if (subject.type === "interface" && subject.id === `${hostId}:${name}`) return true;
      return decode
        .evidence(f.evidence)
        .some((e) => e.hostId === hostId && (e.fields.interface === name || (typeof e.fields.from === "string" && ips.has(bareAddress(e.fields.from)))));
    })
    .map((f) => ({ id: f.id, title: f.title, severity: decode.severity(f.severity), openedAt: f.openedAt.getTime(), resolvedAt: f.resolvedAt?.getTime() ?? null }));
}

export async function getInterfaceTraffic(hostId: number, name: string, from: Date, to: Date): Promise<InterfaceTraffic> {
  const db = await getDb();
  const known = await db.interfaceSample.findFirst({ where: { hostId, name }, select: { id: true } }) ?? (await db.interface.findFirst({ where: { hostId, name }, select: { id: true } }));
  if (!known) throw new NotFoundError(`Interface ${name} of host ${hostId}`);
  const f = from.getTime();
  const t = to.getTime();
  const { source, bucketSeconds } = chooseSeries(f, t, await coverage());
  const bucketMs = bucketSeconds * 1000;
  // Buckets aligned to whole periods, so that the same range asked twice gives the same points.
  const origin = Math.floor(f / bucketMs) * bucketMs;
  const [hourMark, dayMark] = await Promise.all([hourWatermark(), dayWatermark()]);
  const hourEnd = Math.max(f, Math.min(t, hourMark ?? f));
  const dayEnd = Math.max(f, Math.min(hourEnd, dayMark ?? f));
  const parts: Bucket[][] =
    source === "samples"
      ? [await buckets("samples", hostId, name, f, t + 1, origin, bucketMs)]
      : source === "hour"
        ? [await buckets("hour", hostId, name, f, hourEnd, origin, bucketMs), await buckets("samples", hostId, name, hourEnd, t + 1, origin, bucketMs)]
        : [
            await buckets("day", hostId, name, f, dayEnd, origin, bucketMs),
            await buckets("hour", hostId, name, dayEnd, hourEnd, origin, bucketMs),
            await buckets("samples", hostId, name, hourEnd, t + 1, origin, bucketMs),
          ];
  const [events, findings, failures] = await Promise.all([
    db.interfaceEvent.findMany({ where: { hostId, name, at: { gte: from, lte: to } }, orderBy: { at: "asc" }, take: 1000 }),
    nicFindings(hostId, name, from, to),
    db.run.findMany({ where: { hostId, status: "failed", startedAt: { gte: from, lte: to } }, select: { startedAt: true, errorCode: true, error: true }, orderBy: { startedAt: "asc" }, take: 5000 }),
  ]);
  return {
    hostId,
    interface: name,
    from: from.toISOString(),
    to: to.toISOString(),
    source: source satisfies TrafficSource,
    bucketSeconds,
    points: mergeBuckets(parts, origin, bucketMs),
    flags: nicFlags(
      name,
      f,
      t,
      events.map((e) => ({ at: e.at.getTime(), kind: e.kind, before: e.before, after: e.after })),
      findings,
      failures.map((r) => ({ at: r.startedAt.getTime(), errorCode: r.errorCode, error: r.error })),
    ),
  };
}

/**
 * RX/TX of the last `hours` hours in `points` buckets, per NIC of one host (the interfaces
 * table) or for the given (host, NIC) pairs (the overview): one query over the raw samples.
 */
export async function getTrafficSparks(pairs: { hostId: number; name: string }[], now: Date, hours = 24, points = 48): Promise<Map<string, TrafficSpark>> {
  const out = new Map<string, TrafficSpark>();
  if (pairs.length === 0) return out;
  const db = await getDb();
  const to = now.getTime();
  const from = to - hours * 3_600_000;
  const bucketMs = Math.ceil((hours * 3_600_000) / points);
  const wanted = new Set(pairs.map((p) => sparkKey(p.hostId, p.name)));
  const rows = await queryRaw<{ hostId: number | bigint; name: string; b: number | bigint; rx: number | null; tx: number | null }[]>(db, 
    `SELECT "hostId", "name", ${bucketExpr("at")} AS "b",
       SUM("rxBps" * "seconds") / SUM(CASE WHEN "rxBps" IS NOT NULL THEN "seconds" END) AS "rx",
       SUM("txBps" * "seconds") / SUM(CASE WHEN "txBps" IS NOT NULL THEN "seconds" END) AS "tx"
     FROM "InterfaceSample" WHERE ("hostId", "name") IN (VALUES ${pairs.map(() => "(CAST(? AS INTEGER), ?)").join(", ")}) AND "at" >= ?
     GROUP BY "hostId", "name", "b" ORDER BY "b"`,
    from, bucketMs, ...pairs.flatMap((p) => [p.hostId, p.name]), dbDate(from),
  );
  for (const r of rows) {
    const key = sparkKey(Number(r.hostId), r.name);
    if (!wanted.has(key)) continue;
    const s = out.get(key) ?? { name: r.name, points: [] };
    s.points.push({ t: from + Number(r.b) * bucketMs, rx: r.rx === null ? null : Number(r.rx), tx: r.tx === null ? null : Number(r.tx) });
    out.set(key, s);
  }
  return out;
}


/** How much history a host has: collections, the snapshots they stored, counter samples. */
export async function countHostHistory(hostId: number): Promise<{ collections: number; snapshots: number; samples: number; nicEvents: number }> {
  const db = await getDb();
  const [collections, snapshots, samples, nicEvents] = await Promise.all([
    db.run.count({ where: { hostId, hasSnapshot: true } }),
    db.run.count({ where: { hostId, hasSnapshot: true, snapshotRunId: { equals: db.run.fields.id } } }),
    db.interfaceSample.count({ where: { hostId } }),
    db.interfaceEvent.count({ where: { hostId } }),
  ]);
  return { collections, snapshots, samples, nicEvents };
}

/** When each NIC of a host was first read (its oldest sample or rollup kept), ms: "collections since …" under an empty chart. */
export async function getCounterSince(hostId: number): Promise<Record<string, number>> {
  const db = await getDb();
  const [samples, rollups] = await Promise.all([
    db.interfaceSample.groupBy({ by: ["name"], where: { hostId }, _min: { at: true } }),
    db.interfaceRollup.groupBy({ by: ["name"], where: { hostId }, _min: { start: true } }),
  ]);
  const out: Record<string, number> = {};
  for (const [name, at] of [...samples.map((s) => [s.name, s._min.at] as const), ...rollups.map((r) => [r.name, r._min.start] as const)]) {
    if (at && (out[name] === undefined || at.getTime() < out[name])) out[name] = at.getTime();
  }
  return out;
}

/**
 * The overview's sparkline per host: the NIC holding the host's address (lib/history/default-nic.ts)
 * in its newest snapshot, its RX/TX of the last 24 hours; one query for all hosts' NICs.
 */
export async function getHostSparks(hostIds: number[], now: Date): Promise<Map<number, TrafficSpark>> {
  if (hostIds.length === 0) return new Map();
  const db = await getDb();
  const hosts = await db.host.findMany({ where: { id: { in: hostIds } }, select: { id: true, address: true, latestSnapshotRunId: true } });
  const runIds = hosts.flatMap((h) => (h.latestSnapshotRunId === null ? [] : [h.latestSnapshotRunId]));
  const nics = await db.interface.findMany({ where: { runId: { in: runIds }, rxBytes: { not: null } }, select: { runId: true, name: true, kind: true, state: true, addresses: true }, orderBy: { id: "asc" } });
  const pairs = hosts.flatMap((h) => {
    const own = nics.filter((n) => n.runId === h.latestSnapshotRunId).map((n) => ({ ...n, addresses: decode.addresses(n.addresses) }));
    const name = defaultNic(own, h.address);
    return name === null ? [] : [{ hostId: h.id, name }];
  });
  const sparks = await getTrafficSparks(pairs, now);
  return new Map(pairs.flatMap((p) => (sparks.has(sparkKey(p.hostId, p.name)) ? [[p.hostId, sparks.get(sparkKey(p.hostId, p.name))!] as const] : [])));
}
