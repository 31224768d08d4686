import { createHmac, timingSafeEqual } from "node:crypto";
import { describe, expect, test } from "vitest";
import { channelConfigSchema, type ChannelConfigInput, type EmailChannel, type HttpChannel } from "./channels";
import { renderNotice, testNotice, type NoticeItem } from "./message";
import {
  DISCORD_DESCRIPTION_MAX_CHARS,
  NTFY_MESSAGE_MAX_BYTES,
  SLACK_TEXT_MAX_CHARS,
  WEBHOOK_MAX_FINDINGS,
  appriseType,
  buildMail,
  buildRequest,
  gotifyPriority,
  ntfyPriority,
  webhookSignature,
} from "./requests";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const OPTS = { now: NOW, deliveryId: "d-0001" };
const channel = (c: ChannelConfigInput) => channelConfigSchema.parse(c) as HttpChannel;

const finding = (id: number, severity: "critical" | "warning" | "info" = "critical", transition: NoticeItem["transition"] = "opened"): NoticeItem => ({
  transition,
  finding: {
    id,
    kind: "duplicate-mac",
    severity,
    title: `Duplicate MAC 02:d5:00:01:00:0${id}`,
    hosts: ["pve1", "nas"],
    explanation: "Two NICs answer with one MAC.",
    fix: "Run `ip link set dev eth0 address 02:aa:bb:cc:dd:ee` on nas.",
  },
});
const one = renderNotice({ event: "findings", publicUrl: "https://netdiag.lan", items: [finding(5)] });
const JSON_HEADERS = { "Content-Type": "application/json", "User-Agent": "netdiag" };

describe("ntfy: JSON published to the root URL (https://docs.ntfy.sh/publish/#publish-as-json)", () => {
  test("topic, title, message, priority, tags, click; Bearer token (https://docs.ntfy.sh/publish/#access-tokens)", () => {
    const req = buildRequest(channel({ type: "ntfy", name: "p", serverUrl: "https://ntfy.example/", topic: "lab", token: "tk_abc" }), one, OPTS);
    expect(req).toMatchObject({ url: "https://ntfy.example/", method: "POST", headers: { ...JSON_HEADERS, Authorization: "Bearer tk_abc" } });
    expect(JSON.parse(req.body)).toEqual({
      topic: "lab",
      title: "Critical: Duplicate MAC 02:d5:00:01:00:05",
      message: one.text,
      priority: 5,
      tags: ["rotating_light"],
      click: "https://netdiag.lan/findings/5",
    });
  });

  test("a server under a sub path keeps it; no token, no Authorization", () => {
    const req = buildRequest(channel({ type: "ntfy", name: "p", serverUrl: "https://home.lan/ntfy", topic: "lab" }), one, OPTS);
    expect(req.url).toBe("https://home.lan/ntfy/");
    expect(req.headers).toEqual(JSON_HEADERS);
  });

  test("the message stays under ntfy's 4,096 bytes (https://docs.ntfy.sh/publish/#limitations)", () => {
    const many = renderNotice({ event: "findings", publicUrl: "https://netdiag.lan", items: Array.from({ length: 40 }, (_, i) => finding(i + 1)) });
    const { message } = JSON.parse(buildRequest(channel({ type: "ntfy", name: "p", serverUrl: "https://ntfy.sh", topic: "t" }), many, OPTS).body) as { message: string };
    expect(Buffer.byteLength(message)).toBeLessThanOrEqual(NTFY_MESSAGE_MAX_BYTES);
    expect(message).toMatch(/…and \d+ more findings: https:\/\/netdiag\.lan\/findings$/);
  });
});

describe("severity to priority (ntfy 1-5: https://docs.ntfy.sh/publish/#message-priority; Gotify: https://gotify.net/docs/priority)", () => {
  test.each([
    ["critical", false, 5, 8, "failure"],
    ["warning", false, 4, 5, "warning"],
    ["info", false, 3, 2, "info"],
    ["critical", true, 2, 1, "success"],
  ] as const)("%s (resolved only: %s) -> ntfy %i, Gotify %i, Apprise %s", (severity, resolvedOnly, ntfy, gotify, apprise) => {
    const r = { event: "findings" as const, severity, resolvedOnly };
    expect([ntfyPriority(r), gotifyPriority(r), appriseType(r)]).toEqual([ntfy, gotify, apprise]);
  });

  test("the test message: default ntfy priority, an audible Gotify one, Apprise info", () => {
    const r = renderNotice(testNotice(null));
    expect([ntfyPriority(r), gotifyPriority(r), appriseType(r)]).toEqual([3, 5, "info"]);
  });
});

describe("Gotify: POST /message (https://gotify.net/docs/pushmsg), extras (https://gotify.net/docs/msgextras)", () => {
  test("token in X-Gotify-Key, Markdown display, click URL", () => {
    const req = buildRequest(channel({ type: "gotify", name: "g", serverUrl: "https://push.example.de/", appToken: "AppTok" }), one, OPTS);
    expect(req).toMatchObject({ url: "https://push.example.de/message", method: "POST", headers: { ...JSON_HEADERS, "X-Gotify-Key": "AppTok" } });
    expect(req.url).not.toContain("AppTok");
    expect(JSON.parse(req.body)).toEqual({
      title: "Critical: Duplicate MAC 02:d5:00:01:00:05",
      message: one.markdown,
      priority: 8,
      extras: { "client::display": { contentType: "text/markdown" }, "client::notification": { click: { url: "https://netdiag.lan/findings/5" } } },
    });
  });
});

describe("Discord: execute webhook (https://discord.com/developers/docs/resources/webhook#execute-webhook)", () => {
  const url = "https://discord.com/api/webhooks/123/tok-EN?thread_id=99";

  test("one embed, no mentions parsed, ?wait=true so a refusal is reported", () => {
    const req = buildRequest(channel({ type: "discord", name: "d", webhookUrl: url }), one, OPTS);
    expect(req.url).toBe("https://discord.com/api/webhooks/123/tok-EN?thread_id=99&wait=true");
    expect(req.headers).toEqual(JSON_HEADERS);
    const body = JSON.parse(req.body) as { embeds: { description: string }[] };
    expect(body).toEqual({
      embeds: [
        {
          title: "Critical: Duplicate MAC 02:d5:00:01:00:05",
          description: body.embeds[0]?.description,
          url: "https://netdiag.lan/findings/5",
          color: 0xdc2626,
          timestamp: "2026-03-01T12:00:00.000Z",
          footer: { text: "netdiag" },
        },
      ],
      allowed_mentions: { parse: [] },
    });
    expect(body.embeds[0]?.description).toContain("**New critical**: Duplicate MAC 02\\:d5\\:00\\:01\\:00\\:05");
  });

  test("embed limits: description 4096, title 256, all text 6000 (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)", () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ ...finding(i + 1), finding: { ...finding(i + 1).finding, title: "T".repeat(300), explanation: "E".repeat(400) } }));
    const r = renderNotice({ event: "findings", publicUrl: "https://netdiag.lan", items });
    const embed = (JSON.parse(buildRequest(channel({ type: "discord", name: "d", webhookUrl: url }), r, OPTS).body) as { embeds: { title: string; description: string; footer: { text: string } }[] }).embeds[0];
    expect(embed?.description.length).toBeLessThanOrEqual(DISCORD_DESCRIPTION_MAX_CHARS);
    expect(embed?.title.length).toBeLessThanOrEqual(256);
    expect((embed?.title.length ?? 0) + (embed?.description.length ?? 0) + (embed?.footer.text.length ?? 0)).toBeLessThanOrEqual(6000);
  });

  test("all resolved: green", () => {
    const r = renderNotice({ event: "findings", publicUrl: null, items: [finding(1, "critical", "resolved")] });
    const body = JSON.parse(buildRequest(channel({ type: "discord", name: "d", webhookUrl: url }), r, OPTS).body) as { embeds: { color: number; url?: string }[] };
    expect(body.embeds[0]?.color).toBe(0x16a34a);
    expect(body.embeds[0]).not.toHaveProperty("url");
  });
});

describe("Slack-compatible incoming webhook (https://api.slack.com/messaging/webhooks; Mattermost: https://developers.mattermost.com/integrate/webhooks/incoming/)", () => {
  test("JSON { text }: the title in bold, then the mrkdwn body", () => {
    const req = buildRequest(channel({ type: "slack", name: "s", webhookUrl: "https://hooks.slack.com/services/T0/B0/XX" }), one, OPTS);
    expect(req).toMatchObject({ url: "https://hooks.slack.com/services/T0/B0/XX", method: "POST", headers: JSON_HEADERS });
    const { text, ...rest } = JSON.parse(req.body) as { text: string };
    expect(rest).toEqual({});
    expect(text.startsWith("*Critical: Duplicate MAC 02:d5:00:01:00:05*\n\n*nas, pve1*\n\n*New critical*:")).toBe(true);
    expect(text).toContain("`ip link set dev eth0 address 02:aa:bb:cc:dd:ee`");
    expect(text).toContain("<https://netdiag.lan/findings/5|Open finding 5>");
  });

  test("bounded for Rocket.Chat's default 5,000 and Mattermost's 16,383", () => {
    const r = renderNotice({ event: "findings", publicUrl: "https://netdiag.lan", items: Array.from({ length: 40 }, (_, i) => finding(i + 1)) });
    const { text } = JSON.parse(buildRequest(channel({ type: "slack", name: "s", webhookUrl: "https://chat.lan/hooks/k" }), r, OPTS).body) as { text: string };
    expect(text.length).toBeLessThanOrEqual(SLACK_TEXT_MAX_CHARS);
    expect(text).toContain("more findings");
  });
});

describe("Apprise API: POST /notify/{KEY} (https://github.com/caronc/apprise-api#persistent-stateful-storage-solution)", () => {
  test("title, body, type, format markdown, tags OR-ed with commas", () => {
    const req = buildRequest(channel({ type: "apprise", name: "a", url: "http://apprise:8000/notify/netdiag", tags: ["devops", "admin"] }), one, OPTS);
    expect(req).toMatchObject({ url: "http://apprise:8000/notify/netdiag", method: "POST", headers: JSON_HEADERS });
    expect(JSON.parse(req.body)).toEqual({ title: one.title, body: one.markdown, type: "failure", format: "markdown", tag: "devops,admin" });
  });

  test("no tags: no tag field (Apprise then notifies the key's untagged URLs)", () => {
    const req = buildRequest(channel({ type: "apprise", name: "a", url: "http://apprise:8000/notify/netdiag" }), one, OPTS);
    expect(JSON.parse(req.body)).not.toHaveProperty("tag");
  });
});

describe("generic webhook: signed JSON", () => {
  const secret = "s3cret-s3cret-s3cret";
  const hook = channel({ type: "webhook", name: "w", url: "https://receiver.lan/netdiag", secret });
  const batch = renderNotice({ event: "findings", publicUrl: "https://netdiag.lan", items: [finding(5), finding(6, "warning", "resolved")] });

  test("the documented body and headers", () => {
    const req = buildRequest(hook, batch, OPTS);
    expect(req.url).toBe("https://receiver.lan/netdiag");
    expect(req.headers).toEqual({
      ...JSON_HEADERS,
      "X-Netdiag-Event": "findings",
      "X-Netdiag-Delivery": "d-0001",
      "X-Netdiag-Timestamp": "1772366400",
      "X-Netdiag-Signature": expect.stringMatching(/^sha256=[0-9a-f]{64}$/),
    });
    expect(JSON.parse(req.body)).toEqual({
      version: 1,
      event: "findings",
      deliveryId: "d-0001",
      timestamp: 1772366400,
      title: "2 findings on 2 hosts: 1 new, 1 resolved",
      severity: "critical",
      url: "https://netdiag.lan/findings",
      findings: [
        { transition: "opened", previousSeverity: null, id: 5, kind: "duplicate-mac", severity: "critical", title: "Duplicate MAC 02:d5:00:01:00:05", hosts: ["pve1", "nas"], explanation: "Two NICs answer with one MAC.", fix: "Run `ip link set dev eth0 address 02:aa:bb:cc:dd:ee` on nas.", url: "https://netdiag.lan/findings/5" },
        { transition: "resolved", previousSeverity: null, id: 6, kind: "duplicate-mac", severity: "warning", title: "Duplicate MAC 02:d5:00:01:00:06", hosts: ["pve1", "nas"], explanation: "Two NICs answer with one MAC.", fix: "Run `ip link set dev eth0 address 02:aa:bb:cc:dd:ee` on nas.", url: "https://netdiag.lan/findings/6" },
      ],
      omitted: 0,
    });
  });

  // What a user writes from the README: HMAC-SHA256 over "<timestamp>.<raw body>", constant-time
  // compare, a 5-minute window, and each delivery id accepted once.
  function verify(secretKey: string, headers: Record<string, string | undefined>, rawBody: string, nowSeconds: number, seen: Set<string>): boolean {
    const ts = headers["x-netdiag-timestamp"];
    const sig = headers["x-netdiag-signature"];
    const id = headers["x-netdiag-delivery"];
    if (!ts || !sig || !id || !/^\d+$/.test(ts) || Math.abs(nowSeconds - Number(ts)) > 300 || seen.has(id)) return false;
    const expected = Buffer.from(`sha256=${createHmac("sha256", secretKey).update(`${ts}.${rawBody}`).digest("hex")}`);
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    seen.add(id);
    return true;
  }
  const received = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
  const nowSeconds = NOW.getTime() / 1000;

  test("a receiver verifies it with node:crypto, and refuses tampering and replays", () => {
    const req = buildRequest(hook, batch, OPTS);
    const headers = received(req.headers);
    expect(verify(secret, headers, req.body, nowSeconds + 10, new Set())).toBe(true);
    expect(verify("another-secret-xx", headers, req.body, nowSeconds, new Set())).toBe(false);
    expect(verify(secret, headers, req.body.replace('"critical"', '"info"'), nowSeconds, new Set())).toBe(false);
    expect(verify(secret, { ...headers, "x-netdiag-timestamp": String(nowSeconds + 1) }, req.body, nowSeconds, new Set())).toBe(false);
    expect(verify(secret, headers, req.body, nowSeconds + 301, new Set())).toBe(false);
    const seen = new Set<string>();
    expect(verify(secret, headers, req.body, nowSeconds, seen)).toBe(true);
    expect(verify(secret, headers, req.body, nowSeconds, seen)).toBe(false);
  });

  test("the same delivery built again (a retry) is byte for byte the same", () => {
    expect(buildRequest(hook, batch, OPTS)).toEqual(buildRequest(hook, batch, OPTS));
  });

  test("webhookSignature is HMAC-SHA256 of timestamp '.' body", () => {
    expect(webhookSignature("key", "1", "{}")).toBe(`sha256=${createHmac("sha256", "key").update("1.{}").digest("hex")}`);
  });

  test("no secret: no signature header", () => {
    const req = buildRequest(channel({ type: "webhook", name: "w", url: "https://receiver.lan/" }), batch, OPTS);
    expect(req.headers).not.toHaveProperty("X-Netdiag-Signature");
  });

  test(`at most ${WEBHOOK_MAX_FINDINGS} findings, the rest counted`, () => {
    const r = renderNotice({ event: "findings", publicUrl: null, items: Array.from({ length: 130 }, (_, i) => finding(i + 1)) });
    const body = JSON.parse(buildRequest(hook, r, OPTS).body) as { findings: unknown[]; omitted: number; url: null };
    expect([body.findings.length, body.omitted, body.url]).toEqual([100, 30, null]);
  });

  test("the test event", () => {
    const req = buildRequest(hook, renderNotice(testNotice("https://netdiag.lan")), OPTS);
    expect(req.headers["X-Netdiag-Event"]).toBe("test");
    expect(JSON.parse(req.body)).toMatchObject({ event: "test", findings: [], omitted: 0, severity: "info", url: "https://netdiag.lan" });
  });

  test.each(["", "a\r\nX-Evil: 1", "x".repeat(129)])("a delivery id that cannot be a header value is a bug: %j", (deliveryId) => {
    expect(() => buildRequest(hook, batch, { now: NOW, deliveryId })).toThrow(/delivery id/);
  });
});

describe("e-mail (handed to nodemailer)", () => {
  const mail = channelConfigSchema.parse({
    type: "email",
    name: "m",
    host: "smtp.example.com",
    port: 465,
    security: "tls",
    username: "u",
    password: "p",
    from: "netdiag@example.com",
    to: ["me@example.com", "you@example.com"],
  }) as EmailChannel;

  test("from, to, a one-line subject, text and HTML", () => {
    const m = buildMail(mail, one);
    expect(m).toEqual({ from: "netdiag@example.com", to: ["me@example.com", "you@example.com"], subject: "[netdiag] Critical: Duplicate MAC 02:d5:00:01:00:05", text: one.text, html: expect.stringContaining(one.html) });
    expect(m.html.startsWith("<!doctype html>")).toBe(true);
  });

  test("a hostile title cannot add a header or a tag", () => {
    const r = renderNotice({ event: "findings", publicUrl: null, items: [{ ...finding(1), finding: { ...finding(1).finding, title: "x\r\nBcc: victim@example.com <b>" } }] });
    const m = buildMail(mail, r);
    expect(m.subject).not.toMatch(/[\r\n<>]/);
    expect(m.html).not.toContain("<b>");
  });
});
