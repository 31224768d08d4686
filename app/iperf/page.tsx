import type { Metadata } from "next";
import { DownloadLinks } from "@/components/ui/download-links";
import Link from "next/link";
import { EmptyState, SectionCard } from "@/components/ui/card";
import { Explain } from "@/components/ui/explain";
import { IperfRunsTable } from "@/components/iperf/runs-table";
import { RunForm } from "@/components/iperf/run-form";
import { ScheduleForm } from "@/components/iperf/schedule-form";
import { SchedulesTable } from "@/components/iperf/schedules-table";
import { listIperfRunViews } from "@/lib/jobs/iperf/queue";
import { listHosts } from "@/lib/queries/hosts";
import { listIperfSchedules } from "@/lib/queries/iperf-schedules";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "iperf" };

type Props = { searchParams: Promise<{ client?: string; server?: string }> };

export default async function IperfPage({ searchParams }: Props) {
  const sp = await searchParams;
  const [hosts, runs, schedules] = await Promise.all([listHosts(), listIperfRunViews({ limit: 30 }), listIperfSchedules()]);
  const options = hosts.map((h) => ({ id: h.id, name: h.name }));
  // Prefilled from links such as the matrix's "Run a test"; an id of no host leaves the pick open.
  const known = (id?: string) => options.find((h) => String(h.id) === id)?.id;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">iperf3 throughput</h1>
          <p className="text-sm text-zinc-400">Both directions between two hosts, over SSH: no daemon stays on the hosts.</p>
        </div>
        <Link href="/iperf/matrix" className="text-sm text-sky-300 hover:underline">
          Matrix of all pairs
        </Link>
      </div>
      <SectionCard id="run" title="Run a test" explain={<Explain term="iperf" />}>
        <RunForm hosts={options} clientId={known(sp.client)} serverId={known(sp.server)} />
      </SectionCard>
      <SectionCard id="runs" title="Recent runs" meta={runs.length > 0 ? `last ${runs.length}` : undefined} actions={runs.length > 0 ? <DownloadLinks href="/api/iperf/runs" what="every iperf run" /> : undefined}>
        {runs.length > 0 ? <IperfRunsTable runs={runs} label="Recent iperf runs" /> : <EmptyState title="No tests yet" />}
      </SectionCard>
      <SectionCard id="schedules" title="Schedules" meta={`${schedules.length}`}>
        {schedules.length > 0 && <SchedulesTable schedules={schedules} />}
        <details className="border-t border-zinc-800">
          <summary className="cursor-pointer px-4 py-2 text-xs text-sky-300">Add a schedule</summary>
          <ScheduleForm hosts={options} />
        </details>
      </SectionCard>
    </div>
  );
}
