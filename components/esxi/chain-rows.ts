import type { EsxiTopology } from "@/lib/domain/esxi-topology";

// Pure: the ESXi chain as table rows, one per portgroup (or per vmknic outside any standard
// vSwitch), switch details on the switch's first row. MTU comparisons live here, not in JSX.

export type UplinkCell = { name: string; mtu: number | null; linkUp: boolean | null; speedMbps: number | null; mtuDiffers: boolean };
export type VmknicCell = { name: string; mtu: number | null; addresses: string[]; mtuDiffers: boolean };
export type ChainRow = {
  key: string;
  /** Null for vmknics on a distributed switch (or one not in the standard vSwitch list). */
  vswitch: string | null;
  vswitchMtu: number | null;
  /** Only on the first row of each switch. */
  uplinks: UplinkCell[] | null;
  portgroup: string | null;
  vlanId: number | null;
  vmknics: VmknicCell[];
};

const differs = (a: number | null, b: number | null) => a !== null && b !== null && a !== b;

export function chainRows(t: EsxiTopology): ChainRow[] {
  const rows: ChainRow[] = [];
  const nics = new Map(t.vmnics.map((n) => [n.name, n]));
  const switchNames = new Set(t.vswitches.map((s) => s.name));
  for (const sw of t.vswitches) {
    const groups = [
      ...t.portgroups.filter((p) => p.vswitch === sw.name),
      ...t.vmknics
        .filter((k) => k.vswitch === sw.name && k.portgroup !== null && !t.portgroups.some((p) => p.name === k.portgroup))
        .map((k) => ({ name: k.portgroup ?? "", vswitch: sw.name, vlanId: null })),
    ];
    const uplinks = sw.uplinks.map((name): UplinkCell => {
      const n = nics.get(name);
      return { name, mtu: n?.mtu ?? null, linkUp: n?.linkUp ?? null, speedMbps: n?.speedMbps ?? null, mtuDiffers: differs(n?.mtu ?? null, sw.mtu) };
    });
    (groups.length > 0 ? groups : [null]).forEach((pg, i) => {
      const vmknics = t.vmknics
        .filter((k) => pg !== null && k.portgroup === pg.name && (k.vswitch === sw.name || k.vswitch === null))
        .map((k) => ({ name: k.name, mtu: k.mtu, addresses: k.addresses, mtuDiffers: differs(k.mtu, sw.mtu) }));
      rows.push({ key: `${sw.name}/${pg?.name ?? ""}`, vswitch: sw.name, vswitchMtu: sw.mtu, uplinks: i === 0 ? uplinks : null, portgroup: pg?.name ?? null, vlanId: pg?.vlanId ?? null, vmknics });
    });
  }
  const placed = new Set(rows.flatMap((r) => r.vmknics.map((k) => k.name)));
  for (const pg of t.portgroups.filter((p) => !switchNames.has(p.vswitch))) {
    rows.push({ key: `${pg.vswitch}/${pg.name}`, vswitch: pg.vswitch, vswitchMtu: null, uplinks: null, portgroup: pg.name, vlanId: pg.vlanId, vmknics: [] });
  }
  for (const k of t.vmknics.filter((v) => !placed.has(v.name))) {
    rows.push({ key: `-/${k.name}`, vswitch: null, vswitchMtu: null, uplinks: null, portgroup: k.portgroup, vlanId: null, vmknics: [{ name: k.name, mtu: k.mtu, addresses: k.addresses, mtuDiffers: false }] });
  }
  return rows;
}
