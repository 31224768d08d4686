import { z } from "zod";
import type { ParseResult } from "@/lib/domain/rows";
import { parseJsonArray } from "./json";

export const IP_ADDR_COMMAND = "ip -j addr show";

/** Interface name -> ["10.0.0.5/24", "fe80::1/64", ...] in the order iproute2 prints them. */
export type AddressMap = Map<string, string[]>;

const entry = z.object({
  ifname: z.string().min(1),
  addr_info: z
    .array(
      z.object({
        local: z.string().min(1).optional(),
        prefixlen: z.number().int().nonnegative().optional(),
      }),
    )
    .optional(),
});

export function parse(stdout: string): ParseResult<AddressMap> {
  const { items, skipped } = parseJsonArray(stdout, entry);
  const value: AddressMap = new Map();
  for (const item of items) {
    const addresses = (item.addr_info ?? []).flatMap((info) =>
      // `{}` placeholders for addresses a family filter dropped carry no local address.
      info.local === undefined ? [] : [info.prefixlen === undefined ? info.local : `${info.local}/${info.prefixlen}`],
    );
    value.set(item.ifname, [...(value.get(item.ifname) ?? []), ...addresses]);
  }
  return { value, skipped };
}
