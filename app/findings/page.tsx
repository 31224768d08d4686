import type { Metadata } from "next";
import { DownloadLinks } from "@/components/ui/download-links";
import { Card, EmptyState } from "@/components/ui/card";
import { FindingList } from "@/components/findings/finding-card";
import { SeverityCountBadges } from "@/components/findings/severity-badge";
import { findingsSettled } from "@/lib/jobs/evaluate-findings";
import { listHosts } from "@/lib/queries/hosts";
import { countFindingsByStatus, countOpenFindingsBySeverity, listFindings } from "@/lib/queries/findings";
import { FindingsFilters } from "./_components/findings-filters";
import { FindingsTabs } from "./_components/findings-tabs";
import { parseFindingsParams } from "@/lib/validations/finding-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Findings" };

/** The page's filters as the findings API reads them (unset ones left out). */
function exportQuery(q: Record<string, string | number | null | undefined>): string {
  return new URLSearchParams(Object.entries(q).flatMap(([k, v]) => (v === undefined || v === null || v === "" ? [] : [[k, String(v)]]))).toString();
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FindingsPage({ searchParams }: Props) {
  const p = parseFindingsParams(await searchParams);
  const filter = { severity: p.severity, kind: p.kind, hostId: p.hostId, q: p.q };
  await findingsSettled();
  const [findings, byStatus, open, hosts] = await Promise.all([
    listFindings({ ...filter, status: p.tab.status, sort: p.sort }),
    countFindingsByStatus(filter),
    countOpenFindingsBySeverity(),
    listHosts(),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Findings</h1>
          <p className="mt-1 text-sm text-zinc-400">
            <SeverityCountBadges counts={open} showNone /> Re-evaluated after every collection.
          </p>
        </div>
        <div className="flex flex-col items-end gap-2">
          <FindingsTabs params={p} counts={byStatus} />
          <DownloadLinks href={`/api/findings?${exportQuery({ status: p.tab.status, host: p.hostId, kind: p.kind, severity: p.severity, q: p.q, sort: p.sort })}`} what={`these ${p.tab.label.toLowerCase()} findings`} />
        </div>
      </div>
      <Card>
        <FindingsFilters {...p} tab={p.tab.id} hosts={hosts.map((h) => ({ id: h.id, name: h.name }))} />
        {findings.length > 0 ? (
          <FindingList findings={findings} label={`${p.tab.label} findings`} />
        ) : (
          <EmptyState title={`No ${p.tab.label.toLowerCase()} findings${p.q ? ` match “${p.q}”` : ""}${p.severity || p.kind || p.hostId ? `${p.q ? " with" : " match"} these filters` : ""}`}>
            {p.q ? (
              <p>The search looks in titles, explanations, subjects and host names.</p>
            ) : (
              p.tab.id === "open" && <p>Nothing looks wrong in the latest collections. Findings appear here after a collection detects a problem.</p>
            )}
          </EmptyState>
        )}
      </Card>
    </div>
  );
}
