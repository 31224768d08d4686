import { EmptyState, SectionCard } from "@/components/ui/card";
import { Explain } from "@/components/ui/explain";
import type { MtuProbeView } from "@/lib/domain/mtu-probe";
import { MtuProbesTable } from "./mtu-probes-table";
import { VerifyMtuButton } from "./verify-mtu-button";

/** Host page: the newest DF ping of every path from/to this host, and "Verify MTU". */
export function MtuProbesSection({ hostId, probes }: { hostId: number; probes: MtuProbeView[] }) {
  return (
    <SectionCard
      id="mtu-probes"
      title="MTU probes"
      meta={probes.length > 0 ? `${probes.length} don't-fragment pings, newest per path` : undefined}
      actions={<VerifyMtuButton hostId={hostId} />}
      explain={
        <div className="flex flex-col gap-1">
          <Explain term="dfPing" />
          <Explain term="mtu" />
        </div>
      }
    >
      {probes.length > 0 ? (
        <MtuProbesTable hostId={hostId} probes={probes} />
      ) : (
        <EmptyState title="No MTU probes yet">
          Verify MTU pings every collected host sharing a subnet with this one, both ways, at the full packet size its MTU
          allows and one size below, with don&apos;t-fragment set. It proves what comparing MTUs cannot: that big frames
          actually pass.
        </EmptyState>
      )}
    </SectionCard>
  );
}
