import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { channelConfigSchema, type ChannelConfig } from "@/lib/notify/channels";
import { channelRulesSchema, type ChannelRules } from "@/lib/notify/rules";

// A channel as the API takes it: the type's fields (lib/notify/channels.ts) side by side with
// `enabled` and `rules`, so a script writes one flat object per channel.

export type ChannelWrite = { config: ChannelConfig; enabled: boolean; rules: ChannelRules };

const enabled = z.boolean({ error: "Enabled is true or false" });

/** "rules.quietHours.end", "to": the path of the field a form shows the message under. */
function fieldErrors(error: z.ZodError, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.filter((p) => typeof p === "string");
    const keys = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...path, k].join(".")) : [path.join(".") || "body"];
    for (const k of keys) out[prefix + k] ??= issue.code === "unrecognized_keys" ? "Unknown field" : issue.message;
  }
  return out;
}

function fail(errors: Record<string, string>): never {
  throw new ValidationError(`Invalid channel: ${Object.entries(errors).map(([k, m]) => `${k}: ${m}`).join("; ")}`, errors);
}

function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) fail({ body: "Send a JSON object" });
  return { ...(body as Record<string, unknown>) };
}

function parseRules(value: unknown, base: ChannelRules | null): ChannelRules {
  if (value !== undefined && (value === null || typeof value !== "object" || Array.isArray(value))) fail({ rules: "Rules is an object" });
  const parsed = channelRulesSchema.safeParse({ ...(base ?? {}), ...((value as object | undefined) ?? {}) });
  if (!parsed.success) fail(fieldErrors(parsed.error, "rules."));
  return parsed.data;
}

function parseEnabled(value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const parsed = enabled.safeParse(value);
  if (!parsed.success) fail({ enabled: "Enabled is true or false" });
  return parsed.data;
}

function parseConfig(value: Record<string, unknown>): ChannelConfig {
  const parsed = channelConfigSchema.safeParse(value);
  if (!parsed.success) fail(fieldErrors(parsed.error));
  return parsed.data;
}

/** POST /api/notifications/channels. */
export function parseChannelCreate(body: unknown): ChannelWrite {
  const { enabled: on, rules, ...config } = objectBody(body);
  return { config: parseConfig(config), enabled: parseEnabled(on, true), rules: parseRules(rules, null) };
}

/**
 * PATCH: the fields given replace the stored ones, `null` clears an optional one (a token, the
 * SMTP login), a secret left out stays as it is. Another `type` starts the config afresh.
 */
export function parseChannelPatch(body: unknown, current: ChannelWrite): ChannelWrite {
  const { enabled: on, rules, ...patch } = objectBody(body);
  const fresh = patch.type !== undefined && patch.type !== current.config.type;
  const merged: Record<string, unknown> = fresh ? {} : { ...current.config };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  if (fresh && merged.name === undefined) merged.name = current.config.name;
  return { config: parseConfig(merged), enabled: parseEnabled(on, current.enabled), rules: parseRules(rules, current.rules) };
}
