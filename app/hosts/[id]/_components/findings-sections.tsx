import { HostFindings } from "@/components/findings/host-findings";
import { NeighborHistory } from "@/components/findings/neighbor-history";
import { findingsSettled } from "@/lib/jobs/evaluate-findings";
import { listFindings } from "@/lib/queries/findings";
import { listNeighborEvents } from "@/lib/queries/neighbor-events";

// Loaded on their own so the host page only places them (other sections are added there too).

export async function HostFindingsSection({ hostId }: { hostId: number }) {
  await findingsSettled();
  const [active, muted] = await Promise.all([
    listFindings({ hostId, status: ["open", "acknowledged"] }),
    listFindings({ hostId, status: "muted" }),
  ]);
  return <HostFindings hostId={hostId} findings={active} mutedCount={muted.length} />;
}

export async function NeighborHistorySection({ hostId }: { hostId: number }) {
  return <NeighborHistory events={await listNeighborEvents(hostId, 50)} />;
}
