import "server-only";
import { getDb } from "@/lib/db";
import { aggregate, MAX_HISTORY_POINTS } from "@/lib/iperf/aggregate";
import { historyFlags, type FlagRun } from "@/lib/iperf/history-flags";
import type { IperfHistory, MatrixCell, MatrixHost, PeerRunPoint, PeerSummary } from "@/lib/domain/iperf";
import { decode } from "./codec";
import { listFindingsByKeys } from "./findings";

// Read models over finished iperf runs: a pair's history, a host's peers, the matrix. They
// read only summary columns, which the IperfRun indexes cover.

/** A finished run has started; a row from before startedAt existed falls back to its creation. */
const startOf = (r: { startedAt: Date | null; createdAt: Date }) => r.startedAt ?? r.createdAt;

const HISTORY_SELECT = {
  id: true,
  clientHostId: true,
  serverHostId: true,
  startedAt: true,
  createdAt: true,
  fwdBitsPerSecond: true,
  revBitsPerSecond: true,
  verdictKeys: true,
  clientRoute: true,
  serverRoute: true,
  clientLinkMbps: true,
  serverLinkMbps: true,
} as const;

const flagRun = (r: {
  id: number;
  clientHostId: number;
  serverHostId: number;
  startedAt: Date | null;
  createdAt: Date;
  fwdBitsPerSecond: number | null;
  revBitsPerSecond: number | null;
  verdictKeys: string;
  clientRoute: string | null;
  serverRoute: string | null;
  clientLinkMbps: number | null;
  serverLinkMbps: number | null;
}): FlagRun => ({
  runId: r.id,
  t: startOf(r).getTime(),
  clientHostId: r.clientHostId,
  serverHostId: r.serverHostId,
  verdictKeys: decode.verdictKeys(r.verdictKeys),
  fwdBps: r.fwdBitsPerSecond,
  revBps: r.revBitsPerSecond,
  linkKnown: [r.clientLinkMbps, r.serverLinkMbps].some((m) => m !== null && m > 0),
  clientRoute: r.clientRoute,
  serverRoute: r.serverRoute,
});

/**
 * One pair's finished runs in a time range whichever host was the client, oldest first, and the
 * last one before the range (the baseline its flags compare with). Summary columns only (routes
 * and verdict keys are short; IperfOutput is never read), over the (client, server, status,
 * startedAt) index: one range scan per direction and one seek each for the baseline.
 */
async function listIperfHistory(clientHostId: number, serverHostId: number, from: Date, to: Date): Promise<{ runs: FlagRun[]; before: FlagRun | null }> {
  const db = await getDb();
  const pairs = [
    { clientHostId, serverHostId },
    { clientHostId: serverHostId, serverHostId: clientHostId },
  ];
  const [rows, ...before] = await Promise.all([
    db.iperfRun.findMany({ where: { status: "done", startedAt: { gte: from, lte: to }, OR: pairs }, orderBy: { startedAt: "asc" }, select: HISTORY_SELECT }),
    ...pairs.map((p) => db.iperfRun.findFirst({ where: { ...p, status: "done", startedAt: { lt: from } }, orderBy: { startedAt: "desc" }, select: HISTORY_SELECT })),
  ]);
  const last = before.flatMap((r) => (r ? [flagRun(r)] : [])).sort((a, b) => b.t - a.t)[0] ?? null;
  return { runs: rows.map(flagRun), before: last };
}

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
      createdAt: true,
      clientHostId: true,
      serverHostId: true,
      fwdBitsPerSecond: true,
      revBitsPerSecond: true,
      verdictKeys: true,
      clientHost: { select: { name: true } },
      serverHost: { select: { name: true } },
    },
  });
  const keys = [...new Set(rows.flatMap((r) => decode.verdictKeys(r.verdictKeys)))];
  const findings = new Map((await listFindingsByKeys(keys)).map((f) => [f.key, f]));
  const byPeer = new Map<number, PeerSummary>();
  for (const r of rows) {
    const asClient = r.clientHostId === hostId;
    const peerId = asClient ? r.serverHostId : r.clientHostId;
    const point: PeerRunPoint = {
      runId: r.id,
      t: startOf(r).getTime(),
      sendBps: asClient ? r.fwdBitsPerSecond : r.revBitsPerSecond,
      receiveBps: asClient ? r.revBitsPerSecond : r.fwdBitsPerSecond,
    };
    const s = byPeer.get(peerId);
    if (!s) {
      byPeer.set(peerId, {
        peerId,
        peerName: asClient ? r.serverHost.name : r.clientHost.name,
        latest: { runId: r.id, at: startOf(r).toISOString(), sendBps: point.sendBps, receiveBps: point.receiveBps, findings: decode.verdictKeys(r.verdictKeys).flatMap((k) => findings.get(k) ?? []) },
        points: [point],
        asClient,
      });
    } else if (s.points.length < perPeer) s.points.push(point);
  }
  return [...byPeer.values()].map((s) => ({ ...s, points: s.points.reverse() })).sort((a, b) => a.peerName.localeCompare(b.peerName));
}

/**
 * Every host (by name, tested or not) and the latest result per data flow (sender -> receiver).
 * A flow A -> B is measured by runs A -> B (forward) and B -> A (reverse, -R), so each column
 * gets its own latest run: the newest run of a pair may have measured one direction only.
 * `readAt` is when it was read, the "now" its results' ages are measured against.
 */
export async function getIperfMatrix(): Promise<{ hosts: MatrixHost[]; cells: MatrixCell[]; readAt: string }> {
  const readAt = new Date().toISOString();
  const db = await getDb();
  const latest = (measured: "fwdBitsPerSecond" | "revBitsPerSecond") =>
    db.iperfRun.groupBy({ by: ["clientHostId", "serverHostId"], where: { status: "done", [measured]: { not: null } }, _max: { id: true } });
  const [fwd, rev, hosts] = await Promise.all([
    latest("fwdBitsPerSecond"),
    latest("revBitsPerSecond"),
    db.host.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
  ]);
  const ids = [...new Set([...fwd, ...rev].flatMap((g) => (g._max.id === null ? [] : [g._max.id])))];
  const runs = await db.iperfRun.findMany({
    where: { id: { in: ids } },
    select: { id: true, startedAt: true, createdAt: true, clientHostId: true, serverHostId: true, fwdBitsPerSecond: true, revBitsPerSecond: true, clientLinkMbps: true, serverLinkMbps: true },
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
    const at = startOf(r).toISOString();
    if (r.fwdBitsPerSecond !== null) put({ fromId: r.clientHostId, toId: r.serverHostId, bitsPerSecond: r.fwdBitsPerSecond, linkMbps, runId: r.id, at });
    if (r.revBitsPerSecond !== null) put({ fromId: r.serverHostId, toId: r.clientHostId, bitsPerSecond: r.revBitsPerSecond, linkMbps, runId: r.id, at });
  }
  return { hosts, cells: [...cells.values()], readAt };
}

/**
 * When the pair's latest finished run (at or before `before`) started, and the first one in the
 * maxSpanMs before it: what a fitted history range spans. Each bound is one seek per direction
 * on the (client, server, status, startedAt) index, however many runs the pair has.
 */
export async function getIperfHistoryExtent(clientHostId: number, serverHostId: number, before: Date, maxSpanMs: number): Promise<{ firstMs: number; lastMs: number } | null> {
  const db = await getDb();
  const pairs = [
    { clientHostId, serverHostId },
    { clientHostId: serverHostId, serverHostId: clientHostId },
  ];
  const bound = async (startedAt: { gte?: Date; lte: Date }, order: "asc" | "desc") => {
    const rows = await Promise.all(pairs.map((p) => db.iperfRun.findFirst({ where: { ...p, status: "done", startedAt }, orderBy: { startedAt: order }, select: { startedAt: true } })));
    const times = rows.flatMap((r) => (r?.startedAt ? [r.startedAt.getTime()] : []));
    return times.length === 0 ? null : order === "desc" ? Math.max(...times) : Math.min(...times);
  };
  const lastMs = await bound({ lte: before }, "desc");
  if (lastMs === null) return null;
  const firstMs = (await bound({ gte: new Date(lastMs - maxSpanMs), lte: new Date(lastMs) }, "asc")) ?? lastMs;
  return { firstMs, lastMs };
}

/**
 * TX (forward: the client sends) and RX (reverse) of one pair over time, at most 500 points each,
 * and the flags of the range: where a verdict began or ended, where a route changed. A run started
 * the other way round contributes its directions swapped: "forward" is always client → server as asked.
 */
export async function getIperfHistory(clientHostId: number, serverHostId: number, from: Date, to: Date): Promise<IperfHistory> {
  const db = await getDb();
  const [{ runs, before }, hosts] = await Promise.all([
    listIperfHistory(clientHostId, serverHostId, from, to),
    db.host.findMany({ where: { id: { in: [clientHostId, serverHostId] } }, select: { id: true, name: true } }),
  ]);
  const series = (asked: "fwdBps" | "revBps", swapped: "fwdBps" | "revBps") =>
    aggregate(
      runs.flatMap((r) => {
        const v = r.clientHostId === clientHostId ? r[asked] : r[swapped];
        return v === null ? [] : [{ t: r.t, value: v }];
      }),
      from.getTime(),
      to.getTime(),
      MAX_HISTORY_POINTS,
    );
  const fwd = series("fwdBps", "revBps");
  const rev = series("revBps", "fwdBps");
  const named = (id: number) => ({ id, name: hosts.find((h) => h.id === id)?.name ?? `host ${id}` });
  const { flags, omitted } = historyFlags({ a: named(clientHostId), b: named(serverHostId) }, before, runs);
  const keys = [...new Set(flags.flatMap((f) => (f.findingKey ? [f.findingKey] : [])))];
  const findings = new Map((await listFindingsByKeys(keys)).map((f) => [f.key, f]));
  return {
    clientHostId,
    serverHostId,
    from: from.toISOString(),
    to: to.toISOString(),
    bucketMs: Math.max(fwd.bucketMs, rev.bucketMs),
    runs: runs.length,
    forward: fwd.points,
    reverse: rev.points,
    flags: flags.map(({ findingKey, ...f }) => {
      const finding = findingKey ? findings.get(findingKey) : undefined;
      // A verdict's start takes its finding's severity (critical if the detector ever says so).
      return { ...f, severity: finding && f.phase === "began" ? finding.severity : f.severity, findingId: finding?.id ?? null };
    }),
    flagsOmitted: omitted,
  };
}
