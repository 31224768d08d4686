import { describe, expect, test } from "vitest";
import { CHANNEL_TYPES, channelConfigSchema, noticeFor, secretFields, type ChannelConfigInput } from "./channels";
import type { NoticeItem } from "./message";

const VALID: ChannelConfigInput[] = [
  { type: "webhook", name: "Home Assistant", url: "http://ha.lan:8123/api/webhook/netdiag", secret: "0123456789abcdef" },
  { type: "webhook", name: "Unsigned", url: "https://hooks.example/x" },
  { type: "ntfy", name: "Phone", serverUrl: "https://ntfy.sh", topic: "netdiag_alerts-1", token: "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2" },
  { type: "ntfy", name: "Self-hosted (sub path)", serverUrl: "https://home.lan/ntfy/", topic: "lab" },
  { type: "gotify", name: "Gotify", serverUrl: "https://push.example.de", appToken: "AbCdEf.123-_" },
  { type: "discord", name: "Discord", webhookUrl: "https://discord.com/api/webhooks/123456789012345678/aBc-DeF_123" },
  { type: "discord", name: "Discord v10", webhookUrl: "https://discord.com/api/v10/webhooks/1/x" },
  { type: "slack", name: "Mattermost", webhookUrl: "https://chat.lan/hooks/xxx-generatedkey-xxx" },
  { type: "apprise", name: "Apprise", url: "http://apprise:8000/notify/netdiag", tags: ["devops", "admin"] },
  { type: "email", name: "Mail", host: "smtp.example.com", port: 587, security: "starttls", username: "u", password: "p", from: "netdiag@example.com", to: ["me@example.com"] },
  { type: "email", name: "Local relay", host: "192.168.1.2", port: 25, security: "none", from: "netdiag@lan.example", to: ["a@lan.example", "b@lan.example"] },
];

describe("valid configs", () => {
  test.each(VALID.map((c) => [c.name, c] as const))("%s", (_name, config) => {
    const parsed = channelConfigSchema.parse(config);
    expect(parsed.type).toBe(config.type);
    expect(parsed.minSeverity).toBe("warning");
  });

  test("every type has a valid example", () => {
    expect(new Set(VALID.map((c) => c.type))).toEqual(new Set(CHANNEL_TYPES));
  });

  test("names and URLs are trimmed; a minimum severity is kept", () => {
    const parsed = channelConfigSchema.parse({ type: "slack", name: "  Team  ", webhookUrl: " https://hooks.slack.com/services/T/B/X ", minSeverity: "info" });
    expect(parsed).toEqual({ type: "slack", name: "Team", webhookUrl: "https://hooks.slack.com/services/T/B/X", minSeverity: "info" });
  });
});

/** The first problem per field, by its path (what a form shows next to the field). */
function problems(config: unknown): Record<string, string> {
  const r = channelConfigSchema.safeParse(config);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.code === "unrecognized_keys" ? issue.keys.join(",") : issue.path.join(".");
    out[key] ??= issue.message;
  }
  return out;
}

describe("bad configs are refused with the field's path", () => {
  test.each([
    [{ type: "pager", name: "x" }, "type", /Type is one of webhook, ntfy/],
    [{ type: "ntfy", name: "x", serverUrl: "ftp://ntfy.sh", topic: "t" }, "serverUrl", /http:\/\/ or https:\/\//],
    [{ type: "ntfy", name: "x", serverUrl: "https://u:p@ntfy.sh", topic: "t" }, "serverUrl", /user name or password/],
    [{ type: "ntfy", name: "x", serverUrl: "https://ntfy.sh", topic: "has/slash" }, "topic", /1 to 64 letters/],
    [{ type: "ntfy", name: "x", serverUrl: "https://ntfy.sh", topic: "t".repeat(65) }, "topic", /1 to 64/],
    [{ type: "ntfy", name: "x", serverUrl: "https://ntfy.sh?x=1", topic: "t" }, "serverUrl", /without \? or #/],
    [{ type: "ntfy", name: "x", serverUrl: "https://ntfy.sh", topic: "t", token: "tk_1\r\nX-Evil: 1" }, "token", /characters a token does not have/],
    [{ type: "gotify", name: "x", serverUrl: "https://push.example.de" }, "appToken", /./],
    [{ type: "gotify", name: "x", serverUrl: `https://push.example.de/${"a".repeat(2100)}`, appToken: "t" }, "serverUrl", /at most 2048/],
    [{ type: "discord", name: "x", webhookUrl: "https://discord.com/channels/1/2" }, "webhookUrl", /api\/webhooks/],
    [{ type: "discord", name: "x", webhookUrl: "javascript:alert(1)" }, "webhookUrl", /http/],
    [{ type: "slack", name: "x", webhookUrl: "not a url" }, "webhookUrl", /not a URL/],
    [{ type: "apprise", name: "x", url: "http://apprise:8000/notify" }, "url", /\/notify\/<key>/],
    [{ type: "apprise", name: "x", url: "http://apprise:8000/notify/k", tags: ["a b"] }, "tags.0", /A tag is/],
    [{ type: "webhook", name: "x", url: "https://h.example", secret: "short" }, "secret", /at least 16/],
    [{ type: "webhook", name: "", url: "https://h.example" }, "name", /Name is required/],
    [{ type: "webhook", name: "<script>", url: "https://h.example" }, "name", /Use letters/],
    [{ type: "webhook", name: "x", url: "https://h.example", minSeverity: "high" }, "minSeverity", /one of critical, warning, info/],
    [{ type: "webhook", name: "x", url: "https://h.example", extra: 1 }, "extra", /./],
  ])("%j -> %s", (config, path, message) => {
    const p = problems(config);
    expect(Object.keys(p)).toContain(path);
    expect(p[path]).toMatch(message);
  });

  const mail = { type: "email", name: "m", host: "smtp.example.com", port: 587, security: "starttls", from: "n@example.com", to: ["me@example.com"] };
  test.each([
    [{ ...mail, host: "smtp example.com" }, "host", /host name or an IP/],
    [{ ...mail, port: 0 }, "port", /1 to 65535/],
    [{ ...mail, port: 25.5 }, "port", /whole number/],
    [{ ...mail, security: "ssl" }, "security", /starttls, tls, none/],
    [{ ...mail, from: "not-an-address" }, "from", /not an e-mail address/],
    [{ ...mail, to: [] }, "to", /at least one/],
    [{ ...mail, to: ["me@example.com", "bad"] }, "to.1", /not an e-mail address/],
    [{ ...mail, from: "a@example.com\r\nBcc: x@evil.example" }, "from", /not an e-mail address/],
    [{ ...mail, username: "u" }, "password", /needs its password/],
    [{ ...mail, password: "p" }, "username", /needs its username/],
    [{ ...mail, security: "none", username: "u", password: "p" }, "security", /STARTTLS or TLS/],
  ])("e-mail %j -> %s", (config, path, message) => {
    const p = problems(config);
    expect(Object.keys(p)).toContain(path);
    expect(p[path]).toMatch(message);
  });
});

describe("secrets", () => {
  test.each([
    ["webhook", ["secret"]],
    ["ntfy", ["token"]],
    ["gotify", ["appToken"]],
    ["discord", ["webhookUrl"]],
    ["slack", ["webhookUrl"]],
    ["apprise", ["url"]],
    ["email", ["password"]],
  ] as const)("%s: %j", (type, fields) => {
    expect(secretFields(type)).toEqual(fields);
  });

  test("every secret field is a field of its type's config", () => {
    for (const c of VALID) {
      const parsed = channelConfigSchema.parse(c);
      const keys = new Set(Object.keys(channelConfigSchema.options.find((o) => o.shape.type.value === parsed.type)?.shape ?? {}));
      for (const f of secretFields(parsed.type)) expect(keys.has(String(f))).toBe(true);
    }
  });
});

describe("a channel takes the findings at or above its minimum severity", () => {
  const at = (id: number, severity: "critical" | "warning" | "info", transition: NoticeItem["transition"] = "opened"): NoticeItem => ({
    transition,
    finding: { id, kind: "link-speed", severity, title: "t", hosts: [], explanation: "e" },
  });
  const notice = { event: "findings" as const, publicUrl: null, items: [at(1, "critical"), at(2, "warning"), at(3, "info"), at(4, "critical", "resolved")] };

  test.each([
    ["critical", [1, 4]],
    ["warning", [1, 2, 4]],
    ["info", [1, 2, 3, 4]],
  ] as const)("%s", (minSeverity, ids) => {
    expect(noticeFor({ minSeverity }, notice)?.items.map((i) => i.finding.id)).toEqual(ids);
  });

  test("nothing left: null; the test message always goes", () => {
    expect(noticeFor({ minSeverity: "critical" }, { ...notice, items: [at(3, "info")] })).toBeNull();
    expect(noticeFor({ minSeverity: "critical" }, { event: "test", publicUrl: null, items: [] })).not.toBeNull();
  });
});
