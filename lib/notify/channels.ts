// Where notifications go: one config per channel type, checked by zod before it is stored
// and again when read. Secrets (tokens, passwords, and the webhook URLs that are themselves
// the credential) are named by secretFields so the caller encrypts them and never sends
// them back to the browser.
import { z } from "zod";
import { SEVERITIES, type Severity } from "@/lib/domain/finding";
import type { Notice } from "./message";

export const CHANNEL_TYPES = ["webhook", "ntfy", "gotify", "discord", "slack", "apprise", "email"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const URL_MAX_CHARS = 2048;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._()-]{0,63}$/u;
// Tokens travel in HTTP headers: visible ASCII only, so none can add a header of its own.
const HEADER_TOKEN = /^[\x21-\x7e]+$/;
const HOSTNAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/;
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[?[0-9A-Fa-f:.]+\]?)$/;

type UrlRule = (u: URL) => string | null;

/**
 * An http(s) URL without a user name or password: Node's fetch refuses to send to such a URL
 * ("Request cannot be constructed from a URL that includes credentials"), and every type that
 * needs a credential has a field for it.
 */
function httpUrl(label: string, rule: UrlRule = () => null) {
  return z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, `${label} is required`)
    .max(URL_MAX_CHARS, `${label} is at most ${URL_MAX_CHARS} characters`)
    .superRefine((v, ctx) => {
      let u: URL;
      try {
        u = new URL(v);
      } catch {
        ctx.addIssue({ code: "custom", message: `${label} is not a URL` });
        return;
      }
      const problem =
        u.protocol !== "http:" && u.protocol !== "https:"
          ? `${label} must start with http:// or https://`
          : u.username || u.password
            ? `${label} must not hold a user name or password`
            : rule(u);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

const headerToken = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, `${label} is required`)
    .max(512, `${label} is at most 512 characters`)
    .regex(HEADER_TOKEN, `${label} has spaces or characters a token does not have`);

const email = (label: string) => z.email({ error: `${label} is not an e-mail address` }).max(254, `${label} is at most 254 characters`);

const common = {
  name: z
    .string({ error: "Name must be text" })
    .trim()
    .min(1, "Name is required")
    .regex(NAME, "Use letters, digits, spaces and . _ ( ) - (at most 64)"),
  /** Findings below this severity are not sent to the channel. */
  minSeverity: z.enum(SEVERITIES, { error: `Minimum severity is one of ${SEVERITIES.join(", ")}` }).default("warning"),
};

const webhook = z.strictObject({
  type: z.literal("webhook"),
  ...common,
  url: httpUrl("URL"),
  /** Signs each delivery (X-Netdiag-Signature); without it deliveries are unsigned. */
  secret: z
    .string({ error: "Secret must be text" })
    .min(16, "Use a secret of at least 16 characters")
    .max(256, "Secret is at most 256 characters")
    .regex(/^[^\u0000-\u001f\u007f]+$/, "Secret has control characters")
    .optional(),
});

// ntfy's own topic rule, server/server.go: topicRegex = ^[-_A-Za-z0-9]{1,64}$
const ntfy = z.strictObject({
  type: z.literal("ntfy"),
  ...common,
  serverUrl: httpUrl("Server URL", (u) => (u.search || u.hash ? "Server URL is the server's address, without ? or #" : null)),
  topic: z
    .string({ error: "Topic must be text" })
    .trim()
    .regex(/^[-_A-Za-z0-9]{1,64}$/, "Topic is 1 to 64 letters, digits, - or _"),
  token: headerToken("Access token").optional(),
});

const gotify = z.strictObject({
  type: z.literal("gotify"),
  ...common,
  serverUrl: httpUrl("Server URL", (u) => (u.search || u.hash ? "Server URL is the server's address, without ? or #" : null)),
  appToken: headerToken("Application token"),
});

// https://discord.com/developers/docs/resources/webhook#execute-webhook: POST /webhooks/{id}/{token}
const discord = z.strictObject({
  type: z.literal("discord"),
  ...common,
  webhookUrl: httpUrl("Webhook URL", (u) =>
    /^\/api(\/v\d+)?\/webhooks\/\d+\/[\w-]+\/?$/.test(u.pathname) ? null : "Webhook URL is the one Discord shows: …/api/webhooks/<id>/<token>",
  ),
});

const slack = z.strictObject({
  type: z.literal("slack"),
  ...common,
  webhookUrl: httpUrl("Webhook URL"),
});

// https://github.com/caronc/apprise-api#persistent-stateful-storage-solution: POST /notify/{KEY}
const apprise = z.strictObject({
  type: z.literal("apprise"),
  ...common,
  url: httpUrl("Apprise URL", (u) => (/\/notify\/[\w-]{1,128}\/?$/.test(u.pathname) ? null : "Apprise URL ends in /notify/<key>, e.g. http://apprise:8000/notify/netdiag")),
  /** Only the Apprise URLs with one of these tags (sent comma-separated: Apprise reads "," as OR). */
  tags: z
    .array(z.string({ error: "A tag must be text" }).regex(/^[\w.-]{1,64}$/, "A tag is 1 to 64 letters, digits, . _ or -"), { error: "Tags must be a list" })
    .max(20, "At most 20 tags")
    .optional(),
});

const emailChannel = z
  .strictObject({
    type: z.literal("email"),
    ...common,
    host: z
      .string({ error: "SMTP host must be text" })
      .trim()
      .refine((h) => HOSTNAME.test(h) || IP_LITERAL.test(h), "SMTP host is a host name or an IP address"),
    port: z.number({ error: "Port must be a number" }).int("Port must be a whole number").min(1, "Port is 1 to 65535").max(65535, "Port is 1 to 65535"),
    /** "tls": TLS from the first byte (usually 465); "starttls": upgrade required (usually 587); "none": plain (a local relay). */
    security: z.enum(["starttls", "tls", "none"], { error: "Security is one of starttls, tls, none" }),
    username: z.string({ error: "Username must be text" }).trim().min(1, "Username is empty").max(256, "Username is at most 256 characters").optional(),
    password: z.string({ error: "Password must be text" }).min(1, "Password is empty").max(1024, "Password is too long").optional(),
    from: email("From"),
    to: z.array(email("Each recipient"), { error: "To must be a list" }).min(1, "Add at least one recipient").max(20, "At most 20 recipients"),
  })
  .superRefine((c, ctx) => {
    if (c.username !== undefined && c.password === undefined) ctx.addIssue({ code: "custom", path: ["password"], message: "A username needs its password" });
    if (c.password !== undefined && c.username === undefined) ctx.addIssue({ code: "custom", path: ["username"], message: "A password needs its username" });
    if (c.password !== undefined && c.security === "none") ctx.addIssue({ code: "custom", path: ["security"], message: "Use STARTTLS or TLS to send a password" });
  });

export const channelConfigSchema = z.discriminatedUnion("type", [webhook, ntfy, gotify, discord, slack, apprise, emailChannel], {
  error: `Type is one of ${CHANNEL_TYPES.join(", ")}`,
});

/** A checked channel config (defaults applied). */
export type ChannelConfig = z.infer<typeof channelConfigSchema>;
/** What a form may send (minSeverity optional). */
export type ChannelConfigInput = z.input<typeof channelConfigSchema>;
export type EmailChannel = Extract<ChannelConfig, { type: "email" }>;
export type HttpChannel = Exclude<ChannelConfig, { type: "email" }>;

type SecretKey<T extends ChannelType> = keyof Extract<ChannelConfig, { type: T }>;

// Discord's and Slack's webhook URLs carry their token in the path, and an Apprise key is all
// it takes to notify everything configured under it: whoever reads them can post as netdiag.
const SECRETS: { [T in ChannelType]: readonly SecretKey<T>[] } = {
  webhook: ["secret"],
  ntfy: ["token"],
  gotify: ["appToken"],
  discord: ["webhookUrl"],
  slack: ["webhookUrl"],
  apprise: ["url"],
  email: ["password"],
};

/** The fields of a type to store encrypted and never send to the browser. */
export function secretFields<T extends ChannelType>(type: T): readonly SecretKey<T>[] {
  return SECRETS[type];
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** The part of a notice a channel takes: findings at or above its minimum; null when none is. */
export function noticeFor(channel: Pick<ChannelConfig, "minSeverity">, notice: Notice): Notice | null {
  if (notice.event === "test") return notice;
  const items = notice.items.filter((i) => RANK[i.finding.severity] <= RANK[channel.minSeverity]);
  return items.length ? { ...notice, items } : null;
}
