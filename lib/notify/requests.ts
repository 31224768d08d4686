// One request per service, in each service's documented format (the URL above each builder).
// Pure: the caller sends what comes back (and, for e-mail, hands buildMail's object to
// nodemailer); `now` and the delivery id come in so a retry can repeat a delivery exactly.
import { createHmac } from "node:crypto";
import type { Severity } from "@/lib/domain/finding";
import type { ChannelConfig, EmailChannel, HttpChannel } from "./channels";
import { escapeHtml } from "./markup";
import { renderBody, type RenderedNotice } from "./message";

export type HttpRequest = { url: string; method: "POST"; headers: Record<string, string>; body: string };
export type MailMessage = { from: string; to: string[]; subject: string; text: string; html: string };
export type DeliveryOptions = { now: Date; deliveryId: string };

// Limits, each from the service's documentation:
/** "Each message can be up to 4,096 bytes long" (https://docs.ntfy.sh/publish/#limitations); kept under it. */
export const NTFY_MESSAGE_MAX_BYTES = 4000;
/** Embed description 4096 characters, title 256 (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_DESCRIPTION_MAX_CHARS = 4096;
/**
 * Slack truncates text past 40,000 characters (https://api.slack.com/changelog/2018-04-truncating-really-long-messages),
 * Mattermost posts hold 16,383 and Rocket.Chat's default Message_MaxAllowedSize is 5,000: one
 * limit for all three, short enough to read in a channel.
 */
export const SLACK_TEXT_MAX_CHARS = 4000;
/** Gotify documents no limit (https://gotify.net/docs/pushmsg); a long message is still unread on a phone. */
export const GOTIFY_MESSAGE_MAX_CHARS = 8000;
/** Apprise passes the body on to services with limits of their own and splits or cuts it per service. */
export const APPRISE_BODY_MAX_CHARS = 4000;
/** Findings in the generic webhook's JSON; the rest are counted in "omitted". */
export const WEBHOOK_MAX_FINDINGS = 100;

const DELIVERY_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const JSON_HEADERS = { "Content-Type": "application/json", "User-Agent": "netdiag" };

/** The HTTP request that delivers a rendered notice to one channel. */
export function buildRequest(channel: HttpChannel, r: RenderedNotice, opts: DeliveryOptions): HttpRequest {
  // The id goes into a header: a caller's mistake must not become a header of its own.
  if (!DELIVERY_ID.test(opts.deliveryId)) throw new Error(`delivery id ${JSON.stringify(opts.deliveryId)} is not 1-128 of [A-Za-z0-9._:-]`);
  switch (channel.type) {
    case "webhook":
      return webhookRequest(channel, r, opts);
    case "ntfy":
      return ntfyRequest(channel, r);
    case "gotify":
      return gotifyRequest(channel, r);
    case "discord":
      return discordRequest(channel, r, opts);
    case "slack":
      return slackRequest(channel, r);
    case "apprise":
      return appriseRequest(channel, r);
  }
}

const joinPath = (base: string, path: string) => `${base.replace(/\/+$/, "")}/${path}`;
type Of<T extends ChannelConfig["type"]> = Extract<ChannelConfig, { type: T }>;

// ntfy: https://docs.ntfy.sh/publish/#publish-as-json — the whole message as JSON, POSTed to
// the server's root URL (not the topic URL). JSON rather than X-Title headers: a non-ASCII
// title in a header is sent as Latin-1 by many clients and garbled or refused.
// Priority 1-5 (https://docs.ntfy.sh/publish/#message-priority); tags from the emoji list
// (https://docs.ntfy.sh/emojis/); Bearer token (https://docs.ntfy.sh/publish/#access-tokens).
// Markdown is rendered by the web app only, so the phone gets plain text.
const NTFY_PRIORITY: Record<Severity, number> = { critical: 5, warning: 4, info: 3 };
const NTFY_TAG: Record<Severity, string> = { critical: "rotating_light", warning: "warning", info: "information_source" };

export function ntfyPriority(r: Pick<RenderedNotice, "event" | "severity" | "resolvedOnly">): number {
  return r.event === "test" ? 3 : r.resolvedOnly ? 2 : NTFY_PRIORITY[r.severity];
}

function ntfyRequest(c: Of<"ntfy">, r: RenderedNotice): HttpRequest {
  const tag = r.event === "test" ? "test_tube" : r.resolvedOnly ? "white_check_mark" : NTFY_TAG[r.severity];
  const body = {
    topic: c.topic,
    title: r.title,
    message: renderBody(r, "text", { bytes: NTFY_MESSAGE_MAX_BYTES }),
    priority: ntfyPriority(r),
    tags: [tag],
    ...(r.url ? { click: r.url } : {}),
  };
  const auth: Record<string, string> = c.token ? { Authorization: `Bearer ${c.token}` } : {};
  return { url: joinPath(c.serverUrl, ""), method: "POST", headers: { ...JSON_HEADERS, ...auth }, body: JSON.stringify(body) };
}

// Gotify: https://gotify.net/docs/pushmsg — POST /message with the app token in X-Gotify-Key
// (not ?token=, which lands in proxy logs); extras only with a JSON body
// (https://gotify.net/docs/msgextras). Gotify's notes warn that Markdown from outside text can
// load remote images; every host-reported word is escaped (markup.ts), so the only link is ours.
// Priorities (https://gotify.net/docs/priority): Android 1-3 icon only, 4-7 sound, 8-10 vibration.
const GOTIFY_PRIORITY: Record<Severity, number> = { critical: 8, warning: 5, info: 2 };

export function gotifyPriority(r: Pick<RenderedNotice, "event" | "severity" | "resolvedOnly">): number {
  return r.event === "test" ? 5 : r.resolvedOnly ? 1 : GOTIFY_PRIORITY[r.severity];
}

function gotifyRequest(c: Of<"gotify">, r: RenderedNotice): HttpRequest {
  const body = {
    title: r.title,
    message: renderBody(r, "markdown", { chars: GOTIFY_MESSAGE_MAX_CHARS }),
    priority: gotifyPriority(r),
    extras: {
      "client::display": { contentType: "text/markdown" },
      ...(r.url ? { "client::notification": { click: { url: r.url } } } : {}),
    },
  };
  return { url: joinPath(c.serverUrl, "message"), method: "POST", headers: { ...JSON_HEADERS, "X-Gotify-Key": c.appToken }, body: JSON.stringify(body) };
}

// Discord: https://discord.com/developers/docs/resources/webhook#execute-webhook — one embed
// (title, description, url, color, timestamp) and allowed_mentions { parse: [] }
// (https://discord.com/developers/docs/resources/message#allowed-mentions-object): nothing a
// host wrote can ping anyone. ?wait=true: otherwise "a message that is not saved does not
// return an error", and a delivery log would record a failure as sent.
const DISCORD_COLOR: Record<Severity, number> = { critical: 0xdc2626, warning: 0xf59e0b, info: 0x3b82f6 };
const DISCORD_RESOLVED_COLOR = 0x16a34a;

function discordRequest(c: Of<"discord">, r: RenderedNotice, opts: DeliveryOptions): HttpRequest {
  const url = new URL(c.webhookUrl);
  url.searchParams.set("wait", "true");
  const embed = {
    title: r.title,
    description: renderBody(r, "discord", { chars: DISCORD_DESCRIPTION_MAX_CHARS }),
    ...(r.url ? { url: r.url } : {}),
    color: r.resolvedOnly ? DISCORD_RESOLVED_COLOR : DISCORD_COLOR[r.severity],
    timestamp: opts.now.toISOString(),
    footer: { text: "netdiag" },
  };
  return { url: url.href, method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ embeds: [embed], allowed_mentions: { parse: [] } }) };
}

// Slack incoming webhook: https://api.slack.com/messaging/webhooks — JSON { text } in mrkdwn.
// Mattermost (https://developers.mattermost.com/integrate/webhooks/incoming/) and Rocket.Chat
// read the same `text`; no blocks, which only Slack renders. Slack has no title: it leads.
function slackRequest(c: Of<"slack">, r: RenderedNotice): HttpRequest {
  const head = `*${r.title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[*_~`]/g, "")}*\n\n`;
  const text = head + renderBody(r, "slack", { chars: SLACK_TEXT_MAX_CHARS - head.length });
  return { url: c.webhookUrl, method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ text }) };
}

// Apprise API: https://github.com/caronc/apprise-api#persistent-stateful-storage-solution —
// POST /notify/{KEY} with { body, title, type: info|success|warning|failure, tag, format }.
const APPRISE_TYPE: Record<Severity, "failure" | "warning" | "info"> = { critical: "failure", warning: "warning", info: "info" };

export function appriseType(r: Pick<RenderedNotice, "event" | "severity" | "resolvedOnly">): "info" | "success" | "warning" | "failure" {
  return r.event === "test" ? "info" : r.resolvedOnly ? "success" : APPRISE_TYPE[r.severity];
}

function appriseRequest(c: Of<"apprise">, r: RenderedNotice): HttpRequest {
  const body = {
    title: r.title,
    body: renderBody(r, "markdown", { chars: APPRISE_BODY_MAX_CHARS }),
    type: appriseType(r),
    format: "markdown",
    ...(c.tags?.length ? { tag: c.tags.join(",") } : {}),
  };
  return { url: c.url, method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) };
}

// The generic webhook. README text (copy as it is):
//
//   netdiag POSTs JSON (Content-Type: application/json) with these headers:
//     X-Netdiag-Event: findings | test
//     X-Netdiag-Delivery: <delivery id>      (the same id on a retry of the same delivery)
//     X-Netdiag-Timestamp: <Unix time in seconds when the request was built>
//     X-Netdiag-Signature: sha256=<hex>      (only when the channel has a secret)
//   <hex> is the lowercase hex HMAC-SHA256, keyed with the secret (its UTF-8 bytes), of
//     <X-Netdiag-Timestamp value> + "." + <the raw request body, byte for byte>
//   To verify: read the raw body before parsing it, recompute the HMAC, compare with a
//   constant-time comparison, refuse a timestamp more than 5 minutes from your clock, and
//   refuse a delivery id you have already accepted. The body's deliveryId and timestamp
//   equal the headers', so they are signed too.
//   Body (version 1): { version: 1, event, deliveryId, timestamp, title, severity, url,
//     findings: [{ transition: "opened"|"raised"|"resolved", previousSeverity, id, kind,
//     severity, title, hosts, explanation, fix, url }], omitted }
//   `fix` is the finding's fix text: lines of prose in which commands are CommonMark code spans.
//   `url` is null when NETDIAG_PUBLIC_URL is not set; `omitted` counts findings left out
//   past the first 100.
export const WEBHOOK_VERSION = 1;

/** "sha256=<hex>" of `${timestamp}.${body}`: what X-Netdiag-Signature carries. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

function webhookRequest(c: Of<"webhook">, r: RenderedNotice, opts: DeliveryOptions): HttpRequest {
  const timestamp = String(Math.floor(opts.now.getTime() / 1000));
  const findings = r.items.slice(0, WEBHOOK_MAX_FINDINGS).map((i) => ({
    transition: i.transition,
    previousSeverity: i.previousSeverity ?? null,
    id: i.finding.id,
    kind: i.finding.kind,
    severity: i.finding.severity,
    title: i.finding.title,
    hosts: i.finding.hosts,
    explanation: i.finding.explanation,
    fix: i.finding.fix ?? null,
    url: r.publicUrl ? `${r.publicUrl}/findings/${i.finding.id}` : null,
  }));
  const body = JSON.stringify({
    version: WEBHOOK_VERSION,
    event: r.event,
    deliveryId: opts.deliveryId,
    timestamp: Number(timestamp),
    title: r.title,
    severity: r.severity,
    url: r.url,
    findings,
    omitted: r.items.length - findings.length,
  });
  const headers: Record<string, string> = {
    ...JSON_HEADERS,
    "X-Netdiag-Event": r.event,
    "X-Netdiag-Delivery": opts.deliveryId,
    "X-Netdiag-Timestamp": timestamp,
    ...(c.secret ? { "X-Netdiag-Signature": webhookSignature(c.secret, timestamp, body) } : {}),
  };
  return { url: c.url, method: "POST", headers, body };
}

/** The message for nodemailer's sendMail: plain text and HTML from the same notice. */
export function buildMail(channel: EmailChannel, r: RenderedNotice): MailMessage {
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;font-size:14px;color:#18181b">` +
    `<h2 style="font-size:16px">${escapeHtml(r.title)}</h2>\n${r.html}</body></html>`;
  // The title is one line already; a subject must never carry a line break (header injection).
  return { from: channel.from, to: [...channel.to], subject: `[netdiag] ${r.title}`.replace(/[\r\n]/g, " "), text: r.text, html };
}
