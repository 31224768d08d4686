// Which evidence rows a finding card shows before "Show all"; pure, shared by server and client.
import type { EvidenceRow } from "@/lib/domain/finding";

/** For findings stored before detectors marked their proof: this many rows of each table. */
export const UNMARKED_ROWS_PER_SOURCE = 3;

/**
 * One flag per row, true for the rows shown by default: the rows marked as the proof
 * (EvidenceRow.proves) or, when none is (stored by an older version), the first few of each
 * source table.
 */
export function shownByDefault(rows: EvidenceRow[], perSource = UNMARKED_ROWS_PER_SOURCE): boolean[] {
  if (rows.some((r) => r.proves === true)) return rows.map((r) => r.proves === true);
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const n = (seen.get(r.source) ?? 0) + 1;
    seen.set(r.source, n);
    return n <= perSource;
  });
}
