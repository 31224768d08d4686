import { StatusBadge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import type { RunSummary } from "@/lib/domain/views";
import { errorLabel } from "./labels";

/** Status badge, when it ran, and for failed/partial runs the reason in words. */
export function LastRun({ run, compact = false }: { run: RunSummary | null; compact?: boolean }) {
  if (!run) return <StatusBadge status={null} />;
  const problem = run.status === "failed" || run.status === "partial";
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex items-center gap-2">
        <StatusBadge status={run.status} />
        <RelativeTime iso={run.finishedAt ?? run.startedAt} className="text-xs text-zinc-400" />
      </div>
      {problem && (
        <p
          className={`whitespace-normal text-xs ${compact ? "line-clamp-2 max-w-md" : ""}`}
          title={compact && run.error ? run.error : undefined}
        >
          <span className={`font-medium ${run.status === "failed" ? "text-red-300" : "text-amber-300"}`}>
            {errorLabel(run.errorCode)}
          </span>
          {run.error && <span className="text-zinc-400"> — {run.error}</span>}
        </p>
      )}
    </div>
  );
}
