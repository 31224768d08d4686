import "server-only";
import { getDb } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { DetectedFinding } from "@/lib/domain/finding";
import type { Prisma, IperfRun, IperfSchedule } from "@/lib/generated/prisma/client";
import type {
  Flow,
  FlowResult,
  IntervalPoint,
  IperfDirectionChoice,
  IperfParams,
  IperfProtocol,
  IperfRunDetail,
  IperfRunView,
  IperfScheduleView,
  IperfStatus,
} from "@/lib/domain/iperf";

// The only Prisma caller for iperf runs and schedules. BigInt and Date conversion happens here.

const num = (v: bigint | null): number | null => (v === null ? null : Number(v));
const big = (v: number | null | undefined): bigint | null => (v == null || !Number.isFinite(v) ? null : BigInt(Math.round(v)));
const withNames = { clientHost: { select: { name: true } }, serverHost: { select: { name: true } } } as const;
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

function parseFindings(json: string): DetectedFinding[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as DetectedFinding[]) : [];
  } catch {
    return [];
  }
}

function toView(r: RunWithNames): IperfRunView {
  return {
    id: r.id,
    status: r.status as IperfStatus,
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
    protocol: r.protocol as IperfProtocol,
    bitrateMbps: r.bitrateMbps,
    direction: r.direction as IperfDirectionChoice,
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
    findings: parseFindings(r.findings),
  };
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
  return toView(r);
}

export async function getIperfRun(id: number): Promise<IperfRunView> {
  const db = await getDb();
  const r = await db.iperfRun.findUnique({ where: { id }, include: withNames });
  if (!r) throw new NotFoundError(`iperf run ${id}`);
  return toView(r);
}

export async function getIperfRunDetail(id: number): Promise<IperfRunDetail> {
  const db = await getDb();
  const r = await db.iperfRun.findUnique({ where: { id }, include: { ...withNames, outputs: { select: { intervals: true } } } });
  if (!r) throw new NotFoundError(`iperf run ${id}`);
  const intervals: Record<Flow, IntervalPoint[]> = { forward: [], reverse: [] };
  for (const o of r.outputs) {
    try {
      const v = JSON.parse(o.intervals) as Partial<Record<Flow, IntervalPoint[]>>;
      for (const f of ["forward", "reverse"] as const) if (Array.isArray(v[f])) intervals[f].push(...(v[f] as IntervalPoint[]));
    } catch {
      // a row written by a crashed run: no series
    }
  }
  return { ...toView(r), intervals };
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
};

export async function listIperfRuns(f: IperfRunFilter = {}): Promise<IperfRunView[]> {
  const db = await getDb();
  const where: Prisma.IperfRunWhereInput = {
    clientHostId: f.clientHostId,
    serverHostId: f.serverHostId,
    status: f.status ? { in: f.status } : undefined,
    createdAt: f.from || f.to ? { gte: f.from, lte: f.to } : undefined,
    OR: f.hostId !== undefined ? [{ clientHostId: f.hostId }, { serverHostId: f.hostId }] : undefined,
  };
  const rows = await db.iperfRun.findMany({ where, include: withNames, orderBy: { id: "desc" }, take: f.limit ?? 50 });
  return rows.map(toView);
}

export async function markIperfRunRunning(id: number, at: Date): Promise<void> {
  const db = await getDb();
  await db.iperfRun.update({ where: { id }, data: { status: "running", startedAt: at } });
}

/** Set while the run executes, before results: the address chosen, the port, versions. */
export async function updateIperfRunSetup(
  id: number,
  d: Partial<Pick<IperfRun, "serverAddress" | "clientAddress" | "port" | "clientVersion" | "serverVersion" | "notes">>,
): Promise<void> {
  const db = await getDb();
  await db.iperfRun.update({ where: { id }, data: d });
}

export type FlowStore = {
  bitsPerSecond: number | null;
  sentBitsPerSecond: number | null;
  bytes: number | null;
  sentBytes: number | null;
  retransmits: number | null;
  jitterMs: number | null;
  lostPercent: number | null;
  cpuClientPercent: number | null;
  cpuServerPercent: number | null;
};

export type IperfOutcome = {
  status: "done" | "failed" | "cancelled";
  finishedAt: Date;
  errorCode?: string | null;
  error?: string | null;
  serverAddress?: string | null;
  clientAddress?: string | null;
  port?: number | null;
  clientVersion?: string | null;
  serverVersion?: string | null;
  clientRoute?: string | null;
  serverRoute?: string | null;
  clientInterface?: string | null;
  serverInterface?: string | null;
  clientLinkMbps?: number | null;
  serverLinkMbps?: number | null;
  notes?: string | null;
  forward?: FlowStore | null;
  reverse?: FlowStore | null;
  findings?: DetectedFinding[];
  outputs?: { direction: Flow | "bidir"; intervals: Partial<Record<Flow, IntervalPoint[]>>; clientRaw: string | null; serverRaw: string | null }[];
};

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

export async function finishIperfRun(id: number, o: IperfOutcome): Promise<void> {
  const db = await getDb();
  const defined = <T extends object>(x: T) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined));
  await db.$transaction(async (tx) => {
    await tx.iperfRun.update({
      where: { id },
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
        findings: JSON.stringify(o.findings ?? []),
      },
    });
    for (const out of o.outputs ?? []) {
      await tx.iperfOutput.upsert({
        where: { runId_direction: { runId: id, direction: out.direction } },
        create: { runId: id, direction: out.direction, intervals: JSON.stringify(out.intervals), clientRaw: out.clientRaw, serverRaw: out.serverRaw },
        update: { intervals: JSON.stringify(out.intervals), clientRaw: out.clientRaw, serverRaw: out.serverRaw },
      });
    }
  });
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
  const status = r.status as IperfStatus;
  if (status !== "queued" && status !== "running") throw new ConflictError(`iperf run ${id} has already ${status === "done" ? "finished" : status === "failed" ? "failed" : "been cancelled"}`);
  return status;
}

/** Runs a stopped server left "running" can never finish; queued ones are run again. */
export async function failInterruptedIperfRuns(at: Date): Promise<number> {
  const db = await getDb();
  const { count } = await db.iperfRun.updateMany({
    where: { status: "running" },
    data: { status: "failed", errorCode: "interrupted", error: "The netdiag server stopped while this test was running", finishedAt: at },
  });
  return count;
}

export async function listQueuedIperfRuns(): Promise<{ id: number; clientHostId: number; serverHostId: number }[]> {
  const db = await getDb();
  return db.iperfRun.findMany({ where: { status: "queued" }, orderBy: { id: "asc" }, select: { id: true, clientHostId: true, serverHostId: true } });
}

// ---------------------------------------------------------------- what a run needs to start

export type PairEnd = {
  id: number;
  name: string;
  address: string;
  platform: string | null;
  nics: { name: string; addresses: string[]; speedMbps: number | null }[];
};

/** Both hosts with the NICs of their latest snapshot (for the address choice and link speeds). */
export async function getIperfPair(clientHostId: number, serverHostId: number): Promise<{ client: PairEnd; server: PairEnd }> {
  const db = await getDb();
  const load = async (id: number): Promise<PairEnd> => {
    const h = await db.host.findUnique({ where: { id } });
    if (!h) throw new NotFoundError(`Host ${id}`);
    const latest = await db.run.findFirst({ where: { hostId: id, hasSnapshot: true }, orderBy: { id: "desc" }, select: { id: true } });
    const nics = latest ? await db.interface.findMany({ where: { runId: latest.id }, select: { name: true, addresses: true, speedMbps: true }, orderBy: { name: "asc" } }) : [];
    return {
      id: h.id,
      name: h.name,
      address: h.address,
      platform: h.platform === "auto" ? h.detectedPlatform : h.platform,
      nics: nics.map((n) => ({ name: n.name, speedMbps: n.speedMbps, addresses: safeArray(n.addresses) })),
    };
  };
  const [client, server] = await Promise.all([load(clientHostId), load(serverHostId)]);
  return { client, server };
}

function safeArray(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- history, host pages, matrix

export type HistorySample = { t: number; forward: number | null; reverse: number | null };

/** Finished runs of one ordered pair in a time range: only the summary columns (index-backed). */
export async function listIperfHistory(clientHostId: number, serverHostId: number, from: Date, to: Date): Promise<HistorySample[]> {
  const db = await getDb();
  const rows = await db.iperfRun.findMany({
    where: { clientHostId, serverHostId, status: "done", startedAt: { gte: from, lte: to } },
    orderBy: { startedAt: "asc" },
    select: { startedAt: true, fwdBitsPerSecond: true, revBitsPerSecond: true },
  });
  return rows.map((r) => ({ t: (r.startedAt as Date).getTime(), forward: r.fwdBitsPerSecond, reverse: r.revBitsPerSecond }));
}

export type PeerRunPoint = { runId: number; t: number; sendBps: number | null; receiveBps: number | null };
export type PeerSummary = {
  peerId: number;
  peerName: string;
  /** The latest finished run of this pair (either side as client). */
  latest: { runId: number; at: string; sendBps: number | null; receiveBps: number | null; findings: DetectedFinding[] };
  /** Oldest first, at most `perPeer`. Seen from the host: send = it transmits. */
  points: PeerRunPoint[];
  /** When the pair was last tested the way round where this host is the client. */
  asClient: boolean;
};

/** For the host page: per peer, the latest result and a short series, seen from this host. */
export async function listIperfPeers(hostId: number, perPeer = 30, scan = 1000): Promise<PeerSummary[]> {
  const db = await getDb();
  const rows = await db.iperfRun.findMany({
    where: { status: "done", OR: [{ clientHostId: hostId }, { serverHostId: hostId }] },
    orderBy: { id: "desc" },
    take: scan,
    select: {
      id: true,
      startedAt: true,
      clientHostId: true,
      serverHostId: true,
      fwdBitsPerSecond: true,
      revBitsPerSecond: true,
      findings: true,
      clientHost: { select: { name: true } },
      serverHost: { select: { name: true } },
    },
  });
  const byPeer = new Map<number, PeerSummary>();
  for (const r of rows) {
    const asClient = r.clientHostId === hostId;
    const peerId = asClient ? r.serverHostId : r.clientHostId;
    const point: PeerRunPoint = {
      runId: r.id,
      t: (r.startedAt as Date).getTime(),
      sendBps: asClient ? r.fwdBitsPerSecond : r.revBitsPerSecond,
      receiveBps: asClient ? r.revBitsPerSecond : r.fwdBitsPerSecond,
    };
    const s = byPeer.get(peerId);
    if (!s) {
      byPeer.set(peerId, {
        peerId,
        peerName: asClient ? r.serverHost.name : r.clientHost.name,
        latest: { runId: r.id, at: (r.startedAt as Date).toISOString(), sendBps: point.sendBps, receiveBps: point.receiveBps, findings: parseFindings(r.findings) },
        points: [point],
        asClient,
      });
    } else if (s.points.length < perPeer) s.points.push(point);
  }
  return [...byPeer.values()].map((s) => ({ ...s, points: s.points.reverse() })).sort((a, b) => a.peerName.localeCompare(b.peerName));
}

export type MatrixHost = { id: number; name: string };
export type MatrixCell = {
  fromId: number;
  toId: number;
  bitsPerSecond: number;
  /** Speed of the slower NIC of the two, when known. */
  linkMbps: number | null;
  runId: number;
  at: string;
};

/** Latest result per data flow (sender -> receiver), from the latest finished run of each ordered pair. */
export async function getIperfMatrix(): Promise<{ hosts: MatrixHost[]; cells: MatrixCell[] }> {
  const db = await getDb();
  const runs = await db.iperfRun.findMany({
    where: { status: "done" },
    orderBy: { id: "desc" },
    distinct: ["clientHostId", "serverHostId"],
    select: {
      id: true,
      startedAt: true,
      clientHostId: true,
      serverHostId: true,
      fwdBitsPerSecond: true,
      revBitsPerSecond: true,
      clientLinkMbps: true,
      serverLinkMbps: true,
    },
  });
  const cells = new Map<string, MatrixCell>();
  const put = (c: MatrixCell) => {
    const k = `${c.fromId}>${c.toId}`;
    const old = cells.get(k);
    if (!old || old.runId < c.runId) cells.set(k, c);
  };
  for (const r of runs) {
    const speeds = [r.clientLinkMbps, r.serverLinkMbps].filter((s): s is number => s !== null && s > 0);
    const linkMbps = speeds.length ? Math.min(...speeds) : null;
    const at = (r.startedAt as Date).toISOString();
    if (r.fwdBitsPerSecond !== null) put({ fromId: r.clientHostId, toId: r.serverHostId, bitsPerSecond: r.fwdBitsPerSecond, linkMbps, runId: r.id, at });
    if (r.revBitsPerSecond !== null) put({ fromId: r.serverHostId, toId: r.clientHostId, bitsPerSecond: r.revBitsPerSecond, linkMbps, runId: r.id, at });
  }
  const ids = new Set([...cells.values()].flatMap((c) => [c.fromId, c.toId]));
  const hosts = await db.host.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  return { hosts, cells: [...cells.values()] };
}

// ---------------------------------------------------------------- schedules

type ScheduleWithNames = IperfSchedule & { clientHost: { name: string }; serverHost: { name: string } };

function toScheduleView(s: ScheduleWithNames): IperfScheduleView {
  return {
    id: s.id,
    clientHostId: s.clientHostId,
    clientHostName: s.clientHost.name,
    serverHostId: s.serverHostId,
    serverHostName: s.serverHost.name,
    intervalMinutes: s.intervalMinutes,
    durationSec: s.durationSec,
    parallel: s.parallel,
    protocol: s.protocol as IperfProtocol,
    bitrateMbps: s.bitrateMbps,
    direction: s.direction as IperfDirectionChoice,
    omitSec: s.omitSec,
    simultaneous: s.simultaneous,
    serverAddress: s.serverAddress,
    enabled: s.enabled,
    nextDueAt: s.nextDueAt.toISOString(),
    lastRunAt: s.lastRunAt?.toISOString() ?? null,
  };
}

export type ScheduleInput = Omit<IperfParams, "serverAddress"> & { serverAddress?: string; intervalMinutes: number; enabled: boolean };

export async function listIperfSchedules(hostId?: number): Promise<IperfScheduleView[]> {
  const db = await getDb();
  const rows = await db.iperfSchedule.findMany({
    where: hostId === undefined ? undefined : { OR: [{ clientHostId: hostId }, { serverHostId: hostId }] },
    include: withNames,
    orderBy: { id: "asc" },
  });
  return rows.map(toScheduleView);
}

export async function getIperfSchedule(id: number): Promise<IperfScheduleView> {
  const db = await getDb();
  const s = await db.iperfSchedule.findUnique({ where: { id }, include: withNames });
  if (!s) throw new NotFoundError(`iperf schedule ${id}`);
  return toScheduleView(s);
}

function scheduleData(i: Partial<ScheduleInput>) {
  return {
    clientHostId: i.clientHostId,
    serverHostId: i.serverHostId,
    intervalMinutes: i.intervalMinutes,
    durationSec: i.durationSec,
    parallel: i.parallel,
    protocol: i.protocol,
    bitrateMbps: i.bitrateMbps === undefined ? undefined : (i.bitrateMbps ?? null),
    direction: i.direction,
    omitSec: i.omitSec,
    simultaneous: i.simultaneous,
    serverAddress: i.serverAddress,
    enabled: i.enabled,
  };
}

export async function createIperfSchedule(i: ScheduleInput, firstDueAt: Date): Promise<IperfScheduleView> {
  const db = await getDb();
  const clash = await db.iperfSchedule.findFirst({ where: { clientHostId: i.clientHostId, serverHostId: i.serverHostId }, select: { id: true } });
  if (clash) throw new ConflictError(`This pair already has a schedule (#${clash.id}); edit that one`, { serverHostId: "Already scheduled with this client" });
  const hosts = await db.host.count({ where: { id: { in: [i.clientHostId, i.serverHostId] } } });
  if (hosts !== 2) throw new ValidationError("Both hosts must exist", { clientHostId: "No such host" });
  const s = await db.iperfSchedule.create({
    data: { ...scheduleData(i), clientHostId: i.clientHostId, serverHostId: i.serverHostId, intervalMinutes: i.intervalMinutes, durationSec: i.durationSec, parallel: i.parallel, protocol: i.protocol, direction: i.direction, omitSec: i.omitSec, nextDueAt: firstDueAt },
    include: withNames,
  });
  return toScheduleView(s);
}

export async function updateIperfSchedule(id: number, patch: Partial<ScheduleInput>, nextDueAt?: Date): Promise<IperfScheduleView> {
  const db = await getDb();
  if (!(await db.iperfSchedule.findUnique({ where: { id }, select: { id: true } }))) throw new NotFoundError(`iperf schedule ${id}`);
  const s = await db.iperfSchedule.update({ where: { id }, data: { ...scheduleData(patch), nextDueAt }, include: withNames });
  return toScheduleView(s);
}

export async function deleteIperfSchedule(id: number): Promise<void> {
  const db = await getDb();
  const { count } = await db.iperfSchedule.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError(`iperf schedule ${id}`);
}

export async function listDueIperfSchedules(now: Date): Promise<IperfScheduleView[]> {
  const db = await getDb();
  const rows = await db.iperfSchedule.findMany({ where: { enabled: true, nextDueAt: { lte: now } }, include: withNames, orderBy: { nextDueAt: "asc" } });
  return rows.map(toScheduleView);
}

export async function nextIperfScheduleDueAt(): Promise<Date | null> {
  const db = await getDb();
  const s = await db.iperfSchedule.findFirst({ where: { enabled: true }, orderBy: { nextDueAt: "asc" }, select: { nextDueAt: true } });
  return s?.nextDueAt ?? null;
}

/** True while a run of this schedule is queued or running (a slow pair never piles up runs). */
export async function scheduleHasActiveRun(scheduleId: number): Promise<boolean> {
  const db = await getDb();
  return (await db.iperfRun.count({ where: { scheduleId, status: { in: ["queued", "running"] } } })) > 0;
}

export async function markIperfScheduleRan(id: number, lastRunAt: Date | null, nextDueAt: Date): Promise<void> {
  const db = await getDb();
  await db.iperfSchedule.update({ where: { id }, data: { nextDueAt, ...(lastRunAt ? { lastRunAt } : {}) } });
}
