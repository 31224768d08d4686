import { HostIperfSection } from "@/components/iperf/host-iperf-section";
import { listHosts } from "@/lib/queries/hosts";
import { listIperfPeers } from "@/lib/queries/iperf-stats";

/** Latest throughput to/from each peer (with verdicts), a sparkline per pair, and the test form. */
export async function IperfSection({ hostId, hostName }: { hostId: number; hostName: string }) {
  const [peers, hosts] = await Promise.all([listIperfPeers(hostId), listHosts()]);
  return <HostIperfSection hostId={hostId} hostName={hostName} peers={peers} hosts={hosts.map((h) => ({ id: h.id, name: h.name }))} />;
}
