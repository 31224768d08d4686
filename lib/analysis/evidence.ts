// What "the evidence is unchanged" means for a muted finding: the same severity and the same
// rows by host, source and identifying fields (interfaces, MACs, IPs, changes). Times,
// numbers (counters, rates, sizes, MTUs) and neighbor `state` (reachable/stale flips on its
// own) are left out, so a muted finding stays muted across collections and reopens only
// when something else is involved.
import type { DetectedFinding, EvidenceRow } from "@/lib/domain/finding";

export const VOLATILE_FIELDS = new Set(["state"]);

export function evidenceIdentity(f: Pick<DetectedFinding, "severity" | "evidence">): string {
  const rows = f.evidence.map((r) => {
    const fields = Object.entries(r.fields)
      .filter(([k, v]) => typeof v !== "number" && !VOLATILE_FIELDS.has(k))
      .sort(([a], [b]) => a.localeCompare(b));
    return JSON.stringify([r.hostId, r.source, fields]);
  });
  return JSON.stringify([f.severity, [...new Set(rows)].sort()]);
}

/** Marks a row as the proof (EvidenceRow.proves); the finding's other rows are context. */
export const proving = (row: EvidenceRow): EvidenceRow => ({ ...row, proves: true });

/** Marks the first row of each group (one sighting per address, one probe per pair) as the proof. */
export function provingFirstOf(rows: EvidenceRow[], groupOf: (row: EvidenceRow) => string | null): EvidenceRow[] {
  const seen = new Set<string>();
  return rows.map((r) => {
    const g = groupOf(r);
    if (g === null || seen.has(g)) return r;
    seen.add(g);
    return proving(r);
  });
}
