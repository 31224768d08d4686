import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { FINDING_KINDS, SEVERITIES } from "@/lib/domain/finding";
import { channelConfigSchema, secretFields, type ChannelConfig, type ChannelType } from "@/lib/notify/channels";
import { TRANSITIONS, type NoticeFinding } from "@/lib/notify/message";
import { DEFAULT_RULES, FAILING_AFTER, channelRulesSchema, quietUntil, transitionsFor, type ChannelRules, type DeliveryItem, type FindingTransition } from "@/lib/notify/rules";
import type { ChannelView, DeliveryStatus, DeliveryView } from "@/lib/notify/views";
import type { ChannelWrite } from "@/lib/validations/notifications";
import type { NotificationChannel, Prisma } from "@/lib/generated/prisma/client";

// Channels with their secrets encrypted per channel and field, and the delivery queue. The
// queue is the NotificationDelivery table itself: queueing happens inside the findings sync's
// transaction (queueFindingNotices), sending in lib/jobs/notify.ts.

/** What is stored for a channel: its checked config (secrets included, in memory only) and rules. */
export type ChannelRecord = ChannelWrite & { id: number };

const ANSWER_MAX_CHARS = 500;
const clipAnswer = (s: string) => (s.length > ANSWER_MAX_CHARS ? `${s.slice(0, ANSWER_MAX_CHARS - 1)}…` : s);

type Tx = Prisma.TransactionClient;

function split(config: ChannelConfig): { plain: Record<string, unknown>; secret: Record<string, string> } {
  const secretKeys = new Set<string>(secretFields(config.type) as readonly string[]);
  const plain: Record<string, unknown> = {};
  const secret: Record<string, string> = {};
  for (const [k, v] of Object.entries(config)) {
    if (v === undefined) continue;
    if (secretKeys.has(k)) secret[k] = String(v);
    else plain[k] = v;
  }
  return { plain, secret };
}

function sealed(channelId: number, secret: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(secret).map(([field, v]) => [field, encryptSecret(v, { channelId, field })])));
}

const envelopes = (text: string): Record<string, string> => {
  try {
    const v: unknown = JSON.parse(text);
    return z.record(z.string(), z.string()).parse(v);
  } catch {
    return {};
  }
};

const decodeRules = (text: string): ChannelRules => {
  try {
    const parsed = channelRulesSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_RULES;
  } catch {
    return DEFAULT_RULES;
  }
};

const plainConfig = (text: string): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

function hint(v: string): string {
  try {
    const u = new URL(v);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return "…";
  }
}

function toView(r: NotificationChannel): ChannelView {
  const config = plainConfig(r.config);
  const sealedFields = envelopes(r.secrets);
  const secretHints: Record<string, string> = {};
  // A URL that is the secret (Discord, Slack, Apprise) shows its host: enough to tell two apart.
  for (const field of Object.keys(sealedFields)) {
    if (!/url$/i.test(field)) continue;
    try {
      secretHints[field] = hint(decryptSecret(sealedFields[field]!, { channelId: r.id, field }));
    } catch {
      secretHints[field] = "(cannot be decrypted: enter it again)";
    }
  }
  // Shown at the top level of the view already.
  const rest = Object.fromEntries(Object.entries(config).filter(([k]) => k !== "type" && k !== "name" && k !== "minSeverity"));
  const severity = z.enum(SEVERITIES).safeParse(config.minSeverity);
  return {
    id: r.id,
    name: r.name,
    type: r.type as ChannelType,
    enabled: r.enabled,
    minSeverity: severity.success ? severity.data : "warning",
    config: rest,
    secretsSet: Object.keys(sealedFields).sort(),
    secretHints,
    rules: decodeRules(r.rules),
    health: {
      state: r.failedInARow >= FAILING_AFTER ? "failing" : r.lastSuccessAt ? "ok" : r.lastFailureAt ? "failing" : "untested",
      lastSuccessAt: r.lastSuccessAt?.toISOString() ?? null,
      lastFailureAt: r.lastFailureAt?.toISOString() ?? null,
      lastError: r.lastError,
      failedInARow: r.failedInARow,
    },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const nameTaken = (err: unknown) => err instanceof Error && "code" in err && (err as { code?: string }).code === "P2002";
const nameConflict = () => new ConflictError("A channel with this name already exists", { name: "A channel with this name already exists" });

export async function listChannels(): Promise<ChannelView[]> {
  const db = await getDb();
  return (await db.notificationChannel.findMany({ orderBy: { name: "asc" } })).map(toView);
}

export async function getChannel(id: number): Promise<ChannelView> {
  const db = await getDb();
  const r = await db.notificationChannel.findUnique({ where: { id } });
  if (!r) throw new NotFoundError("Channel");
  return toView(r);
}

/** The channel with its secrets decrypted: for sending and for merging a PATCH, never for an answer. */
export async function loadChannel(id: number): Promise<ChannelRecord> {
  const db = await getDb();
  const r = await db.notificationChannel.findUnique({ where: { id } });
  if (!r) throw new NotFoundError("Channel");
  return record(r);
}

function record(r: NotificationChannel): ChannelRecord {
  const secret = Object.fromEntries(Object.entries(envelopes(r.secrets)).map(([field, env]) => [field, decryptSecret(env, { channelId: r.id, field })]));
  // Checked again on the way out: a row edited by hand or by an older version must not be sent as is.
  const config = channelConfigSchema.parse({ ...plainConfig(r.config), ...secret, type: r.type, name: r.name });
  return { id: r.id, config, enabled: r.enabled, rules: decodeRules(r.rules) };
}

export async function createChannel(input: ChannelWrite, now = new Date()): Promise<ChannelView> {
  const db = await getDb();
  const { plain, secret } = split(input.config);
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.notificationChannel.create({
        data: {
          name: input.config.name,
          type: input.config.type,
          enabled: input.enabled,
          config: JSON.stringify(plain),
          rules: JSON.stringify(input.rules),
          createdAt: now,
          updatedAt: now,
        },
      });
      // The envelopes are bound to the id, which exists only now.
      return tx.notificationChannel.update({ where: { id: created.id }, data: { secrets: sealed(created.id, secret) } });
    });
    return toView(row);
  } catch (err) {
    if (nameTaken(err)) throw nameConflict();
    throw err;
  }
}

export async function updateChannel(id: number, input: ChannelWrite, now = new Date()): Promise<ChannelView> {
  const db = await getDb();
  const { plain, secret } = split(input.config);
  try {
    const row = await db.notificationChannel.update({
      where: { id },
      data: {
        name: input.config.name,
        type: input.config.type,
        enabled: input.enabled,
        config: JSON.stringify(plain),
        secrets: sealed(id, secret),
        rules: JSON.stringify(input.rules),
        updatedAt: now,
      },
    });
    return toView(row);
  } catch (err) {
    if (nameTaken(err)) throw nameConflict();
    if (err instanceof Error && "code" in err && (err as { code?: string }).code === "P2025") throw new NotFoundError("Channel");
    throw err;
  }
}

/** Deletes the channel with its deliveries; its "failing" finding resolves at the next check. */
export async function deleteChannel(id: number): Promise<void> {
  const db = await getDb();
  const { count } = await db.notificationChannel.deleteMany({ where: { id } });
  if (count === 0) throw new NotFoundError("Channel");
}

/**
 * Inside the findings sync's transaction: one delivery per enabled channel that hears about
 * any of `transitions`, held until quiet hours end. Returns how many were queued.
 */
export async function queueFindingNotices(tx: Tx, transitions: FindingTransition[], now: Date): Promise<number> {
  if (transitions.length === 0) return 0;
  const channels = await tx.notificationChannel.findMany({ where: { enabled: true }, select: { id: true, config: true, rules: true } });
  const minute = now.getHours() * 60 + now.getMinutes();
  const rows: Prisma.NotificationDeliveryCreateManyInput[] = [];
  for (const c of channels) {
    const severity = z.enum(SEVERITIES).safeParse(plainConfig(c.config).minSeverity);
    const rules = decodeRules(c.rules);
    const items = transitionsFor({ id: c.id, minSeverity: severity.success ? severity.data : "warning", rules }, transitions);
    if (items.length === 0) continue;
    rows.push({ channelId: c.id, event: "findings", items: JSON.stringify(items), status: "pending", nextAttemptAt: quietUntil(rules, now, minute) ?? now, createdAt: now });
  }
  if (rows.length > 0) await tx.notificationDelivery.createMany({ data: rows });
  return rows.length;
}

/** The Send test button: a delivery due now, whatever the rules and quiet hours say. */
export async function queueTestDelivery(channelId: number, now = new Date()): Promise<number> {
  const db = await getDb();
  if (!(await db.notificationChannel.findUnique({ where: { id: channelId }, select: { id: true } }))) throw new NotFoundError("Channel");
  const d = await db.notificationDelivery.create({ data: { channelId, event: "test", status: "pending", nextAttemptAt: now, createdAt: now } });
  return d.id;
}

/** How long a claimed delivery is someone's: past it (the sender died), it is due again. */
const LEASE_MS = 2 * 60_000;

export type DueDelivery = { id: number; channelId: number; event: "findings" | "test"; items: DeliveryItem[]; attempts: number };

const itemSchema = z.object({
  findingId: z.number().int(),
  transition: z.enum(TRANSITIONS),
  severity: z.enum(SEVERITIES),
  previousSeverity: z.enum(SEVERITIES).optional(),
});
const decodeItems = (text: string): DeliveryItem[] => {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.flatMap((i) => {
      const p = itemSchema.safeParse(i);
      return p.success ? [p.data] : [];
    }) : [];
  } catch {
    return [];
  }
};

/**
 * Takes up to `limit` deliveries due at `now` (oldest first), each by a compare-and-set on its
 * nextAttemptAt, so two senders never send the same one.
 */
export async function claimDueDeliveries(now: Date, limit = 20, only?: number[]): Promise<DueDelivery[]> {
  const db = await getDb();
  const due = await db.notificationDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, ...(only ? { id: { in: only } } : {}) },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, channelId: true, event: true, items: true, attempts: true, nextAttemptAt: true },
  });
  const claimed: DueDelivery[] = [];
  for (const d of due) {
    const { count } = await db.notificationDelivery.updateMany({
      where: { id: d.id, status: "pending", nextAttemptAt: d.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
    });
    if (count === 1) claimed.push({ id: d.id, channelId: d.channelId, event: d.event === "test" ? "test" : "findings", items: decodeItems(d.items), attempts: d.attempts });
  }
  return claimed;
}

export async function nextDeliveryDueAt(): Promise<Date | null> {
  const db = await getDb();
  const d = await db.notificationDelivery.findFirst({ where: { status: "pending" }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } });
  return d?.nextAttemptAt ?? null;
}

export type AttemptResult = { ok: boolean; answer: string; ms: number };

/**
 * Stores one try and moves the delivery on: sent, due again at `retryAt`, or failed when
 * there is no retry. The channel's health follows every attempt.
 */
export async function recordAttempt(delivery: DueDelivery, result: AttemptResult, retryAt: Date | null, now: Date, opts: { health?: boolean } = {}): Promise<void> {
  const db = await getDb();
  // Its channel was deleted while it was being sent: nothing left to record it on.
  if ((await db.notificationDelivery.count({ where: { id: delivery.id } })) === 0) return;
  const answer = clipAnswer(result.answer);
  const status: DeliveryStatus = result.ok ? "sent" : retryAt ? "pending" : "failed";
  await db.$transaction([
    db.notificationAttempt.create({ data: { deliveryId: delivery.id, at: now, ok: result.ok, answer, ms: result.ms } }),
    db.notificationDelivery.update({
      where: { id: delivery.id },
      data: {
        status,
        attempts: { increment: 1 },
        lastAttemptAt: now,
        answer,
        nextAttemptAt: status === "pending" ? retryAt : null,
        ...(result.ok ? { sentAt: now } : {}),
      },
    }),
    db.notificationChannel.updateMany({
      // Not sent at all (the channel was off, the findings gone) says nothing of the receiver.
      where: { id: opts.health === false ? -1 : delivery.channelId },
      data: result.ok
        ? { lastSuccessAt: now, failedInARow: 0, lastError: null }
        : { lastFailureAt: now, failedInARow: { increment: 1 }, lastError: answer },
    }),
  ]);
}

/** The delivery's findings as they are now, in the order of its items; deleted ones are left out. */
export async function findingsForNotice(ids: number[]): Promise<Map<number, NoticeFinding>> {
  const db = await getDb();
  const rows = await db.finding.findMany({
    where: { id: { in: ids } },
    select: { id: true, kind: true, severity: true, title: true, explanation: true, fix: true, hosts: { where: { role: "affected" }, select: { host: { select: { name: true } } }, orderBy: { hostId: "asc" } } },
  });
  const out = new Map<number, NoticeFinding>();
  for (const r of rows) {
    const kind = z.enum(FINDING_KINDS).safeParse(r.kind);
    const severity = z.enum(SEVERITIES).safeParse(r.severity);
    if (!kind.success || !severity.success) continue;
    out.set(r.id, { id: r.id, kind: kind.data, severity: severity.data, title: r.title, hosts: r.hosts.map((h) => h.host.name), explanation: r.explanation, fix: r.fix });
  }
  return out;
}

const DELIVERIES_SHOWN = 20;

/** The channel's latest deliveries, newest first, with every attempt. */
export async function listDeliveries(channelId: number, take = DELIVERIES_SHOWN): Promise<DeliveryView[]> {
  return deliveries({ channelId }, take);
}

export async function getDelivery(id: number): Promise<DeliveryView> {
  const [found] = await deliveries({ id }, 1);
  if (!found) throw new NotFoundError("Delivery");
  return found;
}

async function deliveries(where: Prisma.NotificationDeliveryWhereInput, take: number): Promise<DeliveryView[]> {
  const db = await getDb();
  const rows = await db.notificationDelivery.findMany({
    where,
    orderBy: { id: "desc" },
    take,
    include: { attemptLog: { orderBy: { id: "asc" } } },
  });
  return rows.map((d) => ({
    id: d.id,
    channelId: d.channelId,
    event: d.event === "test" ? "test" : "findings",
    status: (["pending", "sent", "failed"] as const).find((s) => s === d.status) ?? "failed",
    attempts: d.attempts,
    items: decodeItems(d.items),
    createdAt: d.createdAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: d.status === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    sentAt: d.sentAt?.toISOString() ?? null,
    answer: d.answer,
    log: d.attemptLog.map((a) => ({ at: a.at.toISOString(), ok: a.ok, answer: a.answer, ms: a.ms })),
  }));
}

/** Channels whose last FAILING_AFTER attempts failed: each raises a finding. */
export async function failingChannels(): Promise<{ id: number; name: string; type: string; failedInARow: number; lastError: string | null; lastFailureAt: Date | null; lastSuccessAt: Date | null }[]> {
  const db = await getDb();
  return db.notificationChannel.findMany({
    where: { failedInARow: { gte: FAILING_AFTER }, enabled: true },
    select: { id: true, name: true, type: true, failedInARow: true, lastError: true, lastFailureAt: true, lastSuccessAt: true },
    orderBy: { id: "asc" },
  });
}
