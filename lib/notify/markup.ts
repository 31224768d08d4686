// How each service reads a message, and how words that came from hosts are made inert in it.
// Titles, host names and explanations carry text a host reported about itself (interface
// names, hostnames, neighbor entries), and a host can name itself "<!channel>", "@everyone",
// "![x](http://tracker/)" or "<script>". Every dialect below turns such text into words that
// display as written and do nothing: no ping, no link or image, no markup, no HTML.

export type Dialect = "text" | "markdown" | "discord" | "slack" | "html";

export type Markup = {
  /** Host-reported or netdiag words, made inert. */
  prose(s: string): string;
  /** A command to paste: shown as code, its characters kept. */
  code(s: string): string;
  /** Emphasis around text already passed through prose(). */
  bold(s: string): string;
  /** A link netdiag made (publicUrl + path); the label is netdiag's own words. */
  link(url: string, label: string): string;
};

// C0/C1 controls would start a paragraph (or a Markdown block) inside a line; bidi overrides
// make a name display in another order than it is (the "Trojan Source" trick).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Controls become spaces, bidi controls go, runs of spaces shrink to one; ends kept (a span between others). */
export function flat(s: string): string {
  return s.replace(BIDI, "").replace(CONTROL, " ").replace(/\s+/g, " ");
}

/** One line, trimmed. */
export function oneLine(s: string): string {
  return flat(s).trim();
}

/** At most `max` characters (code points, so no emoji is cut in half), "…" when cut. */
export function clip(s: string, max: number): string {
  const points = Array.from(s);
  return points.length <= max ? s : `${points.slice(0, Math.max(0, max - 1)).join("").trimEnd()}…`;
}

// Zero-width space: breaks a mention or a link's syntax without changing what a reader sees.
const ZWSP = "\u200b";

/** A code span fenced by one backtick more than the longest run inside (CommonMark; Discord reads it the same way). */
function fencedSpan(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(s) ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** A URL that cannot end a Markdown link or a Slack <url|label> early. */
function linkUrl(url: string): string {
  return url.replace(/[()<>|\s"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

const text: Markup = {
  prose: (s) => s,
  code: fencedSpan,
  bold: (s) => s,
  link: (url) => url,
};

// CommonMark (Gotify: commonmark on Android, GFM in the web UI) and Python-Markdown (Apprise's
// markdown input). Backslash escapes only Python-Markdown's set, since it shows the backslash
// of any other character; < > & as entities, which both decode, so no raw HTML or autolink
// forms. "@" gets a zero-width space: Apprise may pass the text on to a chat that pings.
const MD_ESCAPE = /[\\`*_{}[\]()#+\-.!]/g;
const markdown: Markup = {
  prose: (s) =>
    s
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(MD_ESCAPE, (c) => `\\${c}`)
      .replace(/@/g, `@${ZWSP}`),
  // Code is shown as it is, but Apprise may forward it to a chat that reads <!channel> or
  // @everyone even inside code: a zero-width space breaks those (only a hostile name has them).
  code: (s) => fencedSpan(s.replace(/<([!@#])/g, `<${ZWSP}$1`).replace(/@(everyone|here|channel|all)\b/gi, `@${ZWSP}$1`)),
  bold: (s) => `**${s}**`,
  link: (url, label) => `[${label}](${linkUrl(url)})`,
};

// Discord: a backslash escapes any markdown character, including "<" (user, role, channel and
// emoji mentions), ":" (emoji shortcodes, and bare URLs no longer auto-link) and "@". The
// request also sends allowed_mentions { parse: [] } so that even a missed mention never pings.
const DISCORD_ESCAPE = /[\\*_~`|<>#\-[\]():@]/g;
const discord: Markup = {
  prose: (s) => s.replace(DISCORD_ESCAPE, (c) => `\\${c}`),
  code: fencedSpan,
  bold: (s) => `**${s}**`,
  link: (url, label) => `[${label}](${linkUrl(url)})`,
};

// Slack mrkdwn, also read by Mattermost and Rocket.Chat incoming webhooks. Slack's own rule
// (https://api.slack.com/reference/surfaces/formatting#escaping): & < > become entities
// and nothing else is escaped, which leaves <!channel> inert. Mattermost renders Markdown and
// pings on a bare @channel/@all/@here (https://developers.mattermost.com/integrate/slash-commands/slack/),
// so "@" and the joints of a Markdown link or image get a zero-width space as well.
// Caveat: Mattermost does not decode entities inside code, so `a && b` shows as `a &amp;&amp; b`
// there; Slack requires the escape, and Slack is the documented format.
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const slack: Markup = {
  prose: (s) =>
    slackEscape(s)
      .replace(/@/g, `@${ZWSP}`)
      .replace(/\]\(/g, `]${ZWSP}(`)
      .replace(/!\[/g, `!${ZWSP}[`),
  // mrkdwn has no escape for a backtick inside `code`: a command holding one goes in a ```
  // block, spaced from the fences when it starts or ends with one; a command holding ``` as
  // well is shown as escaped text.
  code: (s) => {
    if (!s.includes("`")) return `\`${slackEscape(s)}\``;
    if (s.includes("```")) return slackEscape(s);
    const pad = /^`|`$/.test(s) ? " " : "";
    return `\`\`\`${pad}${slackEscape(s)}${pad}\`\`\``;
  },
  bold: (s) => `*${s}*`,
  link: (url, label) => `<${linkUrl(url)}|${label.replace(/[|>]/g, " ")}>`,
};

/** HTML text and attribute values: the five characters that can end either. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

const html: Markup = {
  prose: escapeHtml,
  code: (s) => `<code style="font-family:monospace;background:#f4f4f5;padding:0 3px">${escapeHtml(s)}</code>`,
  bold: (s) => `<strong>${s}</strong>`,
  link: (url, label) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`,
};

export const MARKUP: Record<Dialect, Markup> = { text, markdown, discord, slack, html };
