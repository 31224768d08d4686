import "server-only";
import crypto from "node:crypto";
import { getDb } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { evidenceIdentity } from "@/lib/analysis/evidence";
import type { DetectedFinding, EvidenceRow, FindingKind, FindingSubject, Severity } from "@/lib/domain/finding";
import type { Finding, Prisma } from "@/lib/generated/prisma/client";
import type { FindingStatus, FindingView, SeverityCounts } from "@/lib/domain/views";

// Findings are tracked per scope: each evaluator ("collection", "mtu-probe", "iperf:<run>")
// syncs the complete list of what it detects now, and only its own findings resolve when
// they are no longer detected.

const hashOf = (f: Pick<DetectedFinding, "severity" | "evidence">) =>
  crypto.createHash("sha256").update(evidenceIdentity(f)).digest("hex").slice(0, 32);

type Row = Finding & { hosts: { host: { id: number; name: string } }[] };
const withHosts = { hosts: { select: { host: { select: { id: true, name: true } } }, orderBy: { hostId: "asc" as const } } };

function parse<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

function toView(r: Row): FindingView {
  const hosts = r.hosts.map((h) => h.host);
  return {
    id: r.id,
    scope: r.scope,
    key: r.key,
    kind: r.kind as FindingKind,
    severity: r.severity as Severity,
    status: r.status as FindingStatus,
    hostIds: hosts.map((h) => h.id),
    hosts,
    subject: parse<FindingSubject>(r.subject, { type: "host", id: "", label: r.key }),
    title: r.title,
    explanation: r.explanation,
    fix: r.fix,
    evidence: parse<EvidenceRow[]>(r.evidence, []),
    firstSeenAt: r.firstSeenAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    openedAt: r.openedAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    occurrences: r.occurrences,
    statusReason: r.statusReason,
    statusChangedAt: r.statusChangedAt?.toISOString() ?? null,
  };
}

export type SyncSummary = { opened: number; reopened: number; updated: number; resolved: number };

/**
 * Makes the stored findings of `scope` match `detected` (the complete list for that scope):
 * new keys open; known keys get lastSeen and fresh evidence (acknowledged stays acknowledged,
 * muted stays muted while the evidence hash is unchanged and reopens when it changes);
 * resolved keys that are back reopen the same row (muted again if the evidence is the one
 * that was muted); keys no longer detected resolve and stay as history.
 */
export async function syncFindings(scope: string, detected: DetectedFinding[], now: Date): Promise<SyncSummary> {
  const db = await getDb();
  const summary: SyncSummary = { opened: 0, reopened: 0, updated: 0, resolved: 0 };
  await db.$transaction(async (tx) => {
    const existing = await tx.finding.findMany({ where: { scope }, include: { hosts: { select: { hostId: true } } } });
    const byKey = new Map(existing.map((r) => [r.key, r]));
    const hostsNow = new Set((await tx.host.findMany({ select: { id: true } })).map((h) => h.id));
    const seen = new Set<string>();
    for (const d of detected) {
      if (seen.has(d.key)) continue;
      seen.add(d.key);
      const hash = hashOf(d);
      const ids = [...new Set(d.hostIds)].filter((id) => hostsNow.has(id)).sort((a, b) => a - b);
      const content = {
        kind: d.kind,
        severity: d.severity,
        subject: JSON.stringify(d.subject),
        title: d.title,
        explanation: d.explanation,
        fix: d.fix,
        evidence: JSON.stringify(d.evidence),
        evidenceHash: hash,
        lastSeenAt: now,
      };
      const row = byKey.get(d.key);
      if (!row) {
        await tx.finding.create({
          data: { scope, key: d.key, ...content, status: "open", firstSeenAt: now, openedAt: now, hosts: { create: ids.map((hostId) => ({ hostId })) } },
        });
        summary.opened++;
        continue;
      }
      let change: Prisma.FindingUpdateInput = {};
      if (row.status === "resolved") {
        const stillMuted = row.mutedEvidenceHash === hash;
        change = stillMuted
          ? { status: "muted", statusChangedAt: now }
          : { status: "open", mutedEvidenceHash: null, statusReason: null, statusChangedAt: now };
        change = { ...change, resolvedAt: null, openedAt: now, occurrences: { increment: 1 } };
        summary.reopened++;
      } else if (row.status === "muted" && row.mutedEvidenceHash !== hash) {
        change = { status: "open", mutedEvidenceHash: null, statusReason: "Reopened: the evidence changed after it was muted", statusChangedAt: now };
        summary.reopened++;
      } else {
        summary.updated++;
      }
      await tx.finding.update({ where: { id: row.id }, data: { ...content, ...change } });
      const had = row.hosts.map((h) => h.hostId).sort((a, b) => a - b);
      if (had.join(",") !== ids.join(",")) {
        await tx.findingHost.deleteMany({ where: { findingId: row.id } });
        await tx.findingHost.createMany({ data: ids.map((hostId) => ({ findingId: row.id, hostId })) });
      }
    }
    const gone = existing.filter((r) => !seen.has(r.key) && r.status !== "resolved").map((r) => r.id);
    if (gone.length > 0) {
      await tx.finding.updateMany({ where: { id: { in: gone } }, data: { status: "resolved", resolvedAt: now } });
      summary.resolved = gone.length;
    }
    // Hundreds of findings on two busy cores can outlast Prisma's 5 s default.
  }, { maxWait: 30_000, timeout: 30_000 });
  return summary;
}

export type FindingFilter = {
  status?: FindingStatus | FindingStatus[];
  hostId?: number;
  kind?: FindingKind;
  severity?: Severity;
  scope?: string;
  take?: number;
};

const RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

/** Worst first, then most recently seen; resolved ones most recently resolved first. */
export async function listFindings(filter: FindingFilter = {}): Promise<FindingView[]> {
  const db = await getDb();
  const rows = await db.finding.findMany({
    where: {
      status: Array.isArray(filter.status) ? { in: filter.status } : filter.status,
      kind: filter.kind,
      severity: filter.severity,
      scope: filter.scope,
      hosts: filter.hostId === undefined ? undefined : { some: { hostId: filter.hostId } },
    },
    include: withHosts,
    orderBy: [{ resolvedAt: "desc" }, { lastSeenAt: "desc" }, { id: "desc" }],
    take: filter.take ?? 500,
  });
  const resolvedOnly = filter.status === "resolved";
  return rows
    .map(toView)
    .sort((a, b) => (resolvedOnly ? 0 : (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3)));
}

export async function getFinding(id: number): Promise<FindingView> {
  const db = await getDb();
  const row = await db.finding.findUnique({ where: { id }, include: withHosts });
  if (!row) throw new NotFoundError(`Finding ${id}`);
  return toView(row);
}

export type StatusChange = { status: "acknowledged" | "muted" | "open"; reason?: string | null };

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
  const saved = await db.finding.update({ where: { id }, data, include: withHosts });
  return toView(saved);
}

const zero = (): SeverityCounts => ({ critical: 0, warning: 0, info: 0 });

/** Findings that need attention (status "open": not acknowledged, muted or resolved), by severity. */
export async function countOpenFindingsBySeverity(hostId?: number): Promise<SeverityCounts> {
  const db = await getDb();
  const groups = await db.finding.groupBy({
    by: ["severity"],
    where: { status: "open", hosts: hostId === undefined ? undefined : { some: { hostId } } },
    _count: { _all: true },
  });
  const out = zero();
  for (const g of groups) if (g.severity in out) out[g.severity as Severity] = g._count._all;
  return out;
}

/** The same counts for every host at once (overview list), keyed by host id. */
export async function countOpenFindingsByHost(): Promise<Record<number, SeverityCounts>> {
  const db = await getDb();
  const links = await db.findingHost.findMany({
    where: { finding: { status: "open" } },
    select: { hostId: true, finding: { select: { severity: true } } },
  });
  const out: Record<number, SeverityCounts> = {};
  for (const l of links) {
    const c = (out[l.hostId] ??= zero());
    if (l.finding.severity in c) c[l.finding.severity as Severity]++;
  }
  return out;
}

/** How many findings each tab holds, under the same kind/severity/host filter. */
export async function countFindingsByStatus(filter: Omit<FindingFilter, "status" | "take"> = {}): Promise<Record<FindingStatus, number>> {
  const db = await getDb();
  const groups = await db.finding.groupBy({
    by: ["status"],
    where: {
      kind: filter.kind,
      severity: filter.severity,
      scope: filter.scope,
      hosts: filter.hostId === undefined ? undefined : { some: { hostId: filter.hostId } },
    },
    _count: { _all: true },
  });
  const out: Record<FindingStatus, number> = { open: 0, acknowledged: 0, muted: 0, resolved: 0 };
  for (const g of groups) if (g.status in out) out[g.status as FindingStatus] = g._count._all;
  return out;
}
