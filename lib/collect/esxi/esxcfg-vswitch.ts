import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { positiveInt } from "@/lib/collect/common/interface";
import { splitLines } from "@/lib/collect/common/lines";
import { cellsOf, columnsFromKnownTitles, type Column } from "@/lib/collect/common/table";
import type { PortgroupRow } from "./portgroup-list";
import { listOf, type VswitchRow } from "./vswitch-list";

/**
 * The older tool: switches and their portgroups (with VLAN) in one output. Each "Switch Name"
 * table is followed by an indented "PortGroup Name" table for that switch; distributed switches
 * add "DVS Name" and "DVPort ID" sections (read as a switch without portgroups, and skipped
 * respectively); an NSX-T N-VDS is a switch table without MTU (read with an unknown MTU). The fallback when the esxcli vswitch commands fail.
 */
export const ESXCFG_VSWITCH_COMMAND = "esxcfg-vswitch -l";

export type EsxcfgVswitch = { vswitches: VswitchRow[]; portgroups: PortgroupRow[] };

const SWITCH = ["Switch Name", "DVS Name", "Num Ports", "Used Ports", "Configured Ports", "MTU", "Uplinks"];
const PORTGROUP = ["PortGroup Name", "VLAN ID", "Used Ports", "Uplinks"];
const DVPORT = ["DVPort ID", "In Use", "Client"];

type Section = { kind: "switch" | "portgroup" | "dvport"; columns: Column[] };

function header(line: string): Section | null {
  // An NSX-T N-VDS prints its own "Switch Name" table without Configured Ports and MTU.
  const sw = columnsFromKnownTitles(line, SWITCH, ["Num Ports"]);
  if (sw && (sw.some((c) => c.name === "Switch Name") || sw.some((c) => c.name === "DVS Name"))) return { kind: "switch", columns: sw };
  const pg = columnsFromKnownTitles(line, PORTGROUP, ["PortGroup Name", "VLAN ID"]);
  if (pg) return { kind: "portgroup", columns: pg };
  const dv = columnsFromKnownTitles(line, DVPORT, ["DVPort ID"]);
  return dv ? { kind: "dvport", columns: dv } : null;
}

export function parse(stdout: string): ParseResult<EsxcfgVswitch> {
  const vswitches: VswitchRow[] = [];
  const portgroups: PortgroupRow[] = [];
  const skipped: SkippedLine[] = [];
  let section: Section | null = null;
  for (const line of splitLines(stdout)) {
    if (line.trim() === "") continue;
    const next = header(line);
    if (next) {
      section = next;
      continue;
    }
    if (!section) {
      skipped.push({ line, reason: "before any table header" });
      continue;
    }
    const cells = cellsOf(line, section.columns);
    if (section.kind === "switch") {
      const name = cells.get("Switch Name") ?? cells.get("DVS Name") ?? "";
      if (!/^\S+$/.test(name)) {
        skipped.push({ line, reason: "expected a switch name" });
        continue;
      }
      vswitches.push({ name, mtu: positiveInt(cells.get("MTU")), uplinks: listOf(cells.get("Uplinks")), portgroups: [] });
    } else if (section.kind === "portgroup") {
      const sw = vswitches.at(-1);
      const vlan = cells.get("VLAN ID") ?? "";
      const name = cells.get("PortGroup Name") ?? "";
      if (!sw || name === "" || !/^\d+$/.test(vlan)) {
        skipped.push({ line, reason: "expected PortGroup Name and VLAN ID under a switch" });
        continue;
      }
      sw.portgroups.push(name);
      const used = cells.get("Used Ports") ?? "";
      portgroups.push({ name, vswitch: sw.name, vlanId: Number(vlan), activeClients: /^\d+$/.test(used) ? Number(used) : null });
    }
  }
  return { value: { vswitches, portgroups }, skipped };
}
