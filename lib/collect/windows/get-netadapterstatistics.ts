import { z } from "zod";
import type { InterfaceRow, ParseResult } from "@/lib/domain/rows";
import { counter, notACounter } from "@/lib/collect/linux/json";
import { parsePowerShellJson, powershell } from "./powershell";

/** Byte, packet, error and discard counters per adapter. No real ConvertTo-Json capture exists. */
export const GET_NETADAPTERSTATISTICS_COMMAND = powershell(
  "Get-NetAdapterStatistics | Select-Object Name,ReceivedBytes,SentBytes,ReceivedUnicastPackets,SentUnicastPackets,ReceivedPacketErrors,OutboundPacketErrors,ReceivedDiscardedPackets,OutboundDiscardedPackets | ConvertTo-Json",
);

export type StatisticsRow = Pick<InterfaceRow, "name" | "rxBytes" | "txBytes" | "rxPackets" | "txPackets" | "rxErrors" | "txErrors" | "rxDropped" | "txDropped">;

// ConvertTo-Json writes null for a counter the adapter does not keep: that is undefined (not
// counted) here, so a null left after `counter` means a value that is not a u64 (reported).
const count = z.union([z.null().transform(() => undefined), counter]).optional();
const row = z.object({
  Name: z.string().min(1),
  ReceivedBytes: count,
  SentBytes: count,
  ReceivedUnicastPackets: count,
  SentUnicastPackets: count,
  ReceivedPacketErrors: count,
  OutboundPacketErrors: count,
  ReceivedDiscardedPackets: count,
  OutboundDiscardedPackets: count,
});

export function parse(stdout: string): ParseResult<StatisticsRow[]> {
  const { items, skipped } = parsePowerShellJson(stdout, row);
  const value = items.map((s): StatisticsRow => {
    const read = (field: Exclude<keyof typeof s, "Name">) => notACounter(s[field], `${s.Name} ${field}`, skipped);
    return {
      name: s.Name,
      rxBytes: read("ReceivedBytes"),
      txBytes: read("SentBytes"),
      rxPackets: read("ReceivedUnicastPackets"),
      txPackets: read("SentUnicastPackets"),
      rxErrors: read("ReceivedPacketErrors"),
      txErrors: read("OutboundPacketErrors"),
      rxDropped: read("ReceivedDiscardedPackets"),
      txDropped: read("OutboundDiscardedPackets"),
    };
  });
  return { value, skipped };
}
