import "server-only";
import { z } from "zod";
import { FINDING_KINDS, SEVERITIES, evidenceRowSchema, findingSubjectSchema } from "@/lib/domain/finding";
import { IPERF_DIRECTIONS, IPERF_PROTOCOLS, IPERF_STATUSES, intervalPointSchema } from "@/lib/domain/iperf";
import { PLATFORMS, type Platform } from "@/lib/domain/platform";
import { commandOutcomeSchema } from "@/lib/domain/snapshot";
import { FINDING_STATUSES, NEIGHBOR_EVENT_KINDS, RUN_STATUSES } from "@/lib/domain/views";

// Every JSON and enum column is read back through here. SQLite stores them as TEXT, so a
// value written by an older version, a hand edit or a half-written row could be anything:
// each decoder checks it and falls back to a safe value instead of trusting a cast.

function jsonColumn<T>(schema: z.ZodType<T>, fallback: T) {
  return (text: string | null | undefined): T => {
    if (text === null || text === undefined) return fallback;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return fallback;
    }
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  };
}

function enumColumn<const T extends readonly [string, ...string[]], F>(values: T, fallback: F) {
  const schema = z.enum(values);
  return (text: string | null | undefined): T[number] | F => {
    const parsed = schema.safeParse(text);
    return parsed.success ? parsed.data : fallback;
  };
}

/** Keeps the elements that match, drops the rest (one bad row must not hide the others). */
const lenientArray = <T>(item: z.ZodType<T>) =>
  z.array(z.unknown()).transform((items) => items.flatMap((v) => {
    const r = item.safeParse(v);
    return r.success ? [r.data] : [];
  }));

export const decode = {
  platform: enumColumn(PLATFORMS, null),
  configuredPlatform: enumColumn([...PLATFORMS, "auto"], "auto" as const),
  runStatus: enumColumn(RUN_STATUSES, "failed" as const),
  commands: jsonColumn(lenientArray(commandOutcomeSchema), []),
  addresses: jsonColumn(lenientArray(z.string()), []),
  linkModes: jsonColumn(
    z.object({ supported: lenientArray(z.string()), advertised: lenientArray(z.string()), partner: lenientArray(z.string()).nullable(), autoneg: z.boolean().nullable() }).nullable(),
    null,
  ),
  /** Platform structure stays unknown here: lib/domain/esxi-topology.ts checks its own shape. */
  topology: jsonColumn(z.unknown(), null),
  findingKind: enumColumn(FINDING_KINDS, null),
  severity: enumColumn(SEVERITIES, "info" as const),
  findingStatus: enumColumn(FINDING_STATUSES, "open" as const),
  subject: (text: string, key: string) =>
    jsonColumn(findingSubjectSchema, { type: "host" as const, id: "", label: key })(text),
  evidence: jsonColumn(lenientArray(evidenceRowSchema), []),
  neighborEventKind: enumColumn(NEIGHBOR_EVENT_KINDS, "changed" as const),
  iperfStatus: enumColumn(IPERF_STATUSES, "failed" as const),
  iperfProtocol: enumColumn(IPERF_PROTOCOLS, "tcp" as const),
  iperfDirection: enumColumn(IPERF_DIRECTIONS, "both" as const),
  verdictKeys: jsonColumn(lenientArray(z.string()), []),
  intervals: jsonColumn(
    z.object({ forward: lenientArray(intervalPointSchema).optional(), reverse: lenientArray(intervalPointSchema).optional() }),
    {},
  ),
};

/** BigInt counters to numbers for views (exact up to 2^53; counters beyond are display-only). */
export const num = (v: bigint | null): number | null => (v === null ? null : Number(v));

/** The platform a host is collected as: the configured one, or under "auto" the detected one. */
export function effectivePlatform(configured: string, detected: string | null): Platform | null {
  const platform = decode.configuredPlatform(configured);
  return platform === "auto" ? decode.platform(detected) : platform;
}
