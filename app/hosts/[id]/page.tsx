import type { Metadata } from "next";
import { DownloadLinks } from "@/components/ui/download-links";
import { SectionCard, EmptyState } from "@/components/ui/card";
import { HostActions } from "@/components/hosts/host-actions";
import { HostHeader } from "@/components/hosts/host-header";
import { HostKeyWarning } from "@/components/hosts/host-key-warning";
import { NoSnapshot } from "@/components/hosts/no-snapshot";
import { RunsTable } from "@/components/hosts/runs-table";
import { SnapshotSections } from "@/components/hosts/snapshot-sections";
import { MtuProbesSection } from "@/components/probes/mtu-probes-section";
import { listLatestMtuProbes } from "@/lib/queries/probes";
import { getLatestSnapshot, listRuns } from "@/lib/queries/runs";
import { loadHost } from "./_components/load-host";
import { HostFindingsSection, NeighborHistorySection } from "./_components/findings-sections";
import { EsxiChainSection } from "./_components/esxi-chain-section";
import { IperfSection } from "./_components/iperf-section";
import { TrafficSection, interfaceSparks } from "./_components/traffic-section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await loadHost((await params).id)).name };
}

export default async function HostPage({ params }: Props) {
  const host = await loadHost((await params).id);
  const [snapshot, runs, mtuProbes] = await Promise.all([getLatestSnapshot(host.id), listRuns(host.id), listLatestMtuProbes(host.id)]);
  const sparks = snapshot ? await interfaceSparks(host.id, snapshot) : undefined;
  return (
    <div className="flex flex-col gap-5">
      <HostHeader
        host={host}
        actions={<HostActions hostId={host.id} hostName={host.name} />}
        notice={<HostKeyWarning host={host} />}
      />
      <HostFindingsSection hostId={host.id} />
      {snapshot ? <SnapshotSections snapshot={snapshot} sparks={sparks} /> : <NoSnapshot lastRun={host.lastRun} />}
      {snapshot && <TrafficSection host={host} snapshot={snapshot} />}
      {snapshot && <EsxiChainSection hostId={host.id} />}
      {snapshot && <MtuProbesSection hostId={host.id} probes={mtuProbes} />}
      {snapshot && <NeighborHistorySection hostId={host.id} />}
      <IperfSection hostId={host.id} hostName={host.name} />
      <SectionCard id="runs" title="Recent runs" meta={runs.length > 0 ? `last ${runs.length}` : undefined} actions={runs.length > 0 ? <DownloadLinks href={`/api/hosts/${host.id}/runs`} what={`every kept run of ${host.name}`} /> : undefined}>
        {runs.length > 0 ? <RunsTable runs={runs} /> : <EmptyState title="No collections yet" />}
      </SectionCard>
    </div>
  );
}
