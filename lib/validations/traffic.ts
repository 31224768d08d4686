// GET /api/hosts/:id/interfaces/:name/traffic's query: a named range or from/to.
import { ValidationError } from "@/lib/errors";
import { RANGE_MS, TRAFFIC_RANGES, type TrafficRange } from "@/lib/domain/traffic";

export type TrafficQuery = { range: TrafficRange | "custom"; from: Date; to: Date };

const MAX_SPAN_MS = 5 * 366 * 86_400_000;
/** Interface names as platforms print them (eth0, vmk1, igb0.20, "Ethernet 2", br-1a2b…). */
const NAME = /^[^\u0000-\u001f/]{1,64}$/;

function time(v: string | null, name: string): Date | undefined {
  if (v === null || v === "") return undefined;
  const t = /^\d{10,13}$/.test(v) ? Number(v.length === 10 ? Number(v) * 1000 : v) : Date.parse(v);
  if (!Number.isFinite(t)) throw new ValidationError(`Invalid query: ${name}: an ISO time or epoch milliseconds`, { [name]: "An ISO time or epoch milliseconds" });
  return new Date(t);
}

export function parseInterfaceName(raw: string): string {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = "";
  }
  if (!NAME.test(name)) throw new ValidationError("Invalid interface name", { name: "1 to 64 characters, no control characters or '/'" });
  return name;
}

/** `range` (24h, 7d, 30d, 1y; default 24h) ending now, or `from` and `to` (to defaults to now). */
export function parseTrafficQuery(sp: URLSearchParams, now: Date): TrafficQuery {
  const range = sp.get("range");
  const from = time(sp.get("from"), "from");
  const to = time(sp.get("to"), "to");
  if (from !== undefined) {
    const end = to ?? now;
    if (from.getTime() >= end.getTime()) throw new ValidationError("Invalid query: from: must be before 'to'", { from: "Must be before 'to'" });
    if (end.getTime() - from.getTime() > MAX_SPAN_MS) throw new ValidationError("Invalid query: from: at most 5 years", { from: "At most 5 years" });
    return { range: "custom", from, to: end };
  }
  if (range !== null && !TRAFFIC_RANGES.includes(range as TrafficRange)) {
    throw new ValidationError(`Invalid query: range: one of ${TRAFFIC_RANGES.join(", ")}`, { range: `One of ${TRAFFIC_RANGES.join(", ")}` });
  }
  const key = (range ?? "24h") as TrafficRange;
  return { range: key, from: new Date(now.getTime() - RANGE_MS[key]), to: now };
}
