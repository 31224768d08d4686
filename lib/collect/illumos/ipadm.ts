import { isIP } from "node:net";
import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { splitLines } from "@/lib/collect/common/lines";
import { withoutZone } from "@/lib/collect/common/neighbor";
import { readKnownTable } from "@/lib/collect/common/table";

/** Addresses per IP interface: ADDROBJ is "<interface>/<name>" ("bge0/dhcp", "lo0/v6"). */
export const IPADM_COMMAND = "ipadm show-addr";

export type AddressRow = { interface: string; address: string; type: string | null; state: string | null };

export function parse(stdout: string): ParseResult<AddressRow[]> {
  const table = readKnownTable(splitLines(stdout), ["ADDROBJ", "TYPE", "STATE", "ADDR"], ["ADDROBJ", "ADDR"]);
  const skipped: SkippedLine[] = [...table.skipped];
  const value: AddressRow[] = [];
  for (const { line, cells } of table.rows) {
    const object = cells.get("ADDROBJ") ?? "";
    const [ip = "", prefix = ""] = (cells.get("ADDR") ?? "").split("/");
    const address = withoutZone(ip);
    const iface = object.split("/")[0] ?? "";
    if (!object.includes("/") || iface === "" || isIP(address) === 0 || !/^\d{1,3}$/.test(prefix)) {
      skipped.push({ line, reason: "expected ADDROBJ TYPE STATE ADDR (address/prefix)" });
      continue;
    }
    // Unconfigured placeholders (a DHCP request still pending) show the unspecified address.
    if (address === "0.0.0.0" || address === "::") continue;
    value.push({ interface: iface, address: `${address}/${prefix}`, type: cells.get("TYPE") || null, state: cells.get("STATE") || null });
  }
  return { value, skipped };
}
