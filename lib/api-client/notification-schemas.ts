// Answers of /api/notifications/channels (lib/notify/views.ts), bound to their view types so a
// change on either side fails tsc.
import { z } from "zod";
import { FINDING_KINDS, SEVERITIES } from "@/lib/domain/finding";
import { schemaFor } from "@/lib/domain/api-schemas";
import { CHANNEL_TYPES } from "@/lib/notify/channels";
import { TRANSITIONS } from "@/lib/notify/message";
import type { ChannelRules } from "@/lib/notify/rules";
import { DELIVERY_STATUSES, type ChannelHealth, type ChannelView, type DeliveryView } from "@/lib/notify/views";

const iso = z.string();

const rulesSchema = schemaFor<ChannelRules>()(
  z.object({
    kinds: z.array(z.enum(FINDING_KINDS)),
    hostIds: z.array(z.number()),
    notifyRaised: z.boolean(),
    notifyResolved: z.boolean(),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  }),
);

const healthSchema = schemaFor<ChannelHealth>()(
  z.object({
    state: z.enum(["ok", "failing", "untested"]),
    lastSuccessAt: iso.nullable(),
    lastFailureAt: iso.nullable(),
    lastError: z.string().nullable(),
    failedInARow: z.number(),
  }),
);

export const channelViewSchema = schemaFor<ChannelView>()(
  z.object({
    id: z.number(),
    name: z.string(),
    type: z.enum(CHANNEL_TYPES),
    enabled: z.boolean(),
    minSeverity: z.enum(SEVERITIES),
    config: z.record(z.string(), z.unknown()),
    secretsSet: z.array(z.string()),
    secretHints: z.record(z.string(), z.string()),
    rules: rulesSchema,
    health: healthSchema,
    createdAt: iso,
    updatedAt: iso,
  }),
);

export const deliveryViewSchema = schemaFor<DeliveryView>()(
  z.object({
    id: z.number(),
    channelId: z.number(),
    event: z.enum(["findings", "test"]),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number(),
    items: z.array(
      z.object({
        findingId: z.number(),
        transition: z.enum(TRANSITIONS),
        severity: z.enum(SEVERITIES),
        previousSeverity: z.enum(SEVERITIES).optional(),
      }),
    ),
    createdAt: iso,
    lastAttemptAt: iso.nullable(),
    nextAttemptAt: iso.nullable(),
    sentAt: iso.nullable(),
    answer: z.string().nullable(),
    log: z.array(z.object({ at: iso, ok: z.boolean(), answer: z.string(), ms: z.number() })),
  }),
);

export const channelListSchema = z.object({ items: z.array(channelViewSchema) });
export const deliveryListSchema = z.object({ items: z.array(deliveryViewSchema) });
