import { SectionCard } from "@/components/ui/card";
import { Explain } from "@/components/ui/explain";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDurationMs } from "@/components/format";
import type { TrafficSpark } from "@/lib/domain/traffic";
import type { HostSnapshotView } from "@/lib/domain/views";
import { InterfacesTable } from "./interfaces-table";
import { NeighborsTable } from "./neighbors-table";

export function SnapshotSections({ snapshot, sparks }: { snapshot: HostSnapshotView; sparks?: Record<string, TrafficSpark> }) {
  const window = snapshot.rateWindowSec;
  return (
    <>
      <SectionCard
        id="interfaces"
        title="Interfaces"
        meta={
          <>
            {snapshot.interfaces.length} · collected <RelativeTime iso={snapshot.takenAt} /> ·{" "}
            {window ? `rates averaged over ${formatDurationMs(window * 1000)}` : "rates appear after the next collection"}
          </>
        }
        explain={<Explain term="mtu" />}
      >
        <InterfacesTable interfaces={snapshot.interfaces} sparks={sparks} />
      </SectionCard>
      <SectionCard id="neighbors" title="Neighbors" meta={`${snapshot.neighbors.length} ARP/NDP entries`} explain={<Explain term="neighbors" />}>
        <NeighborsTable neighbors={snapshot.neighbors} />
      </SectionCard>
    </>
  );
}
