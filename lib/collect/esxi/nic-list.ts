import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { positiveInt } from "@/lib/collect/common/interface";
import { splitLines } from "@/lib/collect/common/lines";
import { readTable } from "@/lib/collect/common/table";

/** Physical uplinks. Older releases print one "Link" column where 6.x+ print Admin and Link Status. */
export const ESXI_NIC_LIST_COMMAND = "esxcli network nic list";

export type VmnicRow = {
  name: string;
  pci: string | null;
  driver: string | null;
  adminUp: boolean | null;
  linkUp: boolean | null;
  speedMbps: number | null;
  duplex: "full" | "half" | null;
  mac: string | null;
  mtu: number | null;
  description: string | null;
};

export const upDown = (text: string | undefined): boolean | null =>
  text === undefined ? null : /^up$/i.test(text) ? true : /^down$/i.test(text) ? false : null;

export const duplexOf = (text: string | undefined): "full" | "half" | null =>
  text === undefined ? null : /^full$/i.test(text) ? "full" : /^half$/i.test(text) ? "half" : null;

const orNull = (text: string | undefined) => (text === undefined || text === "" ? null : text);

export function parse(stdout: string): ParseResult<VmnicRow[]> {
  const table = readTable(splitLines(stdout), ["Name", "PCI Device", "Driver"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: VmnicRow[] = [];
  for (const { line, cells } of table.rows) {
    const name = cells.get("Name") ?? "";
    if (!/^\S+$/.test(name)) {
      skipped.push({ line, reason: "expected a NIC name" });
      continue;
    }
    const link = cells.get("Link Status") ?? cells.get("Link");
    // A link that is down reports speed 0 and "Half": neither says anything about the NIC.
    const linkUp = upDown(link);
    value.push({
      name,
      pci: orNull(cells.get("PCI Device")),
      driver: orNull(cells.get("Driver")),
      adminUp: upDown(cells.get("Admin Status") ?? link),
      linkUp,
      speedMbps: linkUp === false ? null : positiveInt(cells.get("Speed")),
      duplex: linkUp === false ? null : duplexOf(cells.get("Duplex")),
      mac: normalizeMac(cells.get("MAC Address") ?? ""),
      mtu: positiveInt(cells.get("MTU")),
      description: orNull(cells.get("Description")),
    });
  }
  return { value, skipped };
}
