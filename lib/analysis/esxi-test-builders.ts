// Hand-built ESXi chains for the esxi-*.test.ts tables.
import type { EsxiTopology, EsxiVmknic, EsxiVmnic, EsxiVswitch } from "@/lib/domain/esxi-topology";
import type { AnalysisHost } from "./input";
import { host, nic } from "./test-builders";

export const vmnic = (name: string, mac: string, mtu: number | null = 1500): EsxiVmnic => ({
  name,
  mac,
  mtu,
  speedMbps: 10000,
  linkUp: true,
  driver: "ixgben",
});

export const vswitch = (name: string, mtu: number | null, uplinks: string[]): EsxiVswitch => ({ name, mtu, uplinks });

export const vmknic = (name: string, mac: string, mtu: number | null, vsw: string | null, portgroup: string, addresses: string[] = []): EsxiVmknic => ({
  name,
  mac,
  mtu,
  enabled: true,
  portgroup,
  vswitch: vsw,
  netstack: "defaultTcpipStack",
  addresses,
});

export function chain(parts: Partial<Omit<EsxiTopology, "kind">>): EsxiTopology {
  return { kind: "esxi", vmnics: [], vswitches: [], portgroups: [], vmknics: [], ...parts };
}

/** An ESXi host whose interfaces mirror its chain, as the collector stores them. */
export function esxiHost(id: number, topology: EsxiTopology, o: Partial<AnalysisHost> = {}): AnalysisHost {
  const interfaces = [
    ...topology.vmnics.map((n) => nic(n.name, n.mac, [], { mtu: n.mtu })),
    ...topology.vmknics.map((k) => nic(k.name, k.mac, k.addresses, { kind: "vmknic", mtu: k.mtu })),
  ];
  return host(id, interfaces, { name: `esx${id}`, hostname: `esx${id}`, platform: "esxi", topology, ...o });
}
