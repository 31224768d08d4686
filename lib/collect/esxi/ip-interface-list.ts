import type { ParseResult } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { readKvBlocks } from "./kv-blocks";
import { positiveInt } from "@/lib/collect/common/interface";

/** VMkernel NICs: MAC, MTU, and where they attach (Portset = the vSwitch, Portgroup). */
export const ESXI_VMKNIC_LIST_COMMAND = "esxcli network ip interface list";

export type VmknicRow = {
  name: string;
  mac: string | null;
  mtu: number | null;
  enabled: boolean | null;
  /** Standard vSwitch name, or "DvsPortset-N" on a distributed switch. */
  portset: string | null;
  portgroup: string | null;
  netstack: string | null;
};

const NOT_APPLICABLE = new Set(["", "N/A", "-1"]);
const text = (value: string | undefined) => (value === undefined || NOT_APPLICABLE.has(value) ? null : value);
const bool = (value: string | undefined) => (value === "true" ? true : value === "false" ? false : null);

export function parse(stdout: string): ParseResult<VmknicRow[]> {
  const { blocks, skipped } = readKvBlocks(stdout);
  const value: VmknicRow[] = [];
  for (const block of blocks) {
    const name = block.fields.get("Name") ?? block.title;
    if (!/^\S+$/.test(name) || block.fields.size === 0) {
      skipped.push({ line: block.title, reason: "expected a vmknic block with Name, MAC Address, MTU" });
      continue;
    }
    value.push({
      name,
      mac: normalizeMac(block.fields.get("MAC Address") ?? ""),
      mtu: positiveInt(block.fields.get("MTU")),
      enabled: bool(block.fields.get("Enabled")),
      portset: text(block.fields.get("Portset")),
      portgroup: text(block.fields.get("Portgroup")),
      // 5.x/6.0 (tunupgh capture) has no Netstack Instance line: everything was on the default stack.
      netstack: text(block.fields.get("Netstack Instance")) ?? "defaultTcpipStack",
    });
  }
  return { value, skipped };
}
