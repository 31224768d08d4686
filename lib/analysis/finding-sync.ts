import type { DetectedFinding, Severity } from "@/lib/domain/finding";
import type { FindingStatus } from "@/lib/domain/views";

// The lifecycle of tracked findings as a pure plan: what is stored for one scope, what the
// detectors report now, and `now` in; the writes out. lib/queries/findings.ts applies them in
// one transaction. Rules: a new key opens; a known key gets lastSeen and fresh evidence
// (acknowledged stays acknowledged, muted stays muted while the evidence hash is unchanged and
// reopens when it changes); a resolved key that is back reopens the same row (muted again if
// the evidence is the one that was muted); a key no longer detected resolves and stays as history.

export type StoredFindingState = {
  id: number;
  key: string;
  status: FindingStatus;
  mutedEvidenceHash: string | null;
  hostIds: number[];
  involvedHostIds: number[];
};

/** What is written for a detected finding: its content, evidence hash and existing hosts. */
export type FindingWrite = { finding: DetectedFinding; hash: string; hostIds: number[]; involvedHostIds: number[] };

/** A status move made by the sync (never by the user). `reopen` starts a new occurrence. */
export type SyncTransition = { status: "open" | "muted"; clearMute: boolean; reason?: string | null; reopen: boolean };

export type FindingChange =
  | { op: "create"; write: FindingWrite }
  | { op: "update"; id: number; write: FindingWrite; transition: SyncTransition | null; hostsChanged: boolean }
  | { op: "resolve"; ids: number[] };

export type SyncSummary = { opened: number; reopened: number; updated: number; resolved: number };

export function planFindingSync(
  existing: readonly StoredFindingState[],
  detected: readonly DetectedFinding[],
  hostsNow: ReadonlySet<number>,
  hashOf: (f: DetectedFinding) => string,
  /** false: `detected` is not the complete list (e.g. a one-way iperf run), so nothing resolves. */
  resolveMissing = true,
): { changes: FindingChange[]; summary: SyncSummary } {
  const summary: SyncSummary = { opened: 0, reopened: 0, updated: 0, resolved: 0 };
  const changes: FindingChange[] = [];
  const byKey = new Map(existing.map((r) => [r.key, r]));
  const seen = new Set<string>();
  for (const d of detected) {
    if (seen.has(d.key)) continue;
    seen.add(d.key);
    const hostIds = [...new Set(d.hostIds)].filter((id) => hostsNow.has(id)).sort((a, b) => a - b);
    const write: FindingWrite = {
      finding: d,
      hash: hashOf(d),
      hostIds,
      // A host with the fault is not also "involved".
      involvedHostIds: [...new Set(d.involvedHostIds ?? [])].filter((id) => hostsNow.has(id) && !hostIds.includes(id)).sort((a, b) => a - b),
    };
    const row = byKey.get(d.key);
    if (!row) {
      changes.push({ op: "create", write });
      summary.opened++;
      continue;
    }
    const transition = transitionOf(row, write.hash);
    if (transition) summary.reopened++;
    else summary.updated++;
    const links = (affected: number[], involved: number[]) => `${[...affected].sort((a, b) => a - b).join(",")}|${[...involved].sort((a, b) => a - b).join(",")}`;
    const hostsChanged = links(row.hostIds, row.involvedHostIds) !== links(write.hostIds, write.involvedHostIds);
    changes.push({ op: "update", id: row.id, write, transition, hostsChanged });
  }
  const gone = resolveMissing ? existing.filter((r) => !seen.has(r.key) && r.status !== "resolved").map((r) => r.id) : [];
  if (gone.length > 0) {
    changes.push({ op: "resolve", ids: gone });
    summary.resolved = gone.length;
  }
  return { changes, summary };
}

function transitionOf(row: StoredFindingState, hash: string): SyncTransition | null {
  if (row.status === "resolved") {
    return row.mutedEvidenceHash === hash
      ? { status: "muted", clearMute: false, reopen: true }
      : { status: "open", clearMute: true, reason: null, reopen: true };
  }
  if (row.status === "muted" && row.mutedEvidenceHash !== hash) {
    return { status: "open", clearMute: true, reason: "Reopened: the evidence changed after it was muted", reopen: false };
  }
  return null;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** How an update of a stored finding reads to someone being notified, or null when it says nothing new. */
export type NotifiedMove = { transition: "opened" | "raised"; previousSeverity?: Severity };

/**
 * A created finding opens; a reopened one (or one whose mute the evidence broke) opens again;
 * an open one that got more severe is raised. A finding that is (or stays) muted or
 * acknowledged says nothing: the user has already seen it.
 */
export function notifiedMove(
  row: { status: FindingStatus; severity: Severity } | null,
  change: { transition: SyncTransition | null; severity: Severity },
): NotifiedMove | null {
  if (!row) return { transition: "opened" };
  if (change.transition) return change.transition.status === "open" ? { transition: "opened" } : null;
  if (row.status === "open" && SEVERITY_RANK[change.severity] < SEVERITY_RANK[row.severity]) return { transition: "raised", previousSeverity: row.severity };
  return null;
}
