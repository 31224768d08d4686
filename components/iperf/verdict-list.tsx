import { EvidenceTables } from "@/components/findings/evidence-tables";
import { FixText } from "@/components/findings/fix-text";
import { SeverityBadge } from "@/components/findings/severity-badge";
import type { DetectedFinding } from "@/lib/domain/finding";

/** This run's verdicts (asymmetry, below link speed, retransmits), with their evidence. */
export function VerdictList({ findings, emptyText }: { findings: DetectedFinding[]; emptyText: string }) {
  if (findings.length === 0) return <p className="px-4 py-3 text-sm text-zinc-400">{emptyText}</p>;
  return (
    <ul aria-label="Verdicts" className="flex flex-col divide-y divide-zinc-800">
      {findings.map((f) => (
        <li key={f.key} className="flex flex-col gap-2 px-4 py-3">
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={f.severity} />
            <h3 className="min-w-0 text-sm font-semibold text-zinc-100 [overflow-wrap:anywhere]">{f.title}</h3>
          </div>
          <p className="text-sm text-zinc-300">{f.explanation}</p>
          <div>
            <p className="text-[11px] font-medium uppercase tracking-wide text-zinc-400">Fix</p>
            <FixText text={f.fix} />
          </div>
          <details>
            <summary className="cursor-pointer text-xs text-sky-300">Evidence</summary>
            <div className="mt-2">
              <EvidenceTables rows={f.evidence} />
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
