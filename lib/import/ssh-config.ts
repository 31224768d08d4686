import {
  MAX_HOSTS,
  MAX_INPUT_BYTES,
  sortProblems,
  splitLines,
  toDraft,
  tooLargeProblem,
  trimEndOf,
  tooManyHostsProblem,
  utf8Length,
  type HostDraft,
  type ImportProblem,
  type ImportResult,
  type Located,
} from "./draft";

// OpenSSH client config (ssh_config(5)) to host drafts. Each non-wildcard pattern of a `Host`
// line is a host; its settings are what `ssh <alias>` would use, worked out the way ssh reads
// the file (readconf.c in openssh-portable, read at 0ef0f5a, Aug 2026):
// - for each keyword the first value obtained wins, from every block whose patterns match the
//   alias, in file order, so a `Host *` at the top beats a host's own block below it;
// - a `Host` block applies when one of its patterns matches and no negated (`!`) one does;
//   patterns are `*` and `?` globs, matched case-sensitively against the alias;
// - `Include` files are read where the line stands; an Include inside a `Host` block counts
//   only for hosts that block matches.
// `Match` is not evaluated (its criteria need the local user, the network, commands to run), so
// its settings are skipped with a warning, like ProxyJump/ProxyCommand hosts (netdiag connects
// directly) and Include files the caller did not supply (netdiag reads no files from disk).

export type SshConfigOptions = {
  /**
   * Texts of files the config includes, by path: as written in the Include line ("config.d/lan",
   * relative to ~/.ssh), or "~/.ssh/config.d/lan", or absolute. Globs in Include lines are
   * matched against these paths, as ssh matches them against the disk.
   */
  includes?: Record<string, string>;
};

type Where = { line: number; file?: string };
type HostBlock = { patterns: string[]; literalOnly: boolean; where: Where };
type Setting = "hostname" | "port" | "user" | "identityfile" | "proxyjump" | "proxycommand";
type Option = { key: Setting; value: string; where: Where };
/** Options under one Host block (or none: the top of a file), inside the Host blocks of the Include lines that led there. */
type Segment = { block: HostBlock | null; guards: HostBlock[]; options: Option[] };
type Candidate = { name: string; where: Where; guards: HostBlock[] };

const SETTINGS: ReadonlySet<string> = new Set<Setting>(["hostname", "port", "user", "identityfile", "proxyjump", "proxycommand"]);
// ssh's READCONF_MAX_DEPTH.
const MAX_INCLUDE_DEPTH = 16;
// Aliases times wildcard blocks: beyond this a crafted file would keep the server busy for seconds.
const MAX_MATCH_WORK = 5_000_000;

type Context = {
  includes: Record<string, string>;
  segments: Segment[];
  candidates: Map<string, Candidate[]>;
  problems: ImportProblem[];
  files: string[];
  bytes: number;
  tooMany: ImportProblem | null;
};

export function parseSshConfig(text: string, opts: SshConfigOptions = {}): ImportResult {
  const large = tooLargeProblem(text);
  if (large) return { drafts: [], problems: [large] };
  const ctx: Context = { includes: opts.includes ?? {}, segments: [], candidates: new Map(), problems: [], files: [], bytes: utf8Length(text), tooMany: null };
  readConfig(text, undefined, ctx, [], 0, []);
  if (ctx.tooMany) return { drafts: [], problems: [ctx.tooMany] };

  const evaluate = evaluator(ctx.segments);
  const work = ctx.candidates.size * evaluate.generalCount;
  if (work > MAX_MATCH_WORK) {
    const message = `${ctx.candidates.size} hosts against ${evaluate.generalCount} wildcard blocks is more than netdiag evaluates at once; split the file.`;
    return { drafts: [], problems: [{ line: 1, severity: "error", message }] };
  }

  const drafts: HostDraft[] = [];
  for (const [name, occurrences] of ctx.candidates) {
    // A host named only inside an Include of a Host block that does not match it is never configured.
    const first = occurrences.find((c) => c.guards.every((g) => evaluate.blockMatches(g, name)));
    if (!first) continue;
    const built = buildHost(name, first.where, evaluate.settingsFor(name), ctx.problems);
    if (built) drafts.push(built);
  }
  return { drafts, problems: sortProblems(ctx.problems, ctx.files) };
}

function readConfig(text: string, file: string | undefined, ctx: Context, guards: HostBlock[], depth: number, stack: string[]) {
  const lines = splitLines(text);
  // null: the top of the file (applies to every host); "match": a Match block, skipped.
  let current: HostBlock | null | "match" = null;
  // Options go to the segment of the current block; a new one starts after each Host or Include line.
  let segment: Segment | null = null;

  for (let i = 0; i < lines.length && !ctx.tooMany; i++) {
    const where: Where = file === undefined ? { line: i + 1 } : { line: i + 1, file };
    const directive = splitDirective(lines[i] ?? "");
    if (!directive) continue;
    const { keyword, rest } = directive;
    const needsArgs = keyword === "host" || keyword === "match" || keyword === "include" || SETTINGS.has(keyword);
    if (!needsArgs || (current === "match" && keyword !== "host" && keyword !== "match")) continue;
    if (rest === "") {
      ctx.problems.push({ ...where, severity: "error", message: `${directive.written} has no value; ssh refuses such a file` });
      continue;
    }
    const args = argvSplit(rest);
    if (!args) {
      ctx.problems.push({ ...where, severity: "error", message: `Unbalanced quotes on this ${directive.written} line; it was skipped` });
      continue;
    }
    if (keyword === "host") {
      const block: HostBlock = { patterns: args, literalOnly: args.every(isLiteral), where };
      for (const p of args.filter(isLiteral)) addCandidate(ctx, p, where, guards);
      current = block;
      segment = null;
    } else if (keyword === "match") {
      ctx.problems.push({ ...where, severity: "warning", message: `"Match ${args.join(" ")}" is not evaluated: the settings under it, up to the next Host or Match line, were not applied to any host` });
      current = "match";
      segment = null;
    } else if (keyword === "include") {
      const inner = current === null || current === "match" ? guards : [...guards, current];
      for (const pattern of args) includeFiles(pattern, where, ctx, inner, depth, stack, file);
      // ssh resumes the enclosing block after an Include; later options come after the included ones.
      segment = null;
    } else if (args[0] !== undefined && current !== "match") {
      if (!segment) {
        segment = { block: current, guards, options: [] };
        ctx.segments.push(segment);
      }
      // ProxyCommand takes the rest of the line as a command; only "none" or not matters here.
      segment.options.push({ key: keyword as Setting, value: keyword === "proxycommand" ? rest : args[0], where });
    }
  }
}

function addCandidate(ctx: Context, name: string, where: Where, guards: HostBlock[]) {
  const list = ctx.candidates.get(name);
  if (list) {
    list.push({ name, where, guards });
    return;
  }
  if (ctx.candidates.size >= MAX_HOSTS) {
    ctx.tooMany = tooManyHostsProblem(where.line, where.file);
    return;
  }
  ctx.candidates.set(name, [{ name, where, guards }]);
}

function includeFiles(pattern: string, where: Where, ctx: Context, guards: HostBlock[], depth: number, stack: string[], from: string | undefined) {
  const keys = matchingIncludes(pattern, ctx.includes);
  if (keys.length === 0) {
    const supplied = Object.keys(ctx.includes).length > 0 ? " (none of the supplied files matches it)" : "";
    ctx.problems.push({ ...where, severity: "warning", message: `Include ${pattern} was not read${supplied}: netdiag does not open files on your computer; add that file's text too, or its hosts are missing` });
    return;
  }
  for (const key of keys) {
    if (stack.includes(key) || key === from) {
      ctx.problems.push({ ...where, severity: "error", message: `Include ${pattern} would read ${key} inside itself; ssh stops such a loop at ${MAX_INCLUDE_DEPTH} levels, netdiag skips it` });
      continue;
    }
    if (depth + 1 > MAX_INCLUDE_DEPTH) {
      ctx.problems.push({ ...where, severity: "error", message: `Include ${pattern} is nested more than ${MAX_INCLUDE_DEPTH} files deep; ssh refuses that` });
      continue;
    }
    const text = ctx.includes[key] ?? "";
    ctx.bytes += utf8Length(text, MAX_INPUT_BYTES);
    if (ctx.bytes > MAX_INPUT_BYTES) {
      ctx.problems.push({ ...where, severity: "error", message: `Include ${key} was not read: with it the files come to more than 1 MiB` });
      continue;
    }
    if (!ctx.files.includes(key)) ctx.files.push(key);
    readConfig(text, key, ctx, guards, depth + 1, [...stack, key]);
  }
}

/** The supplied files an Include argument names, in the order ssh's glob(3) would list them. */
function matchingIncludes(pattern: string, includes: Record<string, string>): string[] {
  if (Object.hasOwn(includes, pattern) && !/[*?[]/.test(pattern)) return [pattern];
  // Environment variables and %-tokens are expanded by ssh from the local machine; not here.
  if (/[$%]/.test(pattern)) return [];
  const wanted = globRegExp(anchor(pattern));
  return Object.keys(includes)
    .filter((k) => wanted.test(anchor(k)))
    .sort((a, b) => (anchor(a) < anchor(b) ? -1 : anchor(a) > anchor(b) ? 1 : 0));
}

/** ssh reads a relative Include path from ~/.ssh (user config). */
function anchor(path: string): string {
  return path.startsWith("/") || path.startsWith("~") ? path : `~/.ssh/${path}`;
}

/** glob(3) per path component: `*` and `?` never cross `/` nor match a leading dot. */
function globRegExp(pattern: string): RegExp {
  const parts = pattern.split("/").map((part) => {
    let out = /^[*?[]/.test(part) ? "(?!\\.)" : "";
    for (let i = 0; i < part.length; i++) {
      const c = part[i] as string;
      if (c === "*") out += "[^/]*";
      else if (c === "?") out += "[^/]";
      else if (c === "[" && part.indexOf("]", i + 2) > 0) {
        const end = part.indexOf("]", i + 2);
        const body = part.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\");
        out += `[${body}]`;
        i = end;
      } else out += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
    }
    return out;
  });
  return new RegExp(`^${parts.join("/")}$`);
}

/** `Keyword value` or `Keyword=value` (strdelim in misc.c); null for blank and comment lines. */
function splitDirective(raw: string): { keyword: string; written: string; rest: string } | null {
  const line = trimEndOf(raw, " \t\r\n\f");
  const m = /^[ \t]*([^ \t="]+)(?:[ \t]*=[ \t]*|[ \t]+|$)(.*)$/.exec(line);
  if (!m || m[1] === undefined || m[1].startsWith("#")) return null;
  return { keyword: m[1].toLowerCase(), written: m[1], rest: (m[2] ?? "").replace(/^[ \t]+/, "") };
}

/**
 * Arguments as ssh splits them (argv_split in misc.c): whitespace separates, "…" and '…' quote,
 * a backslash escapes a quote, a backslash or (outside quotes) a space, and a word starting with
 * `#` ends the line (OpenSSH 8.7 and later: `Host pi  # Raspberry Pi` is one host). null when a
 * quote is not closed.
 */
function argvSplit(s: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "#") break;
    let arg = "";
    let quote = "";
    for (; i < s.length; i++) {
      const ch = s[i] as string;
      const next = s[i + 1];
      if (ch === "\\" && (next === "'" || next === '"' || next === "\\" || (quote === "" && next === " "))) {
        arg += next;
        i++;
      } else if (quote === "" && (ch === " " || ch === "\t")) break;
      else if (quote === "" && (ch === '"' || ch === "'")) quote = ch;
      else if (quote !== "" && ch === quote) quote = "";
      else arg += ch;
    }
    if (quote !== "") return null;
    out.push(arg);
  }
  return out;
}

const isLiteral = (p: string) => !/[*?]/.test(p) && !p.startsWith("!");

/** match_pattern in match.c: `*` any run, `?` one character, everything else itself. */
function patternMatcher() {
  const compiled = new Map<string, (s: string) => boolean>();
  return (s: string, pattern: string): boolean => {
    let test = compiled.get(pattern);
    if (!test) {
      test = compilePattern(pattern);
      compiled.set(pattern, test);
    }
    return test(s);
  };
}

/** The usual shapes ("*", "*.lan", "web-*", "*mid*") as string tests; a RegExp for the rest. */
function compilePattern(pattern: string): (s: string) => boolean {
  if (!pattern.includes("?")) {
    const stars = pattern.split("*");
    if (stars.length === 1) return (s) => s === pattern;
    if (stars.length === 2) {
      const [head = "", tail = ""] = stars;
      return (s) => s.length >= head.length + tail.length && s.startsWith(head) && s.endsWith(tail);
    }
    if (stars.length === 3 && stars[0] === "" && stars[2] === "") {
      const mid = stars[1] ?? "";
      return (s) => s.includes(mid);
    }
  }
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]")}$`);
  return (s) => re.test(s);
}

/** A Host line applies when a pattern matches and no negated one does (readconf.c, oHost). */
function blockMatcher() {
  const matches = patternMatcher();
  return (block: HostBlock, alias: string): boolean => {
    let active = false;
    for (const p of block.patterns) {
      const negated = p.startsWith("!");
      if (matches(alias, negated ? p.slice(1) : p)) {
        if (negated) return false;
        active = true;
      }
    }
    return active;
  };
}

type Settings = Partial<Record<Setting, Option>>;

/**
 * The settings ssh would end up with for an alias. Blocks whose patterns are all plain names are
 * looked up by name; only wildcard blocks (and the tops of files) are tried for every alias.
 */
function evaluator(segments: Segment[]) {
  const blockMatches = blockMatcher();
  const general: number[] = [];
  const byName = new Map<string, number[]>();
  segments.forEach((seg, index) => {
    const innermost = seg.block ?? seg.guards[seg.guards.length - 1] ?? null;
    if (innermost && innermost.literalOnly && seg.guards.every((g) => g.literalOnly)) {
      for (const name of innermost.patterns) {
        const list = byName.get(name) ?? [];
        if (list[list.length - 1] !== index) list.push(index);
        byName.set(name, list);
      }
    } else general.push(index);
  });

  function settingsFor(alias: string): Settings {
    const settings: Settings = {};
    const own = byName.get(alias) ?? [];
    let a = 0;
    let b = 0;
    while (a < general.length || b < own.length) {
      const ga = general[a] ?? Infinity;
      const ob = own[b] ?? Infinity;
      const index = Math.min(ga, ob);
      if (ga === index) a++;
      if (ob === index) b++;
      const seg = segments[index];
      if (!seg || !seg.guards.every((g) => blockMatches(g, alias)) || (seg.block && !blockMatches(seg.block, alias))) continue;
      for (const option of seg.options) apply(settings, option);
    }
    return settings;
  }
  return { settingsFor, blockMatches, generalCount: general.length };
}

/** First value wins; ProxyJump and ProxyCommand exclude each other as in parse_jump(). */
function apply(settings: Settings, option: Option) {
  if (option.key === "proxyjump") {
    if (option.value.toLowerCase() === "none") settings.proxyjump ??= option;
    else if (!settings.proxyjump && !settings.proxycommand) settings.proxyjump = option;
    return;
  }
  settings[option.key] ??= option;
}

function buildHost(alias: string, where: Where, s: Settings, problems: ImportProblem[]): HostDraft | null {
  const at = (o: Option): Where => o.where;
  let address: Located<string> = { value: alias, ...where };
  if (s.hostname) {
    // ssh expands only %h (the alias) and %% in HostName (ssh.c, percent_expand).
    const unknown = /%[^h%]/.exec(s.hostname.value.replace(/%%/g, ""));
    if (unknown) {
      problems.push({ ...at(s.hostname), severity: "error", host: alias, message: `HostName ${s.hostname.value} uses ${unknown[0]}, which ssh does not allow in HostName` });
      return null;
    }
    address = { value: s.hostname.value.replace(/%(%|h)/g, (_, t: string) => (t === "h" ? alias : "%")), ...at(s.hostname) };
  }
  let port: Located<number> | null = null;
  if (s.port) {
    // a2port(): a decimal number from 1 to 65535, nothing else.
    const n = /^\d{1,5}$/.test(s.port.value) ? Number(s.port.value) : NaN;
    if (!(n >= 1 && n <= 65535)) {
      problems.push({ ...at(s.port), severity: "error", host: alias, message: `Port ${s.port.value} is not a number from 1 to 65535` });
      return null;
    }
    port = { value: n, ...at(s.port) };
  }
  const proxy = s.proxyjump && s.proxyjump.value.toLowerCase() !== "none" ? s.proxyjump : s.proxycommand && s.proxycommand.value.toLowerCase() !== "none" ? s.proxycommand : null;
  if (proxy) {
    const how = proxy.key === "proxyjump" ? `ProxyJump ${proxy.value}` : "a ProxyCommand";
    problems.push({ ...at(proxy), severity: "warning", host: alias, message: `${alias} is reached through ${how}; netdiag connects directly and does not support jump hosts, so it may not reach it` });
  }
  const identity = s.identityfile && s.identityfile.value.toLowerCase() !== "none" ? s.identityfile.value : null;
  const user: Located<string> | null = s.user ? { value: s.user.value, ...at(s.user) } : null;
  const { draft, problems: refused } = toDraft({ name: { value: alias, ...where }, address, port, username: user, identityFile: identity }, "ssh-config");
  problems.push(...refused);
  return draft;
}
