import { Badge } from "@/components/ui/badge";
import type { Severity } from "@/lib/domain/finding";
import type { SeverityCounts } from "@/lib/domain/views";
import { SEVERITIES, SEVERITY_TONE } from "./labels";

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge tone={SEVERITY_TONE[severity]} dot>
      {severity}
    </Badge>
  );
}

/** "2 critical · 1 warning" as badges; nothing when all are zero (unless `showNone`). */
export function SeverityCountBadges({ counts, showNone = false }: { counts: SeverityCounts | undefined; showNone?: boolean }) {
  const present = SEVERITIES.filter((s) => (counts?.[s] ?? 0) > 0);
  if (present.length === 0) return showNone ? <Badge tone="ok">no open findings</Badge> : null;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {present.map((s) => (
        <Badge key={s} tone={SEVERITY_TONE[s]}>
          {counts?.[s]} {s}
        </Badge>
      ))}
    </span>
  );
}
