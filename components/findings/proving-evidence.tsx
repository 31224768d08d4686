"use client";

import { useMemo, useState } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { EvidenceRow } from "@/lib/domain/finding";
import { EvidenceTables } from "./evidence-tables";
import { shownByDefault } from "./evidence-rows";

/**
 * The rows that prove the finding, and the rest (context: the other members, the probes that
 * passed) behind "Show all N rows". A DF-probe finding has 30-odd rows; all of them made the
 * findings page a wall nobody reads.
 */
export function ProvingEvidence({ id, rows }: { id: string; rows: EvidenceRow[] }) {
  const [all, setAll] = useState(false);
  const hydrated = useHydrated();
  const shown = useMemo(() => shownByDefault(rows), [rows]);
  const proving = shown.filter(Boolean).length;
  const visible = all ? rows : rows.filter((_, i) => shown[i]);
  return (
    <div className="flex flex-col items-start gap-2">
      <div id={id} className="w-full">
        <EvidenceTables rows={visible} />
      </div>
      {proving < rows.length && (
        <button
          type="button"
          aria-expanded={all}
          aria-controls={id}
          disabled={!hydrated}
          onClick={() => setAll((v) => !v)}
          className="rounded text-xs text-sky-300 underline decoration-sky-300/40 hover:decoration-sky-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:opacity-60"
        >
          {all ? `Show only the ${proving} rows that prove it` : `Show all ${rows.length} rows`}
        </button>
      )}
    </div>
  );
}
