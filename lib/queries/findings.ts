import "server-only";
import crypto from "node:crypto";
import { dialect, getDb } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { evidenceIdentity } from "@/lib/analysis/evidence";
import { notifiedMove, planFindingSync, type FindingWrite, type SyncSummary, type SyncTransition } from "@/lib/analysis/finding-sync";
import type { FindingTransition } from "@/lib/notify/rules";
import type { DetectedFinding } from "@/lib/domain/finding";
import type { Finding, Prisma } from "@/lib/generated/prisma/client";
import type { FindingFilter, FindingStatus, FindingView, SeverityCounts, StatusChange } from "@/lib/domain/views";
import { decode } from "./codec";
import { DB_ORDER, matchesSearch, searchWhere, sortFindings } from "./finding-search";
import { queueFindingNotices } from "./notifications";
import { getAppSettings } from "./settings";
import { getCollectedRuns, listSnapshotHosts } from "./snapshots";
import { staleHosts, type StaleHost } from "@/lib/domain/staleness";

// Findings are tracked per scope: each evaluator ("collection", "mtu-probe", "iperf:<run>")
// syncs the complete list of what it detects now, and only its own findings resolve when
// they are no longer detected.

const hashOf = (f: Pick<DetectedFinding, "severity" | "evidence">) =>
  crypto.createHash("sha256").update(evidenceIdentity(f)).digest("hex").slice(0, 32);

type Row = Finding & { hosts: { role: string; host: { id: number; name: string } }[] };
const withHosts = { hosts: { select: { role: true, host: { select: { id: true, name: true } } }, orderBy: { hostId: "asc" as const } } };
const AFFECTED = "affected";
const INVOLVED = "involved";
const linkRows = (w: FindingWrite) => [
  ...w.hostIds.map((hostId) => ({ hostId, role: AFFECTED })),
  ...w.involvedHostIds.map((hostId) => ({ hostId, role: INVOLVED })),
];

/** A row of a kind this version does not know (written by a newer one) is not shown. */
function toView(r: Row, stale: (hosts: { id: number; name: string }[]) => StaleHost[] = () => []): FindingView | null {
  const kind = decode.findingKind(r.kind);
  if (kind === null) return null;
  const hosts = r.hosts.filter((h) => h.role !== INVOLVED).map((h) => h.host);
  const involvedHosts = r.hosts.filter((h) => h.role === INVOLVED).map((h) => h.host);
  return {
    id: r.id,
    scope: r.scope,
    key: r.key,
    kind,
    severity: decode.severity(r.severity),
    status: decode.findingStatus(r.status),
    hostIds: hosts.map((h) => h.id),
    hosts,
    involvedHostIds: involvedHosts.map((h) => h.id),
    involvedHosts,
    subject: decode.subject(r.subject, r.key),
    title: r.title,
    explanation: r.explanation,
    fix: r.fix,
    evidence: decode.evidence(r.evidence),
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    openedAt: r.openedAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    occurrences: r.occurrences,
    statusReason: r.statusReason,
    statusChangedAt: r.statusChangedAt?.toISOString() ?? null,
    staleHosts: r.status === "resolved" ? [] : stale(hosts),
  };
}

/** The views, with which of their hosts' data is stale: two indexed queries for any number of rows. */
async function views(rows: Row[], now = Date.now()): Promise<FindingView[]> {
  const hostIds = [...new Set(rows.flatMap((r) => (r.status === "resolved" ? [] : r.hosts.map((h) => h.host.id))))];
  const [hosts, settings] = await Promise.all([listSnapshotHosts(hostIds), getAppSettings()]);
  const collected = await getCollectedRuns(hosts.map((h) => h.lastCollectedRunId));
  const lastAt = new Map(hosts.flatMap((h) => {
    const run = h.lastCollectedRunId === null ? undefined : collected.get(h.lastCollectedRunId);
    return run ? [[h.id, run.at] as const] : [];
  }));
  const interval = settings.values.collectIntervalMinutes;
  return rows.flatMap((r) => toView(r, (hs) => staleHosts(hs, lastAt, interval, now)) ?? []);
}

function contentOf(w: FindingWrite, now: Date) {
  const d = w.finding;
  return {
    kind: d.kind,
    severity: d.severity,
    subject: JSON.stringify(d.subject),
    title: d.title,
    explanation: d.explanation,
    fix: d.fix,
    evidence: JSON.stringify(d.evidence),
    evidenceHash: w.hash,
    lastSeenAt: now,
  };
}

function transitionData(t: SyncTransition | null, now: Date): Prisma.FindingUpdateInput {
  if (!t) return {};
  return {
    status: t.status,
    statusChangedAt: now,
    ...(t.clearMute ? { mutedEvidenceHash: null } : {}),
    ...(t.reason !== undefined ? { statusReason: t.reason } : {}),
    ...(t.reopen ? { resolvedAt: null, openedAt: now, occurrences: { increment: 1 } } : {}),
  };
}

/**
 * Makes the stored findings of `scope` match `detected` (the complete list for that scope),
 * by the rules of lib/analysis/finding-sync.ts, in one transaction. The notifications those
 * changes call for are queued in the same transaction (`notices`: deliveries queued).
 */
export async function syncFindings(
  scope: string,
  detected: DetectedFinding[],
  now: Date,
  opts: { resolveMissing?: boolean } = {},
): Promise<SyncSummary & { notices: number }> {
  const db = await getDb();
  return db.$transaction(
    async (tx) => {
      const existing = await tx.finding.findMany({
        where: { scope },
        select: { id: true, key: true, status: true, severity: true, kind: true, mutedEvidenceHash: true, hosts: { select: { hostId: true, role: true } } },
      });
      const hostsNow = new Set((await tx.host.findMany({ select: { id: true } })).map((h) => h.id));
      const stored = existing.map((r) => ({
        ...r,
        status: decode.findingStatus(r.status),
        hostIds: r.hosts.filter((h) => h.role !== INVOLVED).map((h) => h.hostId),
        involvedHostIds: r.hosts.filter((h) => h.role === INVOLVED).map((h) => h.hostId),
      }));
      const { changes, summary } = planFindingSync(stored, detected, hostsNow, hashOf, opts.resolveMissing ?? true);
      const byId = new Map(stored.map((r) => [r.id, r]));
      const moves: FindingTransition[] = [];
      const moved = (findingId: number, w: FindingWrite, row: { status: FindingStatus; severity: string } | null, transition: SyncTransition | null) => {
        const m = notifiedMove(row && { status: row.status, severity: decode.severity(row.severity) }, { transition, severity: w.finding.severity });
        const channelId = w.finding.subject.type === "channel" ? Number(w.finding.subject.id) : undefined;
        if (m) moves.push({ findingId, kind: w.finding.kind, severity: w.finding.severity, ...m, hostIds: [...w.hostIds, ...w.involvedHostIds], ...(channelId ? { channelId } : {}) });
      };
      for (const c of changes) {
        if (c.op === "create") {
          const created = await tx.finding.create({
            data: {
              scope,
              key: c.write.finding.key,
              ...contentOf(c.write, now),
              status: "open",
              firstSeenAt: now,
              openedAt: now,
              hosts: { create: linkRows(c.write) },
            },
            select: { id: true },
          });
          moved(created.id, c.write, null, null);
        } else if (c.op === "update") {
          moved(c.id, c.write, byId.get(c.id) ?? null, c.transition);
          await tx.finding.update({ where: { id: c.id }, data: { ...contentOf(c.write, now), ...transitionData(c.transition, now) } });
          if (c.hostsChanged) {
            await tx.findingHost.deleteMany({ where: { findingId: c.id } });
            await tx.findingHost.createMany({ data: linkRows(c.write).map((l) => ({ findingId: c.id, ...l })) });
          }
        } else {
          await tx.finding.updateMany({ where: { id: { in: c.ids } }, data: { status: "resolved", resolvedAt: now } });
          // Only what the user was still being told about: a muted or acknowledged finding goes quietly.
          for (const id of c.ids) {
            const row = byId.get(id);
            const kind = row && decode.findingKind(row.kind);
            if (!row || row.status !== "open" || !kind) continue;
            moves.push({ findingId: id, kind, transition: "resolved", severity: decode.severity(row.severity), hostIds: [...row.hostIds, ...row.involvedHostIds] });
          }
        }
      }
      return { ...summary, notices: await queueFindingNotices(tx, moves, now) };
    },
    // Hundreds of findings on two busy cores can outlast Prisma's 5 s default.
    { maxWait: 30_000, timeout: 30_000 },
  );
}

/** Findings by key, whatever their scope or status (an iperf run's verdicts). */
export async function listFindingsByKeys(keys: string[]): Promise<FindingView[]> {
  if (keys.length === 0) return [];
  const db = await getDb();
  return views(await db.finding.findMany({ where: { key: { in: keys } }, include: withHosts }));
}

function whereOf(filter: Omit<FindingFilter, "status" | "sort" | "take">): Prisma.FindingWhereInput {
  return {
    kind: filter.kind,
    severity: filter.severity,
    scope: filter.scope,
    hosts: filter.hostId === undefined ? undefined : { some: { hostId: filter.hostId } },
    ...(filter.q ? searchWhere(filter.q, dialect()) : {}),
  };
}

/**
 * Worst first, then most recently seen (FindingFilter.sort for the others). At most `take`
 * rows (500) are read, in the sort's database order: a year of resolved findings is never
 * loaded whole, and the history shows the latest ones.
 */
export async function listFindings(filter: FindingFilter = {}, now = Date.now()): Promise<FindingView[]> {
  const db = await getDb();
  const sort = filter.sort ?? "severity";
  const rows = await db.finding.findMany({
    where: { ...whereOf(filter), status: Array.isArray(filter.status) ? { in: filter.status } : filter.status },
    include: withHosts,
    orderBy: [...DB_ORDER[sort]],
    take: filter.take ?? 500,
  });
  const q = filter.q;
  const found = await views(rows, now);
  return sortFindings(q ? found.filter((f) => matchesSearch(f, q)) : found, sort);
}

export async function getFinding(id: number): Promise<FindingView> {
  const db = await getDb();
  const row = await db.finding.findUnique({ where: { id }, include: withHosts });
  const view = row ? ((await views([row]))[0] ?? null) : null;
  if (!view) throw new NotFoundError(`Finding ${id}`);
  return view;
}


/**
 * The user's acknowledge / mute / reopen. Muting remembers the evidence hash it was muted
 * with; a resolved finding has nothing to acknowledge and is refused.
 */
export async function setFindingStatus(id: number, change: StatusChange, now = new Date()): Promise<FindingView> {
  const db = await getDb();
  const row = await db.finding.findUnique({ where: { id } });
  if (!row) throw new NotFoundError(`Finding ${id}`);
  if (row.status === "resolved") {
    throw new ConflictError("This finding is resolved: its evidence is gone, so there is nothing to acknowledge or mute", { status: "Finding is resolved" });
  }
  const reason = change.reason?.trim() || null;
  const data: Prisma.FindingUpdateInput =
    change.status === "muted"
      ? { status: "muted", mutedEvidenceHash: row.evidenceHash, statusReason: reason, statusChangedAt: now }
      : change.status === "acknowledged"
        ? { status: "acknowledged", mutedEvidenceHash: null, statusReason: reason, statusChangedAt: now }
        : { status: "open", mutedEvidenceHash: null, statusReason: null, statusChangedAt: now };
  await db.finding.update({ where: { id }, data });
  return getFinding(id);
}

const zero = (): SeverityCounts => ({ critical: 0, warning: 0, info: 0 });

/** Findings that need attention (status "open": not acknowledged, muted or resolved), by severity. */
export async function countOpenFindingsBySeverity(hostId?: number): Promise<SeverityCounts> {
  const db = await getDb();
  const groups = await db.finding.groupBy({
    by: ["severity"],
    // A host only involved as evidence has no problem of its own to count.
    where: { status: "open", hosts: hostId === undefined ? undefined : { some: { hostId, role: AFFECTED } } },
    _count: { _all: true },
  });
  const out = zero();
  for (const g of groups) out[decode.severity(g.severity)] += g._count._all;
  return out;
}

/** The same counts for every host at once (overview list), keyed by host id. */
export async function countOpenFindingsByHost(): Promise<Record<number, SeverityCounts>> {
  const db = await getDb();
  const links = await db.findingHost.findMany({
    where: { finding: { status: "open" }, role: AFFECTED },
    select: { hostId: true, finding: { select: { severity: true } } },
  });
  const out: Record<number, SeverityCounts> = {};
  for (const l of links) {
    const c = (out[l.hostId] ??= zero());
    c[decode.severity(l.finding.severity)]++;
  }
  return out;
}

/**
 * How many findings each tab holds, under the same kind/severity/host filter and search. The
 * search counts by the database's test (finding-search.ts): a `%` or `_` in it, or a word of
 * the subject's JSON, can count a row the list then leaves out.
 */
export async function countFindingsByStatus(filter: Omit<FindingFilter, "status" | "sort" | "take"> = {}): Promise<Record<FindingStatus, number>> {
  const db = await getDb();
  const groups = await db.finding.groupBy({
    by: ["status"],
    where: whereOf(filter),
    _count: { _all: true },
  });
  const out: Record<FindingStatus, number> = { open: 0, acknowledged: 0, muted: 0, resolved: 0 };
  for (const g of groups) out[decode.findingStatus(g.status)] += g._count._all;
  return out;
}
