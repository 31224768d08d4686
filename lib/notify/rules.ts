// Which finding transitions a channel hears about, when, and how often a failed delivery is
// tried again. Pure: the caller passes `now` and the transitions one evaluation made.
import { z } from "zod";
import { FINDING_KINDS, type FindingKind, type Severity } from "@/lib/domain/finding";
import type { Transition } from "./message";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export const channelRulesSchema = z.strictObject({
  /** Only these kinds; empty: every kind. */
  kinds: z.array(z.enum(FINDING_KINDS, { error: `A kind is one of ${FINDING_KINDS.join(", ")}` }), { error: "Kinds must be a list" }).max(FINDING_KINDS.length).default([]),
  /** Only findings concerning one of these hosts; empty: every host. */
  hostIds: z
    .array(z.number({ error: "A host id is a number" }).int().positive("A host id is a positive number"), { error: "Hosts must be a list of host ids" })
    .max(500, "At most 500 hosts")
    .default([]),
  /** A finding that got worse (warning → critical) is sent again. */
  notifyRaised: z.boolean({ error: "Notify on raise is true or false" }).default(true),
  /** A finding that went away is sent as "resolved". */
  notifyResolved: z.boolean({ error: "Notify on resolve is true or false" }).default(false),
  /**
   * Nothing is sent between start and end (server time zone, TZ); what came up meanwhile
   * goes out as one message when they end. start > end spans midnight (22:00–07:00).
   */
  quietHours: z
    .strictObject({
      start: z.string({ error: "Start is HH:MM" }).regex(HHMM, "Start is HH:MM, 00:00 to 23:59"),
      end: z.string({ error: "End is HH:MM" }).regex(HHMM, "End is HH:MM, 00:00 to 23:59"),
    })
    .refine((q) => q.start !== q.end, { message: "Quiet hours start and end at different times", path: ["end"] })
    .nullable()
    .default(null),
});
export type ChannelRules = z.infer<typeof channelRulesSchema>;
export type ChannelRulesInput = z.input<typeof channelRulesSchema>;
export const DEFAULT_RULES: ChannelRules = channelRulesSchema.parse({});

/** One finding's move in one evaluation, as the sync saw it. */
export type FindingTransition = {
  findingId: number;
  kind: FindingKind;
  transition: Transition;
  severity: Severity;
  previousSeverity?: Severity;
  /** Hosts at fault and hosts whose data proves it: a host rule matches either. */
  hostIds: number[];
  /** The channel a `notification-failing` finding is about. */
  channelId?: number;
};

/** What a delivery stores per finding: the rest is read fresh when it is sent. */
export type DeliveryItem = Pick<FindingTransition, "findingId" | "transition" | "severity" | "previousSeverity">;

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
export const atLeast = (s: Severity, min: Severity) => RANK[s] <= RANK[min];

/** The transitions a channel is told about; the caller only passes findings that are not muted or acknowledged. */
export function transitionsFor(channel: { id?: number; minSeverity: Severity; rules: ChannelRules }, transitions: FindingTransition[]): DeliveryItem[] {
  const { rules } = channel;
  const kinds = new Set(rules.kinds);
  const hosts = new Set(rules.hostIds);
  return transitions
    .filter((t) => (t.transition === "raised" ? rules.notifyRaised : t.transition === "resolved" ? rules.notifyResolved : true))
    .filter((t) => atLeast(t.severity, channel.minSeverity))
    .filter((t) => kinds.size === 0 || kinds.has(t.kind))
    .filter((t) => hosts.size === 0 || t.hostIds.some((h) => hosts.has(h)))
    // A channel that is failing would only fail to say so; that it works again it can say.
    .filter((t) => t.channelId === undefined || t.channelId !== channel.id || t.transition === "resolved")
    .map(({ findingId, transition, severity, previousSeverity }) => ({ findingId, transition, severity, ...(previousSeverity ? { previousSeverity } : {}) }));
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When quiet hours that cover `now` end, or null when `now` is outside them. `minuteOfDay`
 * is now's minute in the server's time zone (the caller reads it, so this stays testable).
 */
export function quietUntil(rules: Pick<ChannelRules, "quietHours">, now: Date, minuteOfDay: number): Date | null {
  const q = rules.quietHours;
  if (!q) return null;
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  const inside = start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
  if (!inside) return null;
  const wait = (end - minuteOfDay + 1440) % 1440;
  const at = new Date(now.getTime() + wait * 60_000);
  at.setSeconds(0, 0);
  return at;
}

/** Attempts before a delivery is given up on: about 2 h 40 min of tries in all. */
export const MAX_ATTEMPTS = 6;
const BACKOFF_MS = [30_000, 2 * 60_000, 8 * 60_000, 30 * 60_000, 2 * 60 * 60_000];

/** When to try again after `attempts` failed tries, or null when that was the last one. */
export function nextRetryAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const wait = BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)] ?? BACKOFF_MS[0]!;
  return new Date(now.getTime() + wait);
}

/** A channel whose last this many attempts failed raises a finding (about 10 minutes of failures). */
export const FAILING_AFTER = 3;
