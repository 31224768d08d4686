// The words of a notification: one batch of finding transitions (what one collection opened,
// made worse or resolved) becomes one message, grouped by host. Pure: the public URL comes in
// with the notice, nothing here reads env or sends anything. Each service's request
// (requests.ts) asks renderBody for its dialect within its own documented length limit.
import type { FindingKind, Severity } from "@/lib/domain/finding";
import { fixSpans, type FixSpan } from "@/lib/domain/fix-spans";
import { MARKUP, clip, flat, oneLine, type Dialect, type Markup } from "./markup";

export const TRANSITIONS = ["opened", "raised", "resolved"] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** A stored finding as a notification needs it (lib/queries maps the row). */
export type NoticeFinding = {
  id: number;
  kind: FindingKind;
  /** Its severity now (after a raise, the new one). */
  severity: Severity;
  title: string;
  /** Names of the hosts at fault. */
  hosts: string[];
  explanation: string;
  /** Fix markup (lib/analysis/fix-text.ts): lines of prose with code spans. */
  fix?: string | null;
};

export type NoticeItem = { transition: Transition; finding: NoticeFinding; previousSeverity?: Severity };

export type Notice = {
  /** "test": the Send test button's message, no findings. */
  event: "findings" | "test";
  items: NoticeItem[];
  /** NETDIAG_PUBLIC_URL, e.g. "https://netdiag.lan"; null: messages carry no links. */
  publicUrl: string | null;
};

export function testNotice(publicUrl: string | null): Notice {
  return { event: "test", items: [], publicUrl };
}

/** Findings shown in one message; the rest are counted ("…and 3 more"). */
export const MAX_ITEMS = 20;
const TITLE_MAX_CHARS = 200; // under Discord's 256 for an embed title, and a readable subject
const FINDING_TITLE_MAX_CHARS = 160;
const EXPLANATION_MAX_CHARS = 300;
const HOST_MAX_CHARS = 64;
const HOSTS_IN_LABEL = 3;
const FIX_MAX_LINES = 4;
// A fix line longer than this is left out whole: a command cut short must never be pasted.
const FIX_LINE_MAX_CHARS = 400;

export type RenderedItem = {
  transition: Transition;
  previousSeverity: Severity | null;
  id: number;
  kind: FindingKind;
  severity: Severity;
  /** One line, clipped; still raw text (each dialect escapes it). */
  title: string;
  hosts: string[];
  explanation: string;
  /** Whole fix lines that fit, read as prose and code spans. */
  fix: FixSpan[][];
  /** Some of the fix was left out (too long, or not displayable as it runs). */
  fixCut: boolean;
  url: string | null;
};

export type HostGroup = { label: string; hosts: string[]; items: RenderedItem[] };

export type RenderedNotice = {
  event: Notice["event"];
  /** One line, no markup, no "<", ">" or bare "@": safe as a title or subject anywhere. */
  title: string;
  /** The highest severity among what got worse; among the resolved when nothing did. */
  severity: Severity;
  /** Everything in it is resolved: good news (Apprise "success", a low ntfy priority). */
  resolvedOnly: boolean;
  /** The one finding's page, or the findings list; null without a public URL. */
  url: string | null;
  publicUrl: string | null;
  /** All findings of the notice, worst first (the generic webhook's JSON carries them). */
  items: NoticeItem[];
  /** The first MAX_ITEMS, grouped by host, worst group first. */
  groups: HostGroup[];
  text: string;
  markdown: string;
  html: string;
};

/** A rendered notice before its default bodies: what renderBody reads. */
export type RenderedParts = Omit<RenderedNotice, "text" | "markdown" | "html">;

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const worst = (s: Severity[]): Severity => s.reduce<Severity>((a, b) => (RANK[b] < RANK[a] ? b : a), "info");
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A public URL worth linking to: http(s), no trailing slash. Anything else means no links. */
function baseUrl(publicUrl: string | null): string | null {
  if (!publicUrl) return null;
  try {
    const u = new URL(publicUrl);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href.replace(/\/+$/, "") : null;
  } catch {
    return null;
  }
}

/** Title text for fields no dialect escapes: angle brackets and mentions made inert. */
function inertTitle(s: string): string {
  return s.replace(/</g, "\u2039").replace(/>/g, "\u203a").replace(/@/g, "@\u200b");
}

export function renderNotice(notice: Notice): RenderedNotice {
  const base = baseUrl(notice.publicUrl);
  const items = [...notice.items].sort(
    (a, b) =>
      Number(a.transition === "resolved") - Number(b.transition === "resolved") ||
      RANK[a.finding.severity] - RANK[b.finding.severity] ||
      (a.finding.title < b.finding.title ? -1 : a.finding.title > b.finding.title ? 1 : 0) ||
      a.finding.id - b.finding.id,
  );
  const worse = items.filter((i) => i.transition !== "resolved");
  const severity = notice.event === "test" ? "info" : worst((worse.length ? worse : items).map((i) => i.finding.severity));
  const url = base === null ? null : items.length === 1 ? `${base}/findings/${items[0]?.finding.id}` : notice.event === "test" ? base : `${base}/findings`;
  const parts: RenderedParts = {
    event: notice.event,
    title: inertTitle(clip(oneLine(titleOf(notice.event, items)), TITLE_MAX_CHARS)),
    severity,
    resolvedOnly: items.length > 0 && worse.length === 0,
    url,
    publicUrl: base,
    items,
    groups: groupByHost(items.slice(0, MAX_ITEMS).map((i) => renderItem(i, base))),
  };
  return { ...parts, text: renderBody(parts, "text"), markdown: renderBody(parts, "markdown"), html: renderBody(parts, "html") };
}

function titleOf(event: Notice["event"], items: NoticeItem[]): string {
  if (event === "test") return "netdiag test notification";
  const [only] = items;
  if (items.length === 1 && only) {
    const t = only.finding.title;
    if (only.transition === "opened") return `${cap(only.finding.severity)}: ${t}`;
    if (only.transition === "raised") return `Now ${only.finding.severity}: ${t}`;
    return `Resolved: ${t}`;
  }
  const count = (t: Transition) => items.filter((i) => i.transition === t).length;
  const parts = [
    [count("opened"), "new"],
    [count("raised"), "severity raised"],
    [count("resolved"), "resolved"],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, w]) => `${n} ${w}`);
  const hosts = [...new Set(items.flatMap((i) => i.finding.hosts.map(oneLine)))];
  const where = hosts.length === 1 ? ` on ${hosts[0]}` : hosts.length > 1 ? ` on ${hosts.length} hosts` : "";
  return `${items.length} findings${where}: ${parts.join(", ")}`;
}

function renderItem(i: NoticeItem, base: string | null): RenderedItem {
  const f = i.finding;
  const fix = i.transition === "resolved" ? { lines: [], cut: false } : fixLines(f.fix ?? "");
  return {
    transition: i.transition,
    previousSeverity: i.previousSeverity ?? null,
    id: f.id,
    kind: f.kind,
    severity: f.severity,
    title: clip(oneLine(f.title), FINDING_TITLE_MAX_CHARS),
    hosts: [...new Set(f.hosts.map((h) => clip(oneLine(h), HOST_MAX_CHARS)))].sort(),
    explanation: clip(oneLine(f.explanation), EXPLANATION_MAX_CHARS),
    fix: fix.lines,
    fixCut: fix.cut,
    url: base === null ? null : `${base}/findings/${f.id}`,
  };
}

// A code span with a control or bidi character would display otherwise than it runs.
const UNSAFE_CODE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The fix's first lines, whole; stops at the first line that is too long or unsafe to show. */
function fixLines(fix: string): { lines: FixSpan[][]; cut: boolean } {
  const all = fix.split("\n").filter((l) => l.trim() !== "");
  const lines: FixSpan[][] = [];
  for (const line of all) {
    const spans = fixSpans(line);
    if (lines.length === FIX_MAX_LINES || line.length > FIX_LINE_MAX_CHARS || spans.some((s) => s.code && UNSAFE_CODE.test(s.text))) break;
    lines.push(spans);
  }
  return { lines, cut: lines.length < all.length };
}

/** Items sharing the same hosts, in the order their worst item came. */
function groupByHost(items: RenderedItem[]): HostGroup[] {
  const groups = new Map<string, HostGroup>();
  for (const item of items) {
    const key = item.hosts.join("\n");
    const g = groups.get(key) ?? { label: hostLabel(item.hosts), hosts: item.hosts, items: [] };
    g.items.push(item);
    groups.set(key, g);
  }
  return [...groups.values()];
}

function hostLabel(hosts: string[]): string {
  if (hosts.length === 0) return "Network (no single host)";
  const shown = hosts.slice(0, HOSTS_IN_LABEL).join(", ");
  return hosts.length > HOSTS_IN_LABEL ? `${shown} and ${hosts.length - HOSTS_IN_LABEL} more` : shown;
}

/** A service's length limit: characters (as JavaScript counts them, UTF-16 units) or UTF-8 bytes. */
export type Budget = { chars?: number; bytes?: number };

const encoder = new TextEncoder();
const fits = (s: string, b: Budget) => (b.chars === undefined || s.length <= b.chars) && (b.bytes === undefined || encoder.encode(s).length <= b.bytes);

type Layout = { heading(m: Markup, s: string): string; lines(ls: string[]): string; gap: string };

const LAYOUT: Record<Dialect, Layout> = {
  text: { heading: (_m, s) => `${s}:`, lines: (ls) => ls.join("\n"), gap: "\n\n" },
  // CommonMark joins plain line breaks into one paragraph; two trailing spaces keep them.
  markdown: { heading: (m, s) => m.bold(m.prose(s)), lines: (ls) => ls.join("  \n"), gap: "\n\n" },
  discord: { heading: (m, s) => m.bold(m.prose(s)), lines: (ls) => ls.join("\n"), gap: "\n\n" },
  slack: { heading: (m, s) => m.bold(m.prose(s)), lines: (ls) => ls.join("\n"), gap: "\n\n" },
  html: {
    heading: (m, s) => `<h3 style="margin:16px 0 4px">${m.prose(s)}</h3>`,
    lines: (ls) => `<p style="margin:0 0 12px">${ls.join("<br>\n")}</p>`,
    gap: "\n",
  },
};

function itemLines(m: Markup, dialect: Dialect, i: RenderedItem, withFix: boolean): string[] {
  const title = m.prose(i.title);
  const head =
    i.transition === "opened"
      ? `${m.bold(`New ${i.severity}`)}: ${title}`
      : i.transition === "raised"
        ? `${m.bold(`Now ${i.severity}`)}${i.previousSeverity ? ` (was ${i.previousSeverity})` : ""}: ${title}`
        : `${m.bold("Resolved")}: ${title}`;
  const out = [head];
  if (i.transition !== "resolved" && i.explanation) out.push(m.prose(i.explanation));
  const shown = withFix ? i.fix : [];
  shown.forEach((spans, n) => out.push((n === 0 ? "Fix: " : "") + spans.map((s) => (s.code ? m.code(s.text) : m.prose(flat(s.text)))).join("")));
  if (i.transition !== "resolved" && (shown.length < i.fix.length || i.fixCut)) {
    out.push(m.prose(shown.length ? "The full fix is on the finding's page." : "The fix is on the finding's page."));
  }
  if (i.url) out.push(dialect === "text" ? i.url : m.link(i.url, `Open finding ${i.id}`));
  return out;
}

const TEST_WORDS = "This is a test message from netdiag. If you can read it, this channel works.";

/**
 * The notice's body in one dialect, within a budget: findings are added while they fit, a
 * finding too long with its fix comes without it, and what is left is counted at the end.
 */
export function renderBody(r: RenderedParts, dialect: Dialect, budget: Budget = {}): string {
  const m = MARKUP[dialect];
  const layout = LAYOUT[dialect];
  if (r.event === "test") {
    const lines = [m.prose(TEST_WORDS), ...(r.url ? [dialect === "text" ? r.url : m.link(r.url, "Open netdiag")] : [])];
    return layout.lines(lines);
  }
  const blocks: string[] = [];
  let shown = 0;
  const more = (n: number) => {
    if (n === 0) return [];
    const words = `…and ${n} more ${n === 1 ? "finding" : "findings"}`;
    const link = r.publicUrl ? `${r.publicUrl}/findings` : null;
    return [layout.lines([link ? `${m.prose(`${words}:`)} ${dialect === "text" ? link : m.link(link, "all findings")}` : m.prose(`${words} in netdiag.`)])];
  };
  outer: for (const g of r.groups) {
    let heading: string | null = layout.heading(m, g.label);
    for (const item of g.items) {
      const candidates = [layout.lines(itemLines(m, dialect, item, true)), layout.lines(itemLines(m, dialect, item, false))];
      const next = candidates
        .map((c) => [...blocks, ...(heading ? [heading] : []), c])
        .find((bs) => fits([...bs, ...more(r.items.length - shown - 1)].join(layout.gap), budget));
      if (!next) break outer;
      blocks.splice(0, blocks.length, ...next);
      heading = null;
      shown += 1;
    }
  }
  return [...blocks, ...more(r.items.length - shown)].join(layout.gap);
}
