import Link from "next/link";
import { ButtonLink } from "@/components/ui/button-link";
import { Card, EmptyState } from "@/components/ui/card";
import { CollectAllButton } from "@/components/hosts/collect-all-button";
import { HostList } from "@/components/hosts/host-list";
import { SeverityCountBadges } from "@/components/findings/severity-badge";
import { listHosts } from "@/lib/queries/hosts";
import { findingsSettled } from "@/lib/jobs/evaluate-findings";
import { countOpenFindingsByHost, countOpenFindingsBySeverity } from "@/lib/queries/findings";
import { getHostSparks } from "@/lib/queries/traffic";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  await findingsSettled();
  const [hosts, findingCounts, open] = await Promise.all([listHosts(), countOpenFindingsByHost(), countOpenFindingsBySeverity()]);
  const sparks = Object.fromEntries(await getHostSparks(hosts.map((h) => h.id), new Date()));
  const failing = hosts.filter((h) => h.lastRun?.status === "failed").length;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Hosts</h1>
          <p className="text-sm text-zinc-400">
            {hosts.length} host{hosts.length === 1 ? "" : "s"}
            {failing > 0 && <span className="text-red-300"> · {failing} failing</span>}
          </p>
          {hosts.length > 0 && (
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
              <Link href="/findings" className="text-sky-300 hover:underline">
                Open findings
              </Link>
              <SeverityCountBadges counts={open} showNone />
            </p>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ButtonLink href="/hosts/import">Import hosts</ButtonLink>
          {hosts.length > 0 && <CollectAllButton hostCount={hosts.length} />}
        </div>
      </div>
      <Card>
        {hosts.length === 0 ? (
          <EmptyState title="No hosts yet">
            <p>Add a host netdiag can reach over SSH; it reads its interfaces and neighbor tables and tells you what looks wrong.</p>
            <ButtonLink href="/hosts/new" variant="primary" className="mt-4">
              Add your first host
            </ButtonLink>
          </EmptyState>
        ) : (
          <HostList hosts={hosts} findingCounts={findingCounts} sparks={sparks} />
        )}
      </Card>
    </div>
  );
}
