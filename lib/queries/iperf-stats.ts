import "server-only";
import { getDb } from "@/lib/db";
import { aggregate, MAX_HISTORY_POINTS } from "@/lib/iperf/aggregate";
import type { IperfHistory, MatrixCell, MatrixHost, PeerRunPoint, PeerSummary } from "@/lib/domain/iperf";
import { decode } from "./codec";
import { listFindingsByKeys } from "./findings";

// Read models over finished iperf runs: a pair's history, a host's peers, the matrix. They
// read only summary columns, which the IperfRun indexes cover.

/** A finished run has started; a row from before startedAt existed falls back to its creation. */
const startOf = (r: { startedAt: Date | null; createdAt: Date }) => r.startedAt ?? r.createdAt;

type HistorySample = { t: number; forward: number | null; reverse: number | null };

/** Finished runs of one ordered pair in a time range: only the summary columns (index-backed). */
/**
 * One pair's runs whichever host was the client: "forward" is always clientHostId → serverHostId
 * as asked, so a run started the other way round contributes its directions swapped.
 */
async function listIperfHistory(clientHostId: number, serverHostId: number, from: Date, to: Date): Promise<HistorySample[]> {
  const db = await getDb();
  const rows = await db.iperfRun.findMany({
    where: {
      status: "done",
      startedAt: { gte: from, lte: to },
      OR: [
        { clientHostId, serverHostId },
        { clientHostId: serverHostId, serverHostId: clientHostId },
      ],
    },
    orderBy: { startedAt: "asc" },
    select: { clientHostId: true, startedAt: true, createdAt: true, fwdBitsPerSecond: true, revBitsPerSecond: true },
  });
  return rows.map((r) =>
    r.clientHostId === clientHostId
      ? { t: startOf(r).getTime(), forward: r.fwdBitsPerSecond, reverse: r.revBitsPerSecond }
      : { t: startOf(r).getTime(), forward: r.revBitsPerSecond, reverse: r.fwdBitsPerSecond },
  );
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

/** TX (forward: the client sends) and RX (reverse) of one pair over time, at most 500 points each. */
export async function getIperfHistory(clientHostId: number, serverHostId: number, from: Date, to: Date): Promise<IperfHistory> {
  const samples = await listIperfHistory(clientHostId, serverHostId, from, to);
  const series = (pick: (s: (typeof samples)[number]) => number | null) =>
    aggregate(
      samples.flatMap((s) => {
        const v = pick(s);
        return v === null ? [] : [{ t: s.t, value: v }];
      }),
      from.getTime(),
      to.getTime(),
      MAX_HISTORY_POINTS,
    );
  const fwd = series((s) => s.forward);
  const rev = series((s) => s.reverse);
  return {
    clientHostId,
    serverHostId,
    from: from.toISOString(),
    to: to.toISOString(),
    bucketMs: Math.max(fwd.bucketMs, rev.bucketMs),
    runs: samples.length,
    forward: fwd.points,
    reverse: rev.points,
  };
}
