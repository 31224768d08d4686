import { EsxiChain } from "@/components/esxi/esxi-chain";
import { asEsxiTopology } from "@/lib/domain/esxi-topology";
import { getLatestTopology } from "@/lib/queries/topology";

/** The latest snapshot's ESXi chain; nothing for other platforms. */
export async function EsxiChainSection({ hostId }: { hostId: number }) {
  const topology = asEsxiTopology((await getLatestTopology(hostId))?.topology);
  return topology ? <EsxiChain topology={topology} /> : null;
}
