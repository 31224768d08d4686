import { describe, expect, test } from "vitest";
import { ValidationError } from "@/lib/errors";
import { parseChannelCreate, parseChannelPatch, type ChannelWrite } from "./notifications";

function errorsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.fields ?? {};
    throw err;
  }
  throw new Error("expected a validation error");
}

describe("a channel as the API takes it", () => {
  test("flat fields, enabled and rules; defaults filled in", () => {
    const c = parseChannelCreate({ type: "webhook", name: "Home Assistant", url: "http://ha.lan:8123/api/webhook/netdiag", secret: "0123456789abcdef" });
    expect(c).toEqual({
      config: { type: "webhook", name: "Home Assistant", minSeverity: "warning", url: "http://ha.lan:8123/api/webhook/netdiag", secret: "0123456789abcdef" },
      enabled: true,
      rules: { kinds: [], hostIds: [], notifyRaised: true, notifyResolved: false, quietHours: null },
    });
  });

  test("each wrong field is named, nested ones by their path", () => {
    const fields = errorsOf(() =>
      parseChannelCreate({ type: "email", name: "Mail", host: "smtp.lan", port: 70000, security: "none", from: "netdiag@lan", to: ["nobody"], extra: 1 }),
    );
    expect(Object.keys(fields).sort()).toEqual(["extra", "from", "port", "to"]);
    expect(fields.extra).toBe("Unknown field");
    expect(errorsOf(() => parseChannelCreate({ type: "ntfy", name: "n", serverUrl: "https://ntfy.sh", topic: "t", rules: { quietHours: { start: "22:00", end: "7" } } }))).toEqual({
      "rules.quietHours.end": "End is HH:MM, 00:00 to 23:59",
    });
    expect(errorsOf(() => parseChannelCreate({ type: "pager", name: "x" }))).toHaveProperty("type");
    expect(errorsOf(() => parseChannelCreate([]))).toEqual({ body: "Send a JSON object" });
    expect(errorsOf(() => parseChannelCreate({ type: "slack", name: "s", webhookUrl: "https://hooks.slack.com/services/T/B/X", enabled: "yes" }))).toEqual({ enabled: "Enabled is true or false" });
  });
});

describe("PATCH", () => {
  const current: ChannelWrite = {
    config: { type: "ntfy", name: "Phone", minSeverity: "warning", serverUrl: "https://ntfy.sh", topic: "netdiag", token: "tk_secret" },
    enabled: true,
    rules: { kinds: [], hostIds: [], notifyRaised: true, notifyResolved: false, quietHours: { start: "22:00", end: "07:00" } },
  };

  test("given fields replace, a secret left out is kept, rules merge", () => {
    const p = parseChannelPatch({ topic: "lab", rules: { notifyResolved: true } }, current);
    expect(p.config).toMatchObject({ topic: "lab", token: "tk_secret", serverUrl: "https://ntfy.sh" });
    expect(p.rules).toMatchObject({ notifyResolved: true, quietHours: { start: "22:00", end: "07:00" } });
    expect(p.enabled).toBe(true);
  });

  test("null clears an optional field or the quiet hours", () => {
    const p = parseChannelPatch({ token: null, enabled: false, rules: { quietHours: null } }, current);
    expect(p.config).not.toHaveProperty("token");
    expect(p.enabled).toBe(false);
    expect(p.rules.quietHours).toBeNull();
  });

  test("null on a required field is an error for that field", () => {
    expect(errorsOf(() => parseChannelPatch({ topic: null }, current))).toHaveProperty("topic");
  });

  test("another type starts afresh: the old secrets do not carry over", () => {
    const p = parseChannelPatch({ type: "gotify", serverUrl: "http://gotify.lan", appToken: "AbCdEf" }, current);
    expect(p.config).toEqual({ type: "gotify", name: "Phone", minSeverity: "warning", serverUrl: "http://gotify.lan", appToken: "AbCdEf" });
    expect(errorsOf(() => parseChannelPatch({ type: "gotify" }, current))).toHaveProperty("serverUrl");
  });
});
