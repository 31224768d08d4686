import Link from "next/link";
import { SectionCard } from "@/components/ui/card";
import type { FindingView } from "@/lib/domain/views";
import { FindingList } from "./finding-card";
import { plural } from "./labels";
import { SeverityCountBadges } from "./severity-badge";

/** The host's open and acknowledged findings, worst first, at the top of its page. */
export function HostFindings({ hostId, findings: all, mutedCount }: { hostId: number; findings: FindingView[]; mutedCount: number }) {
  // Another host's fault that this host's data proves (its neighbor table, its probes) is not
  // this host's problem: listed apart, not counted.
  const findings = all.filter((f) => !f.involvedHostIds.includes(hostId) || f.hostIds.includes(hostId));
  const involved = all.filter((f) => !findings.includes(f));
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
      {involved.length > 0 && (
        <details className="border-t border-zinc-800/70">
          <summary className="cursor-pointer px-4 py-2 text-xs text-zinc-400 hover:text-zinc-200">
            Involved in {plural(involved.length, "finding")} about other hosts: this host&apos;s data shows them
          </summary>
          <FindingList findings={involved} label="Findings this host is involved in" />
        </details>
      )}
    </SectionCard>
  );
}
