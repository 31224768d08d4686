import type { EsxiTopology } from "@/lib/domain/esxi-topology";
import type { VmnicRow } from "./nic-list";
import type { PortgroupRow } from "./portgroup-list";
import type { VmknicRow } from "./ip-interface-list";
import type { VswitchRow } from "./vswitch-list";

export type TopologyInput = {
  vmnics: VmnicRow[];
  vmknics: VmknicRow[];
  vswitches: VswitchRow[];
  portgroups: PortgroupRow[];
  /** "ip/prefix" per vmknic name */
  addresses: Map<string, string[]>;
};

export function buildTopology(input: TopologyInput): EsxiTopology {
  const switchNames = new Set(input.vswitches.map((s) => s.name));
  const portgroupSwitch = new Map(input.portgroups.map((p) => [p.name, p.vswitch]));
  return {
    kind: "esxi",
    vmnics: input.vmnics.map((n) => ({
      name: n.name,
      mac: n.mac,
      mtu: n.mtu,
      speedMbps: n.speedMbps,
      linkUp: n.linkUp,
      driver: n.driver,
    })),
    vswitches: input.vswitches.map((s) => ({ name: s.name, mtu: s.mtu, uplinks: s.uplinks })),
    portgroups: input.portgroups.map((p) => ({ name: p.name, vswitch: p.vswitch, vlanId: p.vlanId })),
    vmknics: input.vmknics.map((k) => {
      const bySwitch = k.portset !== null && switchNames.has(k.portset) ? k.portset : null;
      const byPortgroup = k.portgroup !== null ? (portgroupSwitch.get(k.portgroup) ?? null) : null;
      return {
        name: k.name,
        mac: k.mac,
        mtu: k.mtu,
        enabled: k.enabled,
        portgroup: k.portgroup,
        vswitch: bySwitch ?? byPortgroup,
        netstack: k.netstack,
        addresses: input.addresses.get(k.name) ?? [],
      };
    }),
  };
}
