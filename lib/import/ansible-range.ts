// Ansible host patterns: "name[:port]" with [begin:end(:step)] ranges, as
// lib/ansible/plugins/inventory/__init__.py (expand_hostname_range) and
// lib/ansible/parsing/utils/addresses.py (parse_address) read them, ansible-core 2.18.
// - numeric ranges keep the begin's zero padding ("[001:006]" -> 001..006; begin and end must
//   then be equally long), an empty begin is 0 ("[:5]" -> 0..5);
// - alphabetic ranges run through a-z then A-Z, one letter each ("[a:c]");
// - several ranges multiply out, the first one outermost.
// The number of names is computed before anything is expanded, so "[0:999999]" costs nothing.

export type ExpandedPattern = { names: string[]; port: number | null } | { error: string };

// Real patterns have one or two ranges; many would only multiply the work.
const MAX_RANGES = 8;
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

type Range = { values: (i: number) => string; count: number };
type Part = string | Range;

/** Splits off a ":port" suffix the way parse_address does ("[v6]:port", "host:port", "web[1:3]:22"). */
function splitPort(pattern: string): { host: string; port: number | null } {
  const bracketed = /^\[(.+)\]:([0-9]+)$/.exec(pattern);
  const plain = bracketed ? null : /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/.exec(pattern);
  const m = bracketed ?? plain;
  // parse_address gives up (and Ansible keeps the whole pattern as the name) on anything that
  // is not a host name, IPv4 or IPv6 address, possibly with ranges.
  if (!m || m[1] === undefined || m[2] === undefined || !/^[\w.:[\]-]+$/.test(m[1])) return { host: pattern, port: null };
  return { host: m[1], port: Number(m[2]) };
}

function parseRange(spec: string): Range | { error: string } {
  const bounds = spec.split(":");
  if (bounds.length !== 2 && bounds.length !== 3) return { error: `range [${spec}] must be begin:end or begin:end:step` };
  const beg = bounds[0] || "0";
  const end = bounds[1] ?? "";
  const stepText = bounds[2] ?? "1";
  if (!end) return { error: `range [${spec}] has no end` };
  if (!/^\d+$/.test(stepText) || Number(stepText) === 0) return { error: `range [${spec}] has a step that is not a positive whole number` };
  const step = Number(stepText);
  const width = beg.length > 1 && beg.startsWith("0") ? beg.length : 0;
  if (width && end.length !== width) return { error: `range [${spec}]: begin and end must have the same number of digits when begin has leading zeros` };
  const pad = (s: string) => (width ? s.padStart(width, "0") : s);
  const a = LETTERS.indexOf(beg);
  const b = LETTERS.indexOf(end);
  if (beg.length === 1 && end.length === 1 && a >= 0 && b >= 0) {
    if (a > b) return { error: `range [${spec}] runs backwards` };
    return { count: Math.floor((b - a) / step) + 1, values: (i) => pad(LETTERS[a + i * step] ?? "") };
  }
  if (!/^\d+$/.test(beg) || !/^\d+$/.test(end)) return { error: `range [${spec}] is neither numeric nor one letter to another` };
  const from = Number(beg);
  const to = Number(end);
  // Python's range(): an end below the begin yields nothing, silently.
  const count = to < from ? 0 : Math.floor((to - from) / step) + 1;
  return { count, values: (i) => pad(String(from + i * step)) };
}

/**
 * The host names a pattern stands for, or why Ansible would refuse it. `limit` caps how many
 * names may come out; a pattern over it is an error, not a truncated list.
 */
export function expandHostPattern(pattern: string, limit: number): ExpandedPattern {
  const { host, port } = splitPort(pattern);
  const parts: Part[] = [];
  let rest = host;
  while (rest.includes("[")) {
    if (parts.length >= 2 * MAX_RANGES) return { error: `"${pattern}" has more than ${MAX_RANGES} ranges` };
    const open = rest.indexOf("[");
    const close = rest.indexOf("]", open);
    if (close < 0) return { error: `"${pattern}" has a [ without a closing ]` };
    const range = parseRange(rest.slice(open + 1, close));
    if ("error" in range) return { error: `"${pattern}": ${range.error}` };
    parts.push(rest.slice(0, open), range);
    rest = rest.slice(close + 1);
  }
  parts.push(rest);
  const ranges = parts.filter((p): p is Range => typeof p !== "string");
  const count = ranges.reduce((n, r) => n * r.count, 1);
  if (count > limit) return { error: `"${pattern}" stands for ${count.toLocaleString("en")} hosts; netdiag imports at most ${limit.toLocaleString("en")} at once` };
  let names = [""];
  for (const part of parts) {
    if (typeof part === "string") names = names.map((n) => n + part);
    else names = names.flatMap((n) => Array.from({ length: part.count }, (_, k) => n + part.values(k)));
  }
  return { names, port };
}
