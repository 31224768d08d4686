import { isIP } from "node:net";
import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { splitAtColon, splitLines } from "@/lib/collect/common/lines";
import { withoutZone } from "@/lib/collect/common/neighbor";
import type { IpAddressRow } from "./get-netipaddress";
import { powershellTable } from "./powershell";

/**
 * Get-NetIPAddress's default view is a list, not a table: one record per address, records
 * separated by blank lines, each line "Property<padding> : value". Property names are not
 * localized; an IPv6 value keeps its zone ("fe80::1%4"), as in the JSON, and loses it here.
 * Gives the rows get-netipaddress.ts reads from ConvertTo-Json.
 */
export const GET_NETIPADDRESS_TEXT_COMMAND = powershellTable("Get-NetIPAddress");

type AddressRecord = { first: string; fields: Map<string, string> };

function toRow({ fields }: AddressRecord): IpAddressRow | null {
  const ip = withoutZone(fields.get("IPAddress") ?? "");
  const alias = fields.get("InterfaceAlias") ?? "";
  const prefix = fields.get("PrefixLength") ?? "";
  const index = fields.get("InterfaceIndex") ?? "";
  // The same checks as the JSON parser's schema, so both paths keep the same rows.
  if (isIP(ip) === 0 || alias === "" || !/^\d+$/.test(prefix) || Number(prefix) > 128) return null;
  return { alias, ifIndex: /^\d+$/.test(index) ? Number(index) : null, address: `${ip}/${prefix}` };
}

export function parse(stdout: string): ParseResult<IpAddressRow[]> {
  const records: AddressRecord[] = [];
  const skipped: SkippedLine[] = [];
  let current: AddressRecord | null = null;
  for (const line of splitLines(stdout)) {
    if (line.trim() === "") {
      current = null;
      continue;
    }
    // "Property<padding> : value": the name starts the line, the padding is not part of it.
    const field = /^\S/.test(line) ? splitAtColon(line, 1) : null;
    if (!field) {
      skipped.push({ line, reason: "expected 'Property : value'" });
      continue;
    }
    if (current === null) {
      current = { first: line, fields: new Map() };
      records.push(current);
    }
    current.fields.set(field.key.trimEnd(), field.value.trim());
  }
  const value: IpAddressRow[] = [];
  for (const record of records) {
    const row = toRow(record);
    if (row) value.push(row);
    else skipped.push({ line: record.first, reason: "expected a record with IPAddress, InterfaceAlias and PrefixLength" });
  }
  return { value, skipped };
}
