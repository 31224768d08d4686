import { z } from "zod";
import type { InterfaceRow, ParseResult } from "@/lib/domain/rows";
import { counter } from "@/lib/collect/linux/json";
import { parsePowerShellJson, powershell } from "./powershell";

/** Byte, packet, error and discard counters per adapter. No real ConvertTo-Json capture exists. */
export const GET_NETADAPTERSTATISTICS_COMMAND = powershell(
  "Get-NetAdapterStatistics | Select-Object Name,ReceivedBytes,SentBytes,ReceivedUnicastPackets,SentUnicastPackets,ReceivedPacketErrors,OutboundPacketErrors,ReceivedDiscardedPackets,OutboundDiscardedPackets | ConvertTo-Json",
);

export type StatisticsRow = Pick<InterfaceRow, "name" | "rxBytes" | "txBytes" | "rxPackets" | "txPackets" | "rxErrors" | "txErrors" | "rxDropped" | "txDropped">;

const count = counter.nullish().transform((v) => v ?? null);
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
  return {
    value: items.map((s) => ({
      name: s.Name,
      rxBytes: s.ReceivedBytes,
      txBytes: s.SentBytes,
      rxPackets: s.ReceivedUnicastPackets,
      txPackets: s.SentUnicastPackets,
      rxErrors: s.ReceivedPacketErrors,
      txErrors: s.OutboundPacketErrors,
      rxDropped: s.ReceivedDiscardedPackets,
      txDropped: s.OutboundDiscardedPackets,
    })),
    skipped,
  };
}
