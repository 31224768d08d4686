import "server-only";
import { getDb } from "@/lib/db";
import { assertSitesConnected } from "./sites";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma, IperfRun } from "@/lib/generated/prisma/client";
import type {
  Flow,
  FlowResult,
  FlowStore,
  IntervalPoint,
  IperfOutcome,
  IperfParams,
  IperfRunDetail,
  IperfRunView,
  IperfStatus,
} from "@/lib/domain/iperf";
import type { FindingView } from "@/lib/domain/views";
import { decode, num } from "./codec";
import { listFindingsByKeys } from "./findings";

// The only Prisma caller for iperf runs (schedules: iperf-schedules.ts; history, peers and the
// matrix: iperf-stats.ts). BigInt and Date conversion happens here.

const big = (v: number | null | undefined): bigint | null => (v == null || !Number.isFinite(v) ? null : BigInt(Math.round(v)));
export const withNames = { clientHost: { select: { name: true } }, serverHost: { select: { name: true } } } as const;
type RunWithNames = IperfRun & { clientHost: { name: string }; serverHost: { name: string } };

function flowOf(r: IperfRun, f: Flow): FlowResult | null {
  const p = f === "forward" ? "fwd" : "rev";
  const bps = r[`${p}BitsPerSecond`];
  const sent = r[`${p}SentBitsPerSecond`];
  if (bps === null && sent === null) return null;
  return {
    bitsPerSecond: bps,
    sentBitsPerSecond: sent,
    retransmits: r[`${p}Retransmits`],
    jitterMs: r[`${p}JitterMs`],
    lostPercent: r[`${p}LostPercent`],
    bytes: num(r[`${p}Bytes`]),
    sentBytes: num(r[`${p}SentBytes`]),
    cpuClientPercent: r[`${p}CpuClientPercent`],
    cpuServerPercent: r[`${p}CpuServerPercent`],
  };
}

function toView(r: RunWithNames, findings: Map<string, FindingView>): IperfRunView {
  return {
    id: r.id,
    status: decode.iperfStatus(r.status),
    position: null,
    errorCode: r.errorCode,
    error: r.error,
    clientHostId: r.clientHostId,
    clientHostName: r.clientHost.name,
    serverHostId: r.serverHostId,
    serverHostName: r.serverHost.name,
    serverAddress: r.serverAddress,
    serverAddressManual: r.serverAddressManual,
    clientAddress: r.clientAddress,
    port: r.port,
    durationSec: r.durationSec,
    parallel: r.parallel,
    protocol: decode.iperfProtocol(r.protocol),
    bitrateMbps: r.bitrateMbps,
    direction: decode.iperfDirection(r.direction),
    omitSec: r.omitSec,
    simultaneous: r.simultaneous,
    scheduleId: r.scheduleId,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    forward: flowOf(r, "forward"),
    reverse: flowOf(r, "reverse"),
    clientVersion: r.clientVersion,
    serverVersion: r.serverVersion,
    routes: { client: r.clientRoute, server: r.serverRoute },
    interfaces: { client: r.clientInterface, server: r.serverInterface, clientLinkMbps: r.clientLinkMbps, serverLinkMbps: r.serverLinkMbps },
    notes: r.notes,
    findings: decode.verdictKeys(r.verdictKeys).flatMap((k) => findings.get(k) ?? []),
  };
}


/** Views of stored runs, with their verdicts read from the Finding table in one query. */
async function toViews(rows: RunWithNames[]): Promise<IperfRunView[]> {
  const keys = [...new Set(rows.flatMap((r) => decode.verdictKeys(r.verdictKeys)))];
  const findings = new Map((await listFindingsByKeys(keys)).map((f) => [f.key, f]));
  return rows.map((r) => toView(r, findings));
}

async function findRun(id: number, include: Prisma.IperfRunInclude = withNames) {
  const db = await getDb();
  const r = await db.iperfRun.findUnique({ where: { id }, include: { ...withNames, ...include } });
  if (!r) throw new NotFoundError(`iperf run ${id}`);
  return r;
}

export async function createIperfRun(p: IperfParams, scheduleId: number | null = null): Promise<IperfRunView> {
  const db = await getDb();
  const hosts = await db.host.findMany({ where: { id: { in: [p.clientHostId, p.serverHostId] } }, select: { id: true } });
  for (const [id, field] of [
    [p.clientHostId, "clientHostId"],
    [p.serverHostId, "serverHostId"],
  ] as const) {
    if (!hosts.some((h) => h.id === id)) throw new ValidationError(`Host ${id} does not exist`, { [field]: "No such host" });
  }
  await assertSitesConnected(p.clientHostId, p.serverHostId);
  const r = await db.iperfRun.create({
    data: {
      clientHostId: p.clientHostId,
      serverHostId: p.serverHostId,
      scheduleId,
      serverAddress: p.serverAddress ?? null,
      serverAddressManual: p.serverAddress !== undefined,
      durationSec: p.durationSec,
      parallel: p.parallel,
      protocol: p.protocol,
      bitrateMbps: p.bitrateMbps ?? null,
      direction: p.direction,
      omitSec: p.omitSec,
      simultaneous: p.simultaneous,
      status: "queued",
    },
    include: withNames,
  });
  return toView(r, new Map());
}

export async function getIperfRun(id: number): Promise<IperfRunView> {
  const [view] = await toViews([await findRun(id)]);
  if (!view) throw new NotFoundError(`iperf run ${id}`);
  return view;
}

export async function getIperfRunDetail(id: number): Promise<IperfRunDetail> {
  const r = await findRun(id, { outputs: { select: { intervals: true } } });
  const intervals: Record<Flow, IntervalPoint[]> = { forward: [], reverse: [] };
  for (const o of r.outputs) {
    // a row written by a crashed run decodes to no series
    const v = decode.intervals(o.intervals);
    for (const f of ["forward", "reverse"] as const) intervals[f].push(...(v[f] ?? []));
  }
  const [view] = await toViews([r]);
  if (!view) throw new NotFoundError(`iperf run ${id}`);
  return { ...view, intervals };
}

/** The raw outputs as iperf3 printed them (client JSON, server text), per measured direction. */
export async function getIperfRunRaw(id: number): Promise<{ direction: string; clientRaw: string | null; serverRaw: string | null }[]> {
  const db = await getDb();
  if (!(await db.iperfRun.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError(`iperf run ${id}`);
  return db.iperfOutput.findMany({ where: { runId: id }, select: { direction: true, clientRaw: true, serverRaw: true }, orderBy: { id: "asc" } });
}

export type IperfRunFilter = {
  hostId?: number;
  clientHostId?: number;
  serverHostId?: number;
  status?: IperfStatus[];
  from?: Date;
  to?: Date;
  limit?: number;
  /** Both hosts, either one as the client (a pair's history reads both ways round). */
  pair?: [number, number];
};

const runWhere = (f: IperfRunFilter, beforeId?: number): Prisma.IperfRunWhereInput => ({
  id: beforeId !== undefined ? { lt: beforeId } : undefined,
  clientHostId: f.clientHostId,
  serverHostId: f.serverHostId,
  status: f.status ? { in: f.status } : undefined,
  createdAt: f.from || f.to ? { gte: f.from, lte: f.to } : undefined,
  AND: [
    ...(f.hostId !== undefined ? [{ OR: [{ clientHostId: f.hostId }, { serverHostId: f.hostId }] }] : []),
    ...(f.pair
      ? [
          {
            OR: [
              { clientHostId: f.pair[0], serverHostId: f.pair[1] },
              { clientHostId: f.pair[1], serverHostId: f.pair[0] },
            ],
          },
        ]
      : []),
  ],
});

export async function listIperfRuns(f: IperfRunFilter = {}): Promise<IperfRunView[]> {
  const db = await getDb();
  const rows = await db.iperfRun.findMany({ where: runWhere(f), include: withNames, orderBy: { id: "desc" }, take: f.limit ?? 50 });
  return toViews(rows);
}

/**
 * Every run matching the filter, newest first, read a page at a time (an export of years of
 * hourly runs never sits in memory whole); `limit` caps the total when given.
 */
export async function* iterateIperfRuns(f: IperfRunFilter = {}, pageSize = 500): AsyncGenerator<IperfRunView> {
  const db = await getDb();
  let beforeId: number | undefined;
  let left = f.limit ?? Infinity;
  while (left > 0) {
    const rows = await db.iperfRun.findMany({ where: runWhere(f, beforeId), include: withNames, orderBy: { id: "desc" }, take: Math.min(pageSize, left) });
    for (const view of await toViews(rows)) yield view;
    if (rows.length < Math.min(pageSize, left)) return;
    left -= rows.length;
    beforeId = rows.at(-1)?.id;
  }
}

/** What became of an attempt to start a queued run (claimIperfRun). */
export type IperfClaim = "started" | "busy" | "gone";

class NotQueued extends Error {}

/**
 * Starts a queued run for process `by`: the run turns "running" and both its hosts are claimed,
 * in one transaction. "busy": a host is in another process's test (nothing changed; the run
 * waits); "gone": another process started it, or it was cancelled, first.
 */
export async function claimIperfRun(id: number, hosts: readonly number[], by: string, at: Date): Promise<IperfClaim> {
  const db = await getDb();
  try {
    await db.$transaction(async (tx) => {
      const { count } = await tx.iperfRun.updateMany({ where: { id, status: "queued" }, data: { status: "running", startedAt: at, runningBy: by } });
      if (count !== 1) throw new NotQueued();
      await tx.iperfHostClaim.createMany({ data: hosts.map((hostId) => ({ hostId, runId: id, collectorId: by, claimedAt: at })) });
    });
    return "started";
  } catch (err) {
    if (err instanceof NotQueued) return "gone";
    if (err instanceof Error && (err as { code?: string }).code === "P2002") return "busy";
    throw err;
  }
}

/** Set while the run executes, before results: the address chosen, the port, versions. */
export async function updateIperfRunSetup(
  id: number,
  d: Partial<Pick<IperfRun, "serverAddress" | "clientAddress" | "port" | "clientVersion" | "serverVersion" | "notes">>,
): Promise<void> {
  const db = await getDb();
  await db.iperfRun.update({ where: { id }, data: d });
}

function flowColumns(prefix: "fwd" | "rev", f: FlowStore | null | undefined) {
  return {
    [`${prefix}BitsPerSecond`]: f?.bitsPerSecond ?? null,
    [`${prefix}SentBitsPerSecond`]: f?.sentBitsPerSecond ?? null,
    [`${prefix}Bytes`]: big(f?.bytes),
    [`${prefix}SentBytes`]: big(f?.sentBytes),
    [`${prefix}Retransmits`]: f?.retransmits ?? null,
    [`${prefix}JitterMs`]: f?.jitterMs ?? null,
    [`${prefix}LostPercent`]: f?.lostPercent ?? null,
    [`${prefix}CpuClientPercent`]: f?.cpuClientPercent ?? null,
    [`${prefix}CpuServerPercent`]: f?.cpuServerPercent ?? null,
  };
}

/**
 * Stores the result of a run that process `by` ran. False, and nothing written, when the run is
 * no longer `by`'s: its job was taken to be lost and the run queued again elsewhere.
 */
export async function finishIperfRun(id: number, by: string, o: IperfOutcome): Promise<boolean> {
  const db = await getDb();
  const defined = <T extends object>(x: T) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined));
  return db.$transaction(async (tx) => {
    // Released with the result, in one step: a waiting test never starts before this one is stored.
    await tx.iperfHostClaim.deleteMany({ where: { runId: id, collectorId: by } });
    const { count } = await tx.iperfRun.updateMany({
      where: { id, runningBy: by },
      data: {
        ...defined({
          serverAddress: o.serverAddress,
          clientAddress: o.clientAddress,
          port: o.port,
          clientVersion: o.clientVersion,
          serverVersion: o.serverVersion,
          clientRoute: o.clientRoute,
          serverRoute: o.serverRoute,
          clientInterface: o.clientInterface,
          serverInterface: o.serverInterface,
          clientLinkMbps: o.clientLinkMbps,
          serverLinkMbps: o.serverLinkMbps,
          notes: o.notes,
        }),
        status: o.status,
        finishedAt: o.finishedAt,
        errorCode: o.errorCode ?? null,
        error: o.error ?? null,
        ...flowColumns("fwd", o.forward),
        ...flowColumns("rev", o.reverse),
        verdictKeys: JSON.stringify(o.verdictKeys ?? []),
      },
    });
    if (count !== 1) return false;
    for (const out of o.outputs ?? []) {
      await tx.iperfOutput.upsert({
        where: { runId_direction: { runId: id, direction: out.direction } },
        create: { runId: id, direction: out.direction, intervals: JSON.stringify(out.intervals), clientRaw: out.clientRaw, serverRaw: out.serverRaw },
        update: { intervals: JSON.stringify(out.intervals), clientRaw: out.clientRaw, serverRaw: out.serverRaw },
      });
    }
    return true;
  });
}

/** Asks the process running a test to stop it (cancel from another process); false when it is not running. */
export async function requestIperfCancel(id: number, at: Date): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.iperfRun.updateMany({ where: { id, status: "running" }, data: { cancelRequestedAt: at } });
  return count === 1;
}

/** Which of these running tests another process asked to stop. */
export async function listCancelRequests(ids: number[]): Promise<number[]> {
  const db = await getDb();
  return (await db.iperfRun.findMany({ where: { id: { in: ids }, status: "running", cancelRequestedAt: { not: null } }, select: { id: true } })).map((r) => r.id);
}

/** Cancels a run that has not started; false when it already has (the runner stops it then). */
export async function cancelQueuedIperfRun(id: number, at: Date): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.iperfRun.updateMany({
    where: { id, status: "queued" },
    data: { status: "cancelled", finishedAt: at, errorCode: "cancelled", error: "Cancelled before it started" },
  });
  return count === 1;
}

export async function assertCancellable(id: number): Promise<IperfStatus> {
  const db = await getDb();
  const r = await db.iperfRun.findUnique({ where: { id }, select: { status: true } });
  if (!r) throw new NotFoundError(`iperf run ${id}`);
  const status = decode.iperfStatus(r.status);
  if (status !== "queued" && status !== "running") throw new ConflictError(`iperf run ${id} has already ${status === "done" ? "finished" : status === "failed" ? "failed" : "been cancelled"}`);
  return status;
}

/** Every queued run, oldest first (few: a queue, not history; `status` is indexed). */
export async function listQueuedIperfRuns(): Promise<{ id: number; clientHostId: number; serverHostId: number; createdAt: Date }[]> {
  const db = await getDb();
  return db.iperfRun.findMany({ where: { status: "queued" }, orderBy: { id: "asc" }, select: { id: true, clientHostId: true, serverHostId: true, createdAt: true } });
}

/**
 * A test offered again by the job queue after the process running it stopped renewing its job
 * (it died): back to "queued", its hosts released, to run again from the start. A compare-and-set
 * on the process that had it, so it happens once. Whether it did.
 */
export async function requeueLostIperfRun(id: number, lostBy: string | null): Promise<boolean> {
  const db = await getDb();
  const [runs] = await db.$transaction([
    db.iperfRun.updateMany({ where: { id, status: "running", runningBy: lostBy }, data: { status: "queued", startedAt: null, runningBy: null, cancelRequestedAt: null } }),
    db.iperfHostClaim.deleteMany({ where: { runId: id, collectorId: lostBy ?? undefined } }),
  ]);
  return runs.count === 1;
}

/** The processes running tests now, one entry per running test. */
export async function listIperfRunners(): Promise<{ id: number; runningBy: string | null }[]> {
  const db = await getDb();
  return db.iperfRun.findMany({ where: { status: "running" }, select: { id: true, runningBy: true } });
}

/** Where a run stands for the job queue: its state, who runs it, its hosts; null when deleted. */
export async function getIperfRunState(id: number): Promise<{ status: IperfStatus; runningBy: string | null; clientHostId: number; serverHostId: number } | null> {
  const db = await getDb();
  const r = await db.iperfRun.findUnique({ where: { id }, select: { status: true, runningBy: true, clientHostId: true, serverHostId: true } });
  return r && { ...r, status: decode.iperfStatus(r.status) };
}
