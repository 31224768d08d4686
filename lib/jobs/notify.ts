import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { singleton } from "@/lib/singleton";
import type { DetectedFinding } from "@/lib/domain/finding";
import type { ChannelConfig } from "@/lib/notify/channels";
import { renderNotice, testNotice, type Notice, type NoticeItem } from "@/lib/notify/message";
import { buildMail, buildRequest } from "@/lib/notify/requests";
import { nextRetryAt } from "@/lib/notify/rules";
import { syncFindings } from "@/lib/queries/findings";
import { heldJobTerms, hold, queueRunning, sendOnce, wakeHolder } from "@/lib/jobs/boss";
import {
  claimDueDeliveries,
  failingChannels,
  findingsForNotice,
  loadChannel,
  nextDeliveryDueAt,
  queueTestDelivery,
  recordAttempt,
  type AttemptResult,
  type ChannelRecord,
  type DueDelivery,
} from "@/lib/queries/notifications";

// Sends what lib/queries/notifications.ts queued. The findings sync queues deliveries in its own
// transaction and pokes this; a timer covers retries and quiet hours. One pass at a time per
// process; a delivery is claimed by compare-and-set before it is sent, so a second process
// cannot send it twice. Nothing here runs inside a collection: a slow or dead receiver
// delays only its own messages.
//
// On PostgreSQL a pass is a pg-boss job (queue "notify") that the web servers take, whichever
// process poked it (a site's collector raises findings too); the timer is a job that starts at
// the next delivery's time. A pass whose process died is offered again a lease later, and its
// claimed deliveries are due again when their claim lapses.

export const NOTIFICATIONS_SCOPE = "notifications";
const SEND_TIMEOUT_MS = 10_000;
const ANSWER_BODY_CHARS = 200;

type State = { running: Promise<number> | null; again: boolean; timer?: NodeJS.Timeout; started: boolean; channelSync: Promise<void> };
const state = singleton<State>("notifier", () => ({ running: null, again: false, started: false, channelSync: Promise.resolve() }));

async function sendHttp(channel: Exclude<ChannelConfig, { type: "email" }>, notice: Notice, deliveryId: number, now: Date): Promise<AttemptResult> {
  const req = buildRequest(channel, renderNotice(notice), { now, deliveryId: `netdiag-${deliveryId}` });
  const started = Date.now();
  try {
    // Not followed: a webhook that answers with a redirect is misconfigured, and following it
    // would send the (possibly signed) body somewhere the user never typed.
    const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body, redirect: "manual", signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
    const text = (await res.text().catch(() => "")).replace(/\s+/g, " ").trim();
    const ok = res.status >= 200 && res.status < 300;
    const where = res.status >= 300 && res.status < 400 ? ` (redirect to ${res.headers.get("location") ?? "?"}; netdiag does not follow redirects: use the final URL)` : "";
    return { ok, answer: `HTTP ${res.status}${where}${text && !ok ? `: ${text.slice(0, ANSWER_BODY_CHARS)}` : ""}`, ms: Date.now() - started };
  } catch (err) {
    return { ok: false, answer: describeError(err), ms: Date.now() - started };
  }
}

async function sendMail(channel: Extract<ChannelConfig, { type: "email" }>, notice: Notice): Promise<AttemptResult> {
  const mail = buildMail(channel, renderNotice(notice));
  const started = Date.now();
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.security === "tls",
    requireTLS: channel.security === "starttls",
    ignoreTLS: channel.security === "none",
    ...(channel.username && channel.password ? { auth: { user: channel.username, pass: channel.password } } : {}),
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
    // nodemailer would otherwise log the SMTP dialogue, AUTH included, when debug is on.
    logger: false,
    debug: false,
  });
  try {
    const info = await transport.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    return { ok: true, answer: String(info.response ?? "sent"), ms: Date.now() - started };
  } catch (err) {
    return { ok: false, answer: describeError(err), ms: Date.now() - started };
  } finally {
    transport.close();
  }
}

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return "failed";
  if (err.name === "TimeoutError" || err.name === "AbortError") return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
  // fetch hides the reason (ECONNREFUSED, ENOTFOUND, a TLS error) in `cause`.
  const cause = (err as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? cause.message : "";
  return detail && !err.message.includes(detail) ? `${err.message}: ${detail}` : err.message;
}

async function noticeOf(d: DueDelivery): Promise<Notice | null> {
  const publicUrl = env().publicUrl;
  if (d.event === "test") return testNotice(publicUrl);
  const findings = await findingsForNotice(d.items.map((i) => i.findingId));
  const items: NoticeItem[] = d.items.flatMap((i) => {
    const f = findings.get(i.findingId);
    if (!f) return [];
    // The severity it had when the transition happened: a later change is the next message's.
    return [{ transition: i.transition, finding: { ...f, severity: i.severity }, ...(i.previousSeverity ? { previousSeverity: i.previousSeverity } : {}) }];
  });
  return items.length ? { event: "findings", items, publicUrl } : null;
}

async function deliver(d: DueDelivery, now: Date): Promise<void> {
  let channel: ChannelRecord;
  try {
    channel = await loadChannel(d.channelId);
  } catch (err) {
    // A secret that no longer decrypts (the key changed) will not decrypt on a retry either.
    await recordAttempt(d, { ok: false, answer: `The channel cannot be read: ${describeError(err)}`, ms: 0 }, null, now);
    return;
  }
  if (!channel.enabled && d.event !== "test") {
    await recordAttempt(d, { ok: false, answer: "Not sent: the channel was turned off", ms: 0 }, null, now, { health: false });
    return;
  }
  const notice = await noticeOf(d);
  if (!notice) {
    await recordAttempt(d, { ok: false, answer: "Not sent: its findings were deleted", ms: 0 }, null, now, { health: false });
    return;
  }
  // Signed with the time it is really sent (`now` only chose what was due): a receiver refuses
  // a timestamp far from its own clock.
  const result = channel.config.type === "email" ? await sendMail(channel.config, notice) : await sendHttp(channel.config, notice, d.id, new Date());
  // A test is the user watching the page: one try, the answer shown at once.
  const retryAt = result.ok || d.event === "test" ? null : nextRetryAt(d.attempts + 1, new Date());
  await recordAttempt(d, result, retryAt, new Date());
}

/**
 * Each channel that keeps failing is a finding (scope "notifications"), resolved by its next
 * success, or when it is turned off or deleted. One at a time: a pass that read the failing
 * channels before a delete must not write its list after the delete's own sync resolved it.
 */
export function syncChannelFindings(now?: Date): Promise<void> {
  const next = state.channelSync.then(() => syncChannelFindingsNow(now ?? new Date()));
  state.channelSync = next.catch(() => undefined);
  return next;
}

async function syncChannelFindingsNow(now: Date): Promise<void> {
  const detected: DetectedFinding[] = (await failingChannels()).map((c) => ({
    kind: "notification-failing",
    severity: "warning",
    key: `notification-failing:${c.id}`,
    hostIds: [],
    subject: { type: "channel", id: String(c.id), label: `channel ${c.name}` },
    title: `Notifications to “${c.name}” are not getting through`,
    explanation:
      `The last ${c.failedInARow} attempts to send to the ${c.type} channel “${c.name}” failed` +
      `${c.lastError ? `; the last answer was: ${c.lastError}` : ""}. New findings are not reaching you there.`,
    fix: "Open Settings → Notifications, check the channel's address and credentials, and press Send test. A success resolves this.",
    evidence: [
      {
        hostId: null,
        hostName: null,
        at: (c.lastFailureAt ?? now).toISOString(),
        source: "notification channel",
        fields: { channel: c.name, type: c.type, "last answer": c.lastError, "last success": c.lastSuccessAt?.toISOString() ?? null },
        proves: true,
      },
    ],
  }));
  const summary = await syncFindings(NOTIFICATIONS_SCOPE, detected, now);
  if (summary.notices > 0) kickNotifications();
}

/**
 * Sends every delivery due at `now` (or only `only`); returns how many were tried. Tests pass a
 * later `now` to reach retries without waiting for the backoff.
 */
export async function deliverDue(now = new Date(), only?: number[]): Promise<number> {
  let tried = 0;
  for (;;) {
    const batch = await claimDueDeliveries(now, 20, only);
    if (batch.length === 0) break;
    // A few at once: one slow receiver must not hold up the others' messages.
    await Promise.all(batch.map((d) => deliver(d, now).catch((err: unknown) => console.error(`netdiag: notification ${d.id} failed:`, describeError(err)))));
    tried += batch.length;
  }
  if (tried > 0) await syncChannelFindings(new Date()).catch((err: unknown) => console.error("netdiag: notification findings:", describeError(err)));
  return tried;
}

async function arm(): Promise<void> {
  clearTimeout(state.timer);
  const next = await nextDeliveryDueAt().catch(() => null);
  if (!next) return;
  // At least a second apart (a claimed delivery's lease in the past must not spin), at most an hour.
  const wait = Math.min(Math.max(next.getTime() - Date.now(), 1000), 60 * 60_000);
  state.timer = setTimeout(kickNotifications, wait);
  state.timer.unref();
}

const NOTIFY = "notify";

function queuePass(key: string, startAfter?: Date): void {
  void sendOnce(NOTIFY, key, { ...heldJobTerms(), ...(startAfter ? { startAfter } : {}) })
    .then(() => wakeHolder(NOTIFY))
    .catch((err: unknown) => console.error("netdiag: queueing notifications:", describeError(err)));
}

/** A pass as a job: what is due is sent, then the next delivery's time becomes a job of its own. */
async function passJob(): Promise<void> {
  await deliverDue();
  const next = await nextDeliveryDueAt();
  // At least a second ahead: a claimed delivery's lease in the past must not spin.
  if (next) queuePass(`due:${next.toISOString()}`, new Date(Math.max(next.getTime(), Date.now() + 1000)));
}

/** Something was queued (or is due): send it soon, without waiting for the caller. */
export function kickNotifications(): void {
  if (queueRunning()) return queuePass("now");
  if (state.running) {
    state.again = true;
    return;
  }
  const run = deliverDue()
    .catch((err: unknown) => {
      console.error("netdiag: sending notifications:", describeError(err));
      return 0;
    })
    .finally(() => {
      state.running = null;
      if (state.again) {
        state.again = false;
        kickNotifications();
      } else void arm();
    });
  state.running = run;
}

/** What has been queued so far is sent (or has had its try). For tests and the Send test answer. */
export async function notificationsSettled(): Promise<void> {
  while (state.running) await state.running;
}

/** At server start: deliveries left pending by a stopped server are due again. */
export async function startNotifier(): Promise<void> {
  if (state.started) return;
  state.started = true;
  if (queueRunning()) await hold(NOTIFY, { capacity: 1, pollSeconds: 5 }, passJob);
  kickNotifications();
}

/** The Send test button: one message now, its answer returned. */
export async function sendTest(channelId: number): Promise<number> {
  const now = new Date();
  const id = await queueTestDelivery(channelId, now);
  await deliverDue(now, [id]);
  return id;
}

/** syncFindings, then the notifications it queued are sent (not awaited: nothing waits on a receiver). */
export async function syncFindingsAndNotify(...args: Parameters<typeof syncFindings>): ReturnType<typeof syncFindings> {
  const summary = await syncFindings(...args);
  if (summary.notices > 0) kickNotifications();
  return summary;
}
