import type { ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { positiveInt } from "@/lib/collect/common/interface";
import { nonBlank, splitLines } from "@/lib/collect/common/lines";
import { speedWithUnit } from "@/lib/collect/common/speed";
import { duplexOf, upDown, type VmnicRow } from "./nic-list";

/**
 * The older tool, present on every release: the fallback when esxcli fails. Its header has
 * two-word titles ("Link Speed" are two columns, "MAC Address" one) and no dash line, but every
 * value before Description is a single word, so rows are read word by word.
 */
export const ESXCFG_NICS_COMMAND = "esxcfg-nics -l";

// `s`: the description runs to the end of the line whatever it holds, so nothing after the MTU
// can fail and send `\d+\s*(.*)$` back through every split of the line (quadratic).
const ROW = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\s*(.*)$/s;

export function parse(stdout: string): ParseResult<VmnicRow[]> {
  const skipped: SkippedLine[] = [];
  const value: VmnicRow[] = [];
  for (const line of nonBlank(splitLines(stdout))) {
    if (/^\s*Name\s+PCI\s+Driver\s+Link/.test(line)) continue;
    const m = ROW.exec(line);
    const mac = m ? normalizeMac(m[7] ?? "") : null;
    if (!m || mac === null) {
      skipped.push({ line, reason: "expected Name PCI Driver Link Speed Duplex MAC MTU Description" });
      continue;
    }
    const linkUp = upDown(m[4]);
    value.push({
      name: m[1] ?? "",
      pci: m[2] ?? null,
      driver: m[3] ?? null,
      adminUp: null,
      linkUp,
      speedMbps: linkUp === false ? null : speedWithUnit(m[5] ?? ""),
      duplex: linkUp === false ? null : duplexOf(m[6]),
      mac,
      mtu: positiveInt(m[8]),
      description: m[9]?.trim() || null,
    });
  }
  return { value, skipped };
}
