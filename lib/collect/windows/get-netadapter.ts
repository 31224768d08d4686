import { z } from "zod";
import type { LinkState, ParseResult } from "@/lib/domain/rows";
import { normalizeMac } from "@/lib/domain/mac";
import { speedWithUnit } from "@/lib/collect/common/speed";
import { parsePowerShellJson, powershell } from "./powershell";

/**
 * Network adapters: name (the InterfaceAlias everything else refers to), ifIndex, status, MAC,
 * link speed, MTU, duplex, driver. No real ConvertTo-Json capture exists; see get-netneighbor.ts.
 */
export const GET_NETADAPTER_COMMAND = powershell(
  "Get-NetAdapter | Select-Object Name,InterfaceDescription,ifIndex,Status,MacAddress,LinkSpeed,ReceiveLinkSpeed,MtuSize,FullDuplex,DriverName | ConvertTo-Json",
);

export type AdapterRow = {
  name: string;
  description: string | null;
  ifIndex: number | null;
  state: LinkState;
  mac: string | null;
  speedMbps: number | null;
  mtu: number | null;
  duplex: "full" | "half" | null;
  driver: string | null;
};

/** Get-NetAdapter's Status: "Up", "Disconnected", "Disabled", "Not Present" … */
export function adapterState(status: string | null | undefined): LinkState {
  if (!status) return "unknown";
  if (/^up$/i.test(status)) return "up";
  return /disconnected|disabled|down|not present/i.test(status) ? "down" : "unknown";
}

const adapter = z.object({
  Name: z.string().min(1),
  InterfaceDescription: z.string().nullish(),
  ifIndex: z.number().int().nullish(),
  Status: z.union([z.string(), z.number()]).nullish(),
  MacAddress: z.string().nullish(),
  LinkSpeed: z.string().nullish(),
  ReceiveLinkSpeed: z.number().nullish(),
  MtuSize: z.number().int().nullish(),
  FullDuplex: z.boolean().nullish(),
  DriverName: z.string().nullish(),
});

export function parse(stdout: string): ParseResult<AdapterRow[]> {
  const { items, skipped } = parsePowerShellJson(stdout, adapter);
  const value = items.map((a): AdapterRow => {
    const state = adapterState(typeof a.Status === "string" ? a.Status : null);
    const bps = a.ReceiveLinkSpeed ?? 0;
    const speedMbps = state === "down" ? null : bps > 0 ? Math.round(bps / 1_000_000) : speedWithUnit(a.LinkSpeed ?? "");
    return {
      name: a.Name,
      description: a.InterfaceDescription ?? null,
      ifIndex: a.ifIndex ?? null,
      state,
      mac: normalizeMac(a.MacAddress ?? ""),
      speedMbps,
      mtu: a.MtuSize && a.MtuSize > 0 ? a.MtuSize : null,
      duplex: state === "down" || a.FullDuplex == null ? null : a.FullDuplex ? "full" : "half",
      driver: a.DriverName ?? null,
    };
  });
  return { value, skipped };
}
