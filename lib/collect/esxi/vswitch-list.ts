import type { ParseResult } from "@/lib/domain/rows";
import { positiveInt } from "@/lib/collect/common/interface";
import { readKvBlocks } from "./kv-blocks";

/** Standard vSwitches: MTU, uplink vmnics and the portgroups on each. */
export const ESXI_VSWITCH_COMMAND = "esxcli network vswitch standard list";

export type VswitchRow = { name: string; mtu: number | null; uplinks: string[]; portgroups: string[] };

export const listOf = (text: string | undefined) =>
  (text ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");

export function parse(stdout: string): ParseResult<VswitchRow[]> {
  const { blocks, skipped } = readKvBlocks(stdout);
  const value: VswitchRow[] = [];
  for (const block of blocks) {
    const name = block.fields.get("Name") ?? "";
    if (name === "" || !block.fields.has("MTU")) {
      skipped.push({ line: block.title, reason: "expected a vSwitch block with Name and MTU" });
      continue;
    }
    value.push({
      name,
      mtu: positiveInt(block.fields.get("MTU")),
      uplinks: listOf(block.fields.get("Uplinks")),
      portgroups: listOf(block.fields.get("Portgroups")),
    });
  }
  return { value, skipped };
}
