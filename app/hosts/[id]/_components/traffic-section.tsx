import { NicTrafficSection } from "@/components/hosts/nic-traffic-section";
import { SectionCard } from "@/components/ui/card";
import { Explain } from "@/components/ui/explain";
import type { TrafficSpark } from "@/lib/domain/traffic";
import type { HostSnapshotView, HostView } from "@/lib/domain/views";
import { defaultNic } from "@/lib/history/default-nic";
import { getCounterSince, getTrafficSparks } from "@/lib/queries/traffic";

const counted = (snapshot: HostSnapshotView) => snapshot.interfaces.filter((i) => i.rxBytes !== null || i.txBytes !== null);

/** RX/TX and errors/drops over time of the NIC in the URL (?nic=), else of the one holding the host's address. */
export async function TrafficSection({ host, snapshot }: { host: HostView; snapshot: HostSnapshotView }) {
  const nics = counted(snapshot);
  const first = defaultNic(nics, host.address);
  if (first === null) return null;
  const since = await getCounterSince(host.id);
  return (
    <SectionCard id="traffic" title="Traffic" meta="RX and TX per interface" explain={<Explain term="traffic" />}>
      <NicTrafficSection hostId={host.id} nics={nics.map((n) => n.name)} defaultNic={first} since={since} version={host.lastRun?.startedAt ?? ""} />
    </SectionCard>
  );
}

/** The interfaces table's sparklines: each NIC's last 24 hours, one query. */
export async function interfaceSparks(hostId: number, snapshot: HostSnapshotView): Promise<Record<string, TrafficSpark>> {
  const sparks = await getTrafficSparks(counted(snapshot).map((i) => ({ hostId, name: i.name })), new Date());
  return Object.fromEntries([...sparks.values()].map((s) => [s.name, s]));
}
