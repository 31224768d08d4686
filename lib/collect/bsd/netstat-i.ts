import type { InterfaceRow, ParseResult, SkippedLine } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { positiveInt, readCounter } from "@/lib/collect/common/interface";
import { nonBlank, splitLines } from "@/lib/collect/common/lines";
import { known } from "@/lib/collect/common/lookup";

/**
 * Per-interface counters. The columns depend on the flags and the OS, so they are read from the
 * header: -b adds Ibytes/Obytes, -d adds Idrop (FreeBSD) and Drop. FreeBSD and macOS print one
 * row per link ("<Link#N>", the one with the counters) plus one per address, with "-" where
 * a counter does not apply, and cut names to 5 characters on macOS ("bridg", two "vmnet"s).
 * Solaris/illumos print one row per interface with Net/Dest instead. Rows that are neither
 * (e.g. a trailing heredoc marker in a capture) are skipped. Addresses are not taken from
 * here: without -W they are cut to the column width and can still look valid ("fe80::20c:29ff:fe").
 */
export const NETSTAT_COMMAND = "netstat -ibdn";

export type NetstatRow = {
  /** As printed, possibly truncated; a trailing "*" (interface down) is removed. */
  name: string;
  down: boolean;
  mtu: number | null;
  mac: string | null;
  rxPackets: bigint | null;
  rxErrors: bigint | null;
  rxDropped: bigint | null;
  rxBytes: bigint | null;
  txPackets: bigint | null;
  txErrors: bigint | null;
  txBytes: bigint | null;
  txDropped: bigint | null;
};


const COUNTERS: Record<string, keyof NetstatRow> = {
  Ipkts: "rxPackets",
  Ierrs: "rxErrors",
  Idrop: "rxDropped",
  Ibytes: "rxBytes",
  Opkts: "txPackets",
  Oerrs: "txErrors",
  Obytes: "txBytes",
  Drop: "txDropped",
};

const isCount = (word: string) => /^\d+$/.test(word) || word === "-";

export function parse(stdout: string): ParseResult<NetstatRow[]> {
  const skipped: SkippedLine[] = [];
  const links: NetstatRow[] = [];
  const perInterface: NetstatRow[] = [];
  let counters: string[] | null = null;
  for (const line of nonBlank(splitLines(stdout))) {
    const words = line.trim().split(/\s+/);
    if (counters === null) {
      if (words[0] === "Name" && words[1] === "Mtu") counters = words.slice(words.findIndex((w) => w === "Ipkts"));
      else skipped.push({ line, reason: "before the header" });
      continue;
    }
    const [rawName = "", mtu = "", network = "", ...rest] = words;
    const hasAddress = rest[0] !== undefined && !isCount(rest[0]);
    const address = hasAddress ? (rest[0] ?? "") : "";
    const values = hasAddress ? rest.slice(1) : rest;
    if (!/^(\d+|-)$/.test(mtu) || network === "" || values.length === 0 || !values.every(isCount)) {
      skipped.push({ line, reason: "expected Name Mtu Network [Address] and counters" });
      continue;
    }
    const name = rawName.replace(/\*$/, "");
    const isLink = network.startsWith("<Link");
    const row: NetstatRow = {
      name,
      down: rawName.endsWith("*"),
      mtu: positiveInt(mtu),
      mac: isLink ? normalizeMac(address) : null,
      rxPackets: null,
      rxErrors: null,
      rxDropped: null,
      rxBytes: null,
      txPackets: null,
      txErrors: null,
      txBytes: null,
      txDropped: null,
    };
    counters.forEach((title, i) => {
      const field = known(COUNTERS, title);
      if (field) Object.assign(row, { [field]: readCounter(values[i], title, line, skipped) });
    });
    (isLink ? links : perInterface).push(row);
  }
  // Solaris/illumos: no <Link#> rows; each interface's first row carries its counters.
  const rows = links.length > 0 ? links : perInterface.filter((row, i, all) => all.findIndex((r) => r.name === row.name) === i);
  return { value: rows, skipped };
}

type Counters = Pick<InterfaceRow, "rxPackets" | "rxErrors" | "rxDropped" | "rxBytes" | "txPackets" | "txErrors" | "txBytes" | "txDropped">;

/** The counter fields of a row, for an InterfaceRow. */
export function countersOf(row: NetstatRow): Counters {
  const { rxPackets, rxErrors, rxDropped, rxBytes, txPackets, txErrors, txBytes, txDropped } = row;
  return { rxPackets, rxErrors, rxDropped, rxBytes, txPackets, txErrors, txBytes, txDropped };
}
