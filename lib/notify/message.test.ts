import { describe, expect, test } from "vitest";
import type { Severity } from "@/lib/domain/finding";
import { MARKUP, oneLine } from "./markup";
import { MAX_ITEMS, renderBody, renderNotice, testNotice, type NoticeFinding, type NoticeItem, type Transition } from "./message";

const BASE = "https://netdiag.lan";

function item(id: number, over: Partial<NoticeFinding> = {}, transition: Transition = "opened", previousSeverity?: Severity): NoticeItem {
  return {
    transition,
    previousSeverity,
    finding: {
      id,
      kind: "mtu-mismatch",
      severity: "warning",
      title: `Finding ${id}`,
      hosts: ["pve1"],
      explanation: "Jumbo frames on one side only.",
      fix: "Set the MTU: `ip link set dev eth0 mtu 9000` on pve1.",
      ...over,
    },
  };
}

const notice = (items: NoticeItem[], publicUrl: string | null = BASE) => renderNotice({ event: "findings", items, publicUrl });

describe("one finding", () => {
  test("title, explanation, fix as code and the link, in plain words", () => {
    const r = notice([item(12, { severity: "critical", title: "Duplicate MAC 02:d5:00:01:00:05" })]);
    expect(r.title).toBe("Critical: Duplicate MAC 02:d5:00:01:00:05");
    expect(r.severity).toBe("critical");
    expect(r.url).toBe("https://netdiag.lan/findings/12");
    expect(r.text).toBe(
      [
        "pve1:",
        "",
        "New critical: Duplicate MAC 02:d5:00:01:00:05",
        "Jumbo frames on one side only.",
        "Fix: Set the MTU: `ip link set dev eth0 mtu 9000` on pve1.",
        "https://netdiag.lan/findings/12",
      ].join("\n"),
    );
    expect(r.markdown).toContain("Fix: Set the MTU: `ip link set dev eth0 mtu 9000` on pve1\\.  \n[Open finding 12](https://netdiag.lan/findings/12)");
    expect(r.html).toContain('<code style="font-family:monospace;background:#f4f4f5;padding:0 3px">ip link set dev eth0 mtu 9000</code>');
  });

  test.each([
    ["opened", undefined, "Warning: Finding 1", "New warning: Finding 1"],
    ["raised", "info", "Now warning: Finding 1", "Now warning (was info): Finding 1"],
    ["resolved", undefined, "Resolved: Finding 1", "Resolved: Finding 1"],
  ] as const)("%s (before: %s): title %j, first line %j", (transition, previous, title, line) => {
    const r = notice([item(1, {}, transition, previous)]);
    expect(r.title).toBe(title);
    expect(r.text.split("\n")[2]).toBe(line);
  });

  test("a resolved finding comes without its explanation and fix", () => {
    const r = notice([item(1, {}, "resolved")]);
    expect(r.text).toBe("pve1:\n\nResolved: Finding 1\nhttps://netdiag.lan/findings/1");
    expect(r.resolvedOnly).toBe(true);
  });

  test("no public URL: no links anywhere; a public URL that is not http(s) counts as none", () => {
    for (const url of [null, "javascript:alert(1)", "not a url"]) {
      const r = notice([item(1)], url);
      expect(r.url).toBeNull();
      expect(r.text).not.toContain("findings/1");
      expect(r.markdown).not.toContain("](");
      expect(r.html).not.toContain("<a ");
    }
  });

  test("a trailing slash on the public URL is not doubled", () => {
    expect(notice([item(7)], "https://netdiag.lan/sub/").url).toBe("https://netdiag.lan/sub/findings/7");
  });
});

describe("several findings from one collection: one message, grouped by host", () => {
  const items = [
    item(1, { hosts: ["nas"], severity: "info", title: "Speed" }),
    item(2, { hosts: ["pve1", "nas"], severity: "critical", title: "Duplicate MAC" }),
    item(3, { hosts: ["pve1"], severity: "warning", title: "MTU" }),
    item(4, { hosts: ["nas"], severity: "critical", title: "Link down" }, "resolved"),
    item(5, { hosts: [], severity: "warning", title: "Subnet" }, "raised", "info"),
    item(6, { hosts: ["nas", "pve1"], severity: "warning", title: "IP conflict" }),
  ];
  const r = notice(items);

  test("the title counts what happened and where", () => {
    expect(r.title).toBe("6 findings on 2 hosts: 4 new, 1 severity raised, 1 resolved");
    expect(notice([item(1), item(2)]).title).toBe("2 findings on pve1: 2 new");
  });

  test("the severity is the worst of what got worse; a resolved critical does not count", () => {
    expect(notice([item(1, { severity: "info" }), item(2, { severity: "critical" }, "resolved")]).severity).toBe("info");
    expect(r.severity).toBe("critical");
    expect(r.resolvedOnly).toBe(false);
  });

  test("groups share the same hosts (order-free), the worst group first, resolved last inside", () => {
    expect(r.groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ["nas, pve1", [2, 6]],
      ["pve1", [3]],
      ["Network (no single host)", [5]],
      ["nas", [1, 4]],
    ]);
  });

  test("each group's heading comes once, before its findings", () => {
    const lines = r.text.split("\n");
    expect(lines.filter((l) => l === "nas, pve1:")).toHaveLength(1);
    expect(lines.indexOf("nas, pve1:")).toBeLessThan(lines.indexOf("New critical: Duplicate MAC"));
    expect(lines.indexOf("New critical: Duplicate MAC")).toBeLessThan(lines.indexOf("New warning: IP conflict"));
  });

  test("many hosts: the label names three and counts the rest", () => {
    const g = notice([item(1, { hosts: ["e", "d", "c", "b", "a"] })]).groups[0];
    expect(g?.label).toBe("a, b, c and 2 more");
  });

  test("the link of a batch is the findings list", () => {
    expect(r.url).toBe("https://netdiag.lan/findings");
  });
});

describe("bounded", () => {
  test(`at most ${MAX_ITEMS} findings, then "and N more" with a link to the list`, () => {
    const r = notice(Array.from({ length: MAX_ITEMS + 5 }, (_, i) => item(i + 1)));
    expect(r.groups.flatMap((g) => g.items)).toHaveLength(MAX_ITEMS);
    expect(r.items).toHaveLength(MAX_ITEMS + 5);
    expect(r.text.endsWith("…and 5 more findings: https://netdiag.lan/findings")).toBe(true);
    expect(r.markdown.endsWith("…and 5 more findings: [all findings](https://netdiag.lan/findings)")).toBe(true);
  });

  test("within a budget, findings are added while they fit and the rest counted", () => {
    const r = notice(Array.from({ length: 10 }, (_, i) => item(i + 1)));
    for (const chars of [300, 700, 1500]) {
      const body = renderBody(r, "discord", { chars });
      expect(body.length).toBeLessThanOrEqual(chars);
      const shown = (body.match(/Open finding/g) ?? []).length;
      expect(shown).toBeGreaterThan(0);
      expect(body).toContain(`…and ${10 - shown} more findings`);
    }
  });

  test("a byte budget counts UTF-8 bytes, not characters", () => {
    const r = notice(Array.from({ length: 10 }, (_, i) => item(i + 1, { title: "Größe ✓ ".repeat(10) })));
    const body = renderBody(r, "text", { bytes: 1000 });
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(1000);
    expect(body.length).toBeLessThan(1000);
  });

  test("a finding too long with its fix comes without it, pointing to the page", () => {
    const longFix = Array.from({ length: 4 }, (_, i) => `Step ${i}: \`${"x".repeat(390)}\``).join("\n");
    const r = notice([item(1, { fix: longFix })]);
    const body = renderBody(r, "text", { chars: 600 });
    expect(body).toContain("New warning: Finding 1");
    expect(body).not.toContain("xxx");
    expect(body).toContain("The fix is on the finding's page.");
  });

  test("a fix line too long is left out whole, never cut inside a command", () => {
    const fix = ["First `ip link set dev eth0 mtu 9000`", `Then \`${"a ".repeat(300)}\``, "Last `true`"].join("\n");
    const r = notice([item(1, { fix })]);
    expect(r.text).toContain("Fix: First `ip link set dev eth0 mtu 9000`");
    expect(r.text).not.toContain("a a a");
    expect(r.text).not.toContain("Last");
    expect(r.text).toContain("The full fix is on the finding's page.");
  });

  test("long titles and explanations are clipped to one line", () => {
    const r = notice([item(1, { title: "T".repeat(500), explanation: "E".repeat(1000) })]);
    expect(r.title.length).toBeLessThanOrEqual(200);
    const [, , head, explanation] = r.text.split("\n");
    expect(head?.endsWith("…")).toBe(true);
    expect(explanation).toHaveLength(300);
  });
});

describe("hostile text from hosts does nothing", () => {
  // A host names itself; its name reaches titles, group headings and explanations.
  const EVIL = "<!channel> @everyone @here <@123> <script>alert(1)</script> ![x](http://t.example/p.png) [y](http://evil.example) *b* `c` &amp; \u202egnp.exe";
  const r = notice([
    item(1, { title: `MTU on ${EVIL}`, hosts: [EVIL], explanation: `Line one\nline two ${EVIL}`, fix: `Run \`\` echo \`id\` <!channel> \`\` on ${EVIL.replace(/`/g, "")}` }),
  ]);

  test("the title: one line, no angle brackets, no bare @, no bidi override", () => {
    expect(r.title).not.toMatch(/[<>\u202e\n]/);
    expect(r.title).not.toMatch(/@(?!\u200b)/);
  });

  test("plain text: one line per field, bidi overrides gone", () => {
    expect(r.text).not.toContain("\u202e");
    expect(r.text).toContain("Line one line two");
  });

  test("Markdown (Gotify, Apprise): no raw HTML, no link or image but ours, no bare @", () => {
    const md = r.markdown;
    // The command keeps its characters inside a fence longer than its own backticks; a
    // Slack-style mention in it is broken by a zero-width space (Apprise may forward to Slack).
    expect(md).toContain("``echo `id` <\u200b!channel>``");
    expect(md.replace("``echo `id` <\u200b!channel>``", "")).not.toContain("<");
    expect(md.match(/\]\(/g)).toHaveLength(1); // [Open finding 1](…)
    expect(md).toContain("](https://netdiag.lan/findings/1)");
    expect(md).not.toMatch(/(^|[^\\])!\[/);
    expect(md).not.toMatch(/@(?!\u200b)/);
    expect(md).toContain("&amp;amp;");
  });

  test("Discord: every < @ [ ] ( ) * _ ` of host text is backslash-escaped", () => {
    const escaped = MARKUP.discord.prose(oneLine(EVIL));
    expect(escaped).not.toMatch(/(^|[^\\])[<@[\]()*_`:]/);
    expect(renderBody(r, "discord")).toContain(`Line one line two ${escaped}`);
  });

  test("Slack, Mattermost, Rocket.Chat: & < > as entities, no <!channel>, no bare @, no Markdown link", () => {
    const s = renderBody(r, "slack");
    expect(s).not.toContain("<!");
    expect(s.replace("<https://netdiag.lan/findings/1|Open finding 1>", "")).not.toMatch(/[<>]/);
    expect(s).toContain("&lt;!channel&gt;");
    expect(s).not.toMatch(/@(?!\u200b)/);
    expect(s).not.toContain("](");
    expect(s).not.toContain("![");
    expect(s).toContain("&amp;amp;");
  });

  test("HTML (e-mail): no tag but ours", () => {
    expect(r.html).not.toContain("<script");
    expect(r.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(r.html).toContain("&lt;!channel&gt;");
    expect(r.html.match(/<a /g)).toHaveLength(1);
  });

  test("a command with a bidi override is not shown: it would read otherwise than it runs", () => {
    const t = notice([item(1, { fix: "Run `rm -rf /tmp/\u202eexe.txt`" })]).text;
    expect(t).not.toContain("rm -rf");
    expect(t).toContain("The fix is on the finding's page.");
  });
});

describe("the Send test message", () => {
  test("says it is a test and links to netdiag", () => {
    const r = renderNotice(testNotice(BASE));
    expect(r.title).toBe("netdiag test notification");
    expect(r.severity).toBe("info");
    expect(r.text).toBe("This is a test message from netdiag. If you can read it, this channel works.\nhttps://netdiag.lan");
    expect(r.markdown).toContain("[Open netdiag](https://netdiag.lan)");
  });

  test("without a public URL it has no link", () => {
    expect(renderNotice(testNotice(null)).text).not.toContain("http");
  });
});
