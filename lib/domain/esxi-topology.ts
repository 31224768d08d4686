import { z } from "zod";

/*
 * The ESXi chain, stored as JSON on the run (Run.topology):
 *   physical NIC (vmnic) -- uplink of --> standard vSwitch <-- portgroup (VLAN) <-- vmknic
 * Every link carries what decides whether frames pass it: MTU at vmnic, vSwitch and vmknic,
 * VLAN at the portgroup. A vmknic on a distributed switch names a "DvsPortset-N" portset that
 * is not in the standard vSwitch list; its vswitch stays null (nothing to compare against).
 */
const vmnic = z.object({
  name: z.string(),
  mac: z.string().nullable(),
  mtu: z.number().nullable(),
  speedMbps: z.number().nullable(),
  linkUp: z.boolean().nullable(),
  driver: z.string().nullable(),
});
const vswitch = z.object({ name: z.string(), mtu: z.number().nullable(), uplinks: z.array(z.string()) });
const portgroup = z.object({ name: z.string(), vswitch: z.string(), vlanId: z.number().nullable() });
const vmknic = z.object({
  name: z.string(),
  mac: z.string().nullable(),
  mtu: z.number().nullable(),
  enabled: z.boolean().nullable(),
  portgroup: z.string().nullable(),
  /** The standard vSwitch this vmknic sits on, when known. */
  vswitch: z.string().nullable(),
  netstack: z.string().nullable(),
  addresses: z.array(z.string()),
});

export const esxiTopologySchema = z.object({
  kind: z.literal("esxi"),
  vmnics: z.array(vmnic),
  vswitches: z.array(vswitch),
  portgroups: z.array(portgroup),
  vmknics: z.array(vmknic),
});

export type EsxiTopology = z.infer<typeof esxiTopologySchema>;
export type EsxiVmnic = z.infer<typeof vmnic>;
export type EsxiVswitch = z.infer<typeof vswitch>;
export type EsxiPortgroup = z.infer<typeof portgroup>;
export type EsxiVmknic = z.infer<typeof vmknic>;

/** Reads a stored topology back; null for anything that is not an ESXi chain (other platforms, old runs). */
export function asEsxiTopology(value: unknown): EsxiTopology | null {
  const parsed = esxiTopologySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
