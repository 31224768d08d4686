// Pure: the channel form's raw strings to the API body, with the checks worth doing before a
// round trip; everything else is the server's to say (lib/notify/channels.ts), per field.
import type { ChannelBody } from "@/lib/api-client";
import { FINDING_KINDS, type FindingKind } from "@/lib/domain/finding";
import type { ChannelType } from "@/lib/notify/channels";

export type FieldKind = "url" | "text" | "secret" | "secret-url" | "port" | "security" | "list" | "lines";
export type FieldSpec = { key: string; label: string; kind: FieldKind; required: boolean; hint?: string; placeholder?: string };

export const TYPE_LABEL: Record<ChannelType, string> = {
  webhook: "Webhook (JSON, signed)",
  ntfy: "ntfy",
  gotify: "Gotify",
  discord: "Discord",
  slack: "Slack, Mattermost, Rocket.Chat",
  apprise: "Apprise API",
  email: "E-mail (SMTP)",
};

export const TYPE_FIELDS: Record<ChannelType, FieldSpec[]> = {
  webhook: [
    { key: "url", label: "URL", kind: "url", required: true, placeholder: "https://example.lan/hooks/netdiag" },
    { key: "secret", label: "Signing secret", kind: "secret", required: false, hint: "At least 16 characters. Each request is signed with it (X-Netdiag-Signature, HMAC-SHA256)." },
  ],
  ntfy: [
    { key: "serverUrl", label: "Server URL", kind: "url", required: true, placeholder: "https://ntfy.sh" },
    { key: "topic", label: "Topic", kind: "text", required: true, placeholder: "homelab-alerts" },
    { key: "token", label: "Access token", kind: "secret", required: false, hint: "Only for a topic that needs one." },
  ],
  gotify: [
    { key: "serverUrl", label: "Server URL", kind: "url", required: true, placeholder: "https://gotify.example.lan" },
    { key: "appToken", label: "Application token", kind: "secret", required: true },
  ],
  discord: [{ key: "webhookUrl", label: "Webhook URL", kind: "secret-url", required: true, placeholder: "https://discord.com/api/webhooks/…" }],
  slack: [{ key: "webhookUrl", label: "Webhook URL", kind: "secret-url", required: true, hint: "An incoming webhook of Slack, Mattermost or Rocket.Chat." }],
  apprise: [
    { key: "url", label: "Apprise URL", kind: "secret-url", required: true, placeholder: "http://apprise:8000/notify/netdiag" },
    { key: "tags", label: "Tags", kind: "list", required: false, hint: "Comma-separated; only Apprise URLs with one of these tags are notified." },
  ],
  email: [
    { key: "host", label: "SMTP host", kind: "text", required: true, placeholder: "smtp.example.com" },
    { key: "port", label: "Port", kind: "port", required: true, hint: "587 for STARTTLS, 465 for TLS, 25 for a local relay." },
    { key: "security", label: "Security", kind: "security", required: true },
    { key: "username", label: "Username", kind: "text", required: false },
    { key: "password", label: "Password", kind: "secret", required: false },
    { key: "from", label: "From", kind: "text", required: true, placeholder: "netdiag@example.com" },
    { key: "to", label: "To", kind: "lines", required: true, hint: "One address per line, or separated by commas." },
  ],
};

const isSecret = (f: FieldSpec) => f.kind === "secret" || f.kind === "secret-url";

/** What the form reads: FormData's get and getAll, as strings. */
export type FormReader = { get: (name: string) => string; all: (name: string) => string[] };
export type FormMode = { kind: "create" } | { kind: "edit"; secretsSet: string[] };
/** Keyed like the API's `fields`: "url", "to", "rules.quietHours.end". */
export type FieldErrors = Record<string, string>;

const isKind = (k: string): k is FindingKind => (FINDING_KINDS as readonly string[]).includes(k);
const splitList = (v: string) => v.split(/[\s,;]+/).filter(Boolean);

function fieldValue(f: FieldSpec, raw: string, errors: FieldErrors): unknown {
  if (f.kind === "port") {
    const port = Number(raw);
    if (!/^\d+$/.test(raw) || port < 1 || port > 65535) errors[f.key] = "Port is 1 to 65535";
    return port;
  }
  if (f.kind === "list" || f.kind === "lines") return splitList(raw);
  return raw;
}

function readFields(type: ChannelType, form: FormReader, mode: FormMode, errors: FieldErrors): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of TYPE_FIELDS[type]) {
    const raw = isSecret(f) ? form.get(f.key) : form.get(f.key).trim();
    const stored = mode.kind === "edit" && mode.secretsSet.includes(f.key);
    if (raw === "") {
      // A secret left empty keeps the stored one unless its "remove" box is ticked.
      if (isSecret(f) && stored) {
        if (form.get(`clear-${f.key}`) === "on") out[f.key] = null;
      } else if (f.required) errors[f.key] = `${f.label} is required`;
      else if (mode.kind === "edit") out[f.key] = null;
      continue;
    }
    out[f.key] = fieldValue(f, raw, errors);
  }
  return out;
}

function readQuietHours(form: FormReader, errors: FieldErrors): { start: string; end: string } | null {
  const start = form.get("quietStart").trim();
  const end = form.get("quietEnd").trim();
  if (!start && !end) return null;
  if (!start) errors["rules.quietHours.start"] = "Give both start and end, or neither";
  if (!end) errors["rules.quietHours.end"] = "Give both start and end, or neither";
  return { start, end };
}

export function readChannelForm(type: ChannelType, form: FormReader, mode: FormMode): { body: ChannelBody; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = form.get("name").trim();
  if (!name) errors.name = "Name is required";
  const rules = {
    kinds: form.all("kinds").filter(isKind),
    hostIds: form.all("hostIds").map(Number),
    // An unticked checkbox is absent from FormData.
    notifyRaised: form.get("notifyRaised") === "on",
    notifyResolved: form.get("notifyResolved") === "on",
    quietHours: readQuietHours(form, errors),
  };
  const fields = readFields(type, form, mode, errors);
  const created = mode.kind === "create" ? { type, enabled: form.get("enabled") === "on" } : {};
  const body: ChannelBody = { ...created, name, minSeverity: form.get("minSeverity") || "warning", ...fields, rules };
  return { body, errors };
}

/** The form controls' order, to focus the first one with a problem. */
export function errorKeysInOrder(type: ChannelType): string[] {
  return ["name", ...TYPE_FIELDS[type].map((f) => f.key), "minSeverity", "rules.kinds", "rules.hostIds", "rules.quietHours.start", "rules.quietHours.end"];
}

/** DOM id of the control an error key belongs to, unique per form. */
export const fieldId = (formId: string, key: string) => `${formId}-${key.replace(/\./g, "-")}`;
