import { isIPv4 } from "node:net";
import type { NeighborState, ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { nonBlank, splitLines } from "@/lib/collect/common/lines";
import { neighborRow } from "@/lib/collect/common/neighbor";
import type { WindowsNeighborRow } from "./get-netneighbor";
import { windowsMac } from "./powershell";

/**
 * IPv4 only, grouped per interface by its address and hex index:
 *   Interface: 10.0.0.185 --- 0x5                (English)
 *   Interface : 10.0.0.185 --- 0x5               (French: a space, or a no-break space, before the colon)
 *   Schnittstelle: 10.0.0.185 --- 0x5            (German)
 *     Internet Address      Physical Address      Type
 *     10.0.0.1              6a-d7-9a-29-2b-82     dynamic   (dynamique, dynamisch)
 * arp.exe pads the type word with trailing spaces, which copies of its output often lose.
 * Only the structure is relied on (an address and "--- 0x<index>"; rows of IP, MAC, type), so
 * any locale's headings pass; the type word is mapped for English, French, German, Spanish.
 * Rows carry the interface's address as `interface` and its index (for the collector to name it).
 */
export const ARP_A_COMMAND = "arp -a";

// Up to the first colon (\s covers the no-break space): `[^:]*?[\s\u00a0]*:` overlapped (quadratic).
const GROUP = /^[^:]*:\s*(\d{1,3}(?:\.\d{1,3}){3})\s+-+\s+0x([0-9a-f]+)$/i;
const ROW = /^\s*(\S+)\s+([0-9a-f]{2}(?:-[0-9a-f]{2}){5})\s+(\S+)\s*$/i;

export function arpType(word: string): NeighborState {
  const w = word.toLowerCase();
  if (/^(dynamic|dynamique|dynamisch|din[aá]mic)/.test(w)) return "reachable";
  if (/^(static|statique|statisch|est[aá]tic)/.test(w)) return "permanent";
  if (/^(invalid|non valide|ungültig|no v[aá]lid)/.test(w)) return "failed";
  return "unknown";
}

export function parse(stdout: string): ParseResult<WindowsNeighborRow[]> {
  const value: WindowsNeighborRow[] = [];
  const skipped: SkippedLine[] = [];
  let group: { address: string; index: number } | null = null;
  let headerSeen = false;
  for (const line of nonBlank(splitLines(stdout))) {
    const g = GROUP.exec(line.trim());
    if (g) {
      group = { address: g[1] ?? "", index: Number.parseInt(g[2] ?? "0", 16) };
      headerSeen = false;
      continue;
    }
    const row = ROW.exec(line);
    if (group && row && isIPv4(row[1] ?? "")) {
      const mac = windowsMac(normalizeMac(row[2] ?? ""));
      const state = mac === null ? "failed" : arpType(row[3] ?? "");
      value.push({ ...neighborRow(row[1] ?? "", mac, group.address, state), ifIndex: group.index });
      continue;
    }
    // The column headings right after each group line, in whatever language.
    if (group && !headerSeen) {
      headerSeen = true;
      continue;
    }
    skipped.push({ line, reason: group ? "expected 'IP  MAC  type'" : "expected 'Interface: IP --- 0xN'" });
  }
  return { value, skipped };
}
