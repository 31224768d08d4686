import Link from "next/link";
import { SectionCard } from "@/components/ui/card";
import type { FindingView } from "@/lib/domain/views";
import { FindingList } from "./finding-card";
import { plural } from "./labels";
import { SeverityCountBadges } from "./severity-badge";

/** The host's open and acknowledged findings, worst first, at the top of its page. */
export function HostFindings({ hostId, findings, mutedCount }: { hostId: number; findings: FindingView[]; mutedCount: number }) {
  const open = findings.filter((f) => f.status === "open");
  const counts = { critical: 0, warning: 0, info: 0 };
  for (const f of open) counts[f.severity]++;
  return (
    <SectionCard
      id="findings"
      title="Findings"
      meta={
        <>
          <SeverityCountBadges counts={counts} showNone={findings.length === 0} />
          {mutedCount > 0 && (
            <>
              {" "}
              <Link href={`/findings?tab=muted&host=${hostId}`} className="text-sky-300 hover:underline">
                {plural(mutedCount, "muted finding")}
              </Link>
            </>
          )}
        </>
      }
      actions={
        <Link href={`/findings?tab=history&host=${hostId}`} className="text-xs text-sky-300 hover:underline">
          History
        </Link>
      }
    >
      {findings.length > 0 ? (
        <FindingList findings={findings} label="Findings for this host" />
      ) : (
        <p className="px-4 py-3 text-sm text-zinc-400">Nothing looks wrong with this host in the latest collections.</p>
      )}
    </SectionCard>
  );
}
