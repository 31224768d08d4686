import { splitLines, trimEndOf } from "./draft";

// The YAML that Ansible inventories are written in, read with line numbers: block mappings and
// sequences, plain, quoted and block (| >) scalars, one-line or wrapped flow collections
// ({ } [ ]), comments, `---`/`...`, and tags (`!vault` is kept apart, others are dropped).
// Plain scalars resolve as PyYAML (YAML 1.1, what Ansible uses) does for null, booleans
// (yes/no/on/off too) and decimal integers; everything else stays text. Not supported, with a
// problem on the line: anchors followed by aliases (*name) and merge keys, complex keys (?),
// several documents. netdiag has no YAML library among its dependencies; this covers what
// inventories use and never throws.

export type YamlScalar = string | number | boolean | null;
export type YamlNode =
  | { kind: "map"; line: number; entries: YamlEntry[] }
  | { kind: "seq"; line: number; items: YamlNode[] }
  | { kind: "scalar"; line: number; value: YamlScalar }
  | { kind: "vault"; line: number }
  | { kind: "unsupported"; line: number };
export type YamlEntry = { key: string; line: number; value: YamlNode };
export type YamlProblem = { line: number; severity: "error" | "warning"; message: string };

type Line = { no: number; index: number; indent: number; text: string };

// Nesting deeper than this is not an inventory; it would only exhaust the stack.
const MAX_DEPTH = 64;
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUE = new Set(["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
const FALSE = new Set(["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]);

/** PyYAML's implicit types for a plain scalar (resolver.py, YAML 1.1), as far as inventories need. */
export function resolvePlain(s: string): YamlScalar {
  if (NULLS.has(s)) return null;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  if (/^[-+]?(?:0|[1-9][0-9_]*)$/.test(s)) return Number(s.replace(/_/g, ""));
  return s;
}

const isSeqItem = (text: string) => text === "-" || text.startsWith("- ") || text.startsWith("-\t");

/** Cuts a comment: `#` at the start or after a space or tab (not "a#b"). */
const cutComment = (s: string) => {
  const at = s.search(/(?:^|[ \t])#/);
  return trimEndOf(at < 0 ? s : s.slice(0, at));
};

export function readYaml(text: string): { root: YamlNode | null; problems: YamlProblem[] } {
  const raw = splitLines(text);
  const problems: YamlProblem[] = [];
  let pos = 0;
  let pending: Line | null = null;
  let started = false;
  let ended = false;

  const problem = (line: number, message: string, severity: "error" | "warning" = "error") => problems.push({ line, severity, message });

  function peek(): Line | null {
    if (pending) return pending;
    if (ended) return null;
    for (let i = pos; i < raw.length; i++) {
      const r = trimEndOf(raw[i] ?? "");
      const indent = /^ */.exec(r)?.[0].length ?? 0;
      const body = r.slice(indent);
      if (body === "" || body.startsWith("#")) continue;
      if (indent === 0 && (body === "---" || body.startsWith("--- ") || body === "...")) {
        if (body === "..." || started) {
          if (body !== "..." && peekRest(i + 1)) problem(i + 1, "Only the first YAML document is read; the rest of the file was ignored", "warning");
          ended = true;
          return null;
        }
        pos = i + 1;
        continue;
      }
      if (indent === 0 && body.startsWith("%") && !started) {
        pos = i + 1;
        continue;
      }
      if (body.startsWith("\t")) {
        problem(i + 1, "A tab is used for indentation; YAML allows only spaces there. The line was skipped");
        pos = i + 1;
        continue;
      }
      return { no: i + 1, index: i, indent, text: body };
    }
    return null;
  }

  function peekRest(from: number): boolean {
    return raw.slice(from).some((l) => {
      const t = l.trim();
      return t !== "" && !t.startsWith("#");
    });
  }

  function take(line: Line) {
    started = true;
    if (pending === line) pending = null;
    else pos = line.index + 1;
  }

  /** Skips the lines indented deeper than `indent` (the rest of a block that could not be read). */
  function skipDeeper(indent: number) {
    for (let l = peek(); l && l.indent > indent; l = peek()) take(l);
  }

  function parseBlock(minIndent: number, depth: number): YamlNode | null {
    const line = peek();
    if (!line || line.indent < minIndent) return null;
    if (depth > MAX_DEPTH) {
      problem(line.no, `Nested more than ${MAX_DEPTH} levels deep; this part was skipped`);
      skipDeeper(minIndent - 1);
      return { kind: "unsupported", line: line.no };
    }
    if (line.text.startsWith("{") || line.text.startsWith("[")) {
      // A flow collection as a whole block (a JSON inventory is one): it runs until its brackets close.
      take(line);
      return flow(line.text, line, -1, depth);
    }
    return isSeqItem(line.text) ? parseSeq(line.indent, depth) : parseMap(line.indent, depth);
  }

  function parseMap(indent: number, depth: number): YamlNode {
    const first = peek();
    const node: YamlNode & { kind: "map" } = { kind: "map", line: first?.no ?? 0, entries: [] };
    const seen = new Map<string, number>();
    for (let line = peek(); line && line.indent >= indent; line = peek()) {
      if (line.indent > indent) {
        problem(line.no, "Indented deeper than the lines around it without belonging to a key; skipped");
        take(line);
        skipDeeper(indent);
        continue;
      }
      if (isSeqItem(line.text)) {
        problem(line.no, "A list item where a key was expected; skipped");
        take(line);
        skipDeeper(indent);
        continue;
      }
      const split = splitKey(line.text);
      take(line);
      if ("error" in split) {
        problem(line.no, split.error);
        skipDeeper(indent);
        continue;
      }
      const value = parseValue(split.rest, line, indent, depth);
      const earlier = seen.get(split.key);
      if (earlier !== undefined) {
        problem(line.no, `Key "${split.key}" appears again (first on line ${node.entries[earlier]?.line}); the later value is used, as Ansible does`, "warning");
        node.entries[earlier] = { key: split.key, line: line.no, value };
      } else {
        seen.set(split.key, node.entries.length);
        node.entries.push({ key: split.key, line: line.no, value });
      }
    }
    return node;
  }

  function parseSeq(indent: number, depth: number): YamlNode {
    const node: YamlNode & { kind: "seq" } = { kind: "seq", line: peek()?.no ?? 0, items: [] };
    for (let line = peek(); line && line.indent === indent && isSeqItem(line.text); line = peek()) {
      take(line);
      const rest = line.text.slice(1);
      const content = rest.trimStart();
      const column = indent + 1 + (rest.length - content.length);
      if (content === "" || content.startsWith("#")) {
        const next = peek();
        node.items.push(next && next.indent > indent ? (parseBlock(next.indent, depth + 1) ?? { kind: "scalar", line: line.no, value: null }) : { kind: "scalar", line: line.no, value: null });
      } else if (!/^["'{[|>!&*]/.test(content) && !("error" in splitKey(content))) {
        // "- key: value": a mapping whose keys line up with this first one.
        pending = { no: line.no, index: line.index, indent: column, text: content };
        node.items.push(parseMap(column, depth + 1));
      } else {
        node.items.push(parseValue(content, line, indent, depth + 1));
      }
    }
    return node;
  }

  function parseValue(rest: string, line: Line, indent: number, depth: number): YamlNode {
    let s = rest.trimStart();
    let tag = "";
    if (s.startsWith("!")) {
      tag = /^!\S*/.exec(s)?.[0] ?? "";
      s = s.slice(tag.length).trimStart();
    }
    if (s.startsWith("&")) {
      s = s.replace(/^&\S*\s*/, "");
    }
    if (s.startsWith("*")) {
      problem(line.no, `YAML aliases (${/^\*\S*/.exec(s)?.[0]}) are not supported; this value was skipped`, "warning");
      skipDeeper(indent);
      return { kind: "unsupported", line: line.no };
    }
    let node: YamlNode;
    if (s === "" || s.startsWith("#")) {
      const next = peek();
      if (next && next.indent > indent) node = parseBlock(next.indent, depth + 1) ?? { kind: "scalar", line: line.no, value: null };
      else if (next && next.indent === indent && isSeqItem(next.text)) node = parseSeq(indent, depth + 1);
      else node = { kind: "scalar", line: line.no, value: null };
    } else if (s.startsWith("|") || s.startsWith(">")) node = blockScalar(s, line, indent);
    else if (s.startsWith('"') || s.startsWith("'")) node = quoted(s, line, indent);
    else if (s.startsWith("{") || s.startsWith("[")) node = flow(s, line, indent, depth);
    else node = plain(s, line, indent);
    if (tag === "!vault") return { kind: "vault", line: line.no };
    if (node.kind === "scalar" && (tag === "!!str" || tag === "!unsafe") && node.value !== null) return { ...node, value: String(node.value) };
    return node;
  }

  function plain(s: string, line: Line, indent: number): YamlNode {
    let value = cutComment(s);
    for (let next = peek(); next && next.indent > indent; next = peek()) {
      if (!("error" in splitKey(next.text))) {
        problem(next.no, "A key inside a value that already has text on the line above; skipped");
        take(next);
        skipDeeper(indent);
        break;
      }
      take(next);
      value += ` ${cutComment(next.text)}`;
    }
    return { kind: "scalar", line: line.no, value: resolvePlain(value) };
  }

  /** | and > scalars: the more-indented lines below, blank ones included. */
  function blockScalar(header: string, line: Line, indent: number): YamlNode {
    const h = /^([|>])([-+]?)(\d?)([-+]?)/.exec(cutComment(header));
    const literal = h?.[1] === "|";
    const chomp = h?.[2] || h?.[4] || "";
    const body: string[] = [];
    let i = line.index + 1;
    for (; i < raw.length; i++) {
      const r = trimEndOf(raw[i] ?? "");
      if (r !== "" && (/^ */.exec(r)?.[0].length ?? 0) <= indent) break;
      body.push(r);
    }
    pos = i;
    while (body.length && body[body.length - 1] === "") body.pop();
    const explicit = h?.[3] ? indent + Number(h[3]) : 0;
    const contentIndent = explicit || Math.min(...body.filter((b) => b !== "").map((b) => /^ */.exec(b)?.[0].length ?? 0), Infinity);
    const lines = body.map((b) => b.slice(Number.isFinite(contentIndent) ? contentIndent : 0));
    let value = literal ? lines.join("\n") : lines.join(" ").replace(/ {2,}/g, " ");
    if (chomp !== "-" && value !== "") value += "\n";
    return { kind: "scalar", line: line.no, value };
  }

  /** Quoted scalars, also wrapped over more-indented lines (a line break reads as a space). */
  function quoted(s: string, line: Line, indent: number): YamlNode {
    let src = s;
    for (;;) {
      const r = readQuoted(src, 0);
      if (r) {
        const after = src.slice(r.end).trim();
        if (after !== "" && !after.startsWith("#")) problem(line.no, `Unexpected text after a quoted value: ${after}`);
        return { kind: "scalar", line: line.no, value: r.value };
      }
      const next = peek();
      if (!next || next.indent <= indent) {
        problem(line.no, "A quoted value is not closed");
        return { kind: "unsupported", line: line.no };
      }
      take(next);
      src += ` ${next.text}`;
    }
  }

  function flow(s: string, line: Line, indent: number, depth: number): YamlNode {
    let src = cutFlowComment(s);
    let open = nesting(src, { level: 0, quote: "" });
    while (open.level > 0 || open.quote) {
      const next = peek();
      if (!next || next.indent <= indent) break;
      take(next);
      const more = ` ${cutFlowComment(next.text)}`;
      src += more;
      open = nesting(more, open);
    }
    const r = parseFlow(src, 0, line.no, depth);
    if ("error" in r || src.slice(r.end).trim() !== "") {
      problem(line.no, `Cannot read this { } or [ ] value: ${"error" in r ? r.error : "unexpected text after it"}`);
      return { kind: "unsupported", line: line.no };
    }
    return r.node;
  }

  const root = parseBlock(0, 0);
  const stray = peek();
  if (stray) problem(stray.no, "Indented less than the first line of the file; the rest was not read");
  return { root, problems: problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.line - b.p.line || a.i - b.i).map((x) => x.p) };
}

function readQuoted(src: string, start: number): { value: string; end: number } | null {
  const q = src[start];
  let out = "";
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i] as string;
    if (q === "'") {
      if (c === "'" && src[i + 1] === "'") {
        out += "'";
        i++;
      } else if (c === "'") return { value: out, end: i + 1 };
      else out += c;
      continue;
    }
    if (c === '"') return { value: out, end: i + 1 };
    if (c === "\\") {
      const n = src[i + 1] ?? "";
      const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", '"': '"', "\\": "\\", "/": "/", " ": " " };
      const hex = { x: 2, u: 4, U: 8 }[n];
      if (hex) {
        const code = parseInt(src.slice(i + 2, i + 2 + hex), 16);
        out += Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : "";
        i += 1 + hex;
      } else {
        out += simple[n] ?? n;
        i++;
      }
      continue;
    }
    out += c;
  }
  return null;
}

function cutFlowComment(s: string): string {
  let q = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === "\\" && q === '"') i++;
      else if (c === q) q = "";
    } else if (c === '"' || c === "'") q = c;
    else if (c === "#" && (i === 0 || s[i - 1] === " " || s[i - 1] === "\t")) return s.slice(0, i).trimEnd();
  }
  return s;
}

/** Brackets still open (and an open quote) after `s`, continuing from `from`. */
function nesting(s: string, from: { level: number; quote: string }): { level: number; quote: string } {
  let { level, quote } = from;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "{" || c === "[") level++;
    else if (c === "}" || c === "]") level--;
  }
  return { level, quote };
}

type FlowResult = { node: YamlNode; end: number } | { error: string };

function parseFlow(src: string, start: number, line: number, depth: number): FlowResult {
  let i = start;
  const ws = () => {
    while (src[i] === " " || src[i] === "\t") i++;
  };
  ws();
  if (depth > MAX_DEPTH) return { error: `nested more than ${MAX_DEPTH} levels deep` };
  const open = src[i];
  if (open === "{" || open === "[") {
    const close = open === "{" ? "}" : "]";
    i++;
    const entries: YamlEntry[] = [];
    const items: YamlNode[] = [];
    for (;;) {
      ws();
      if (src[i] === close) {
        i++;
        break;
      }
      if (i >= src.length) return { error: `no closing ${close}` };
      const first = parseFlow(src, i, line, depth + 1);
      if ("error" in first) return first;
      i = first.end;
      ws();
      if (src[i] === ":") {
        i++;
        ws();
        const value = src[i] === "," || src[i] === close ? { node: { kind: "scalar", line, value: null } as YamlNode, end: i } : parseFlow(src, i, line, depth + 1);
        if ("error" in value) return value;
        i = value.end;
        const key = first.node.kind === "scalar" ? String(first.node.value ?? "") : "";
        if (open === "{") entries.push({ key, line, value: value.node });
        else items.push({ kind: "map", line, entries: [{ key, line, value: value.node }] });
      } else if (open === "{") {
        entries.push({ key: first.node.kind === "scalar" ? String(first.node.value ?? "") : "", line, value: { kind: "scalar", line, value: null } });
      } else items.push(first.node);
      ws();
      if (src[i] === ",") i++;
      else if (src[i] !== close) return { error: `expected , or ${close}` };
    }
    return { node: open === "{" ? { kind: "map", line, entries } : { kind: "seq", line, items }, end: i };
  }
  if (open === '"' || open === "'") {
    const r = readQuoted(src, i);
    return r ? { node: { kind: "scalar", line, value: r.value }, end: r.end } : { error: "a quoted value is not closed" };
  }
  // A plain scalar ends at , ] } or at a colon followed by a space or one of those.
  const m = /^(?:[^,\]}:]|:(?![ \t,\]}]|$))*/.exec(src.slice(i));
  const text = (m?.[0] ?? "").trimEnd();
  if (text === "" && src[i] !== ":" && src[i] !== ",") return { error: "empty value" };
  return { node: { kind: "scalar", line, value: resolvePlain(text) }, end: i + (m?.[0].length ?? 0) };
}

/** `key: rest` with a plain or quoted key; the colon must be followed by a space or end the line. */
export function splitKey(text: string): { key: string; rest: string } | { error: string; key?: undefined } {
  if (text.startsWith("? ") || text === "?") return { error: "Complex keys (?) are not supported; skipped" };
  if (text.startsWith('"') || text.startsWith("'")) {
    const r = readQuoted(text, 0);
    if (!r) return { error: "A quoted key is not closed" };
    const after = /^[ \t]*:(?=[ \t]|$)/.exec(text.slice(r.end));
    if (!after) return { error: "Expected a colon after a quoted key" };
    return { key: r.value, rest: text.slice(r.end + after[0].length) };
  }
  if (/^[{[]/.test(text)) return { error: `Expected "key: value", found: ${text}` };
  // A plain key runs to the first colon followed by a blank or the end; a # after a blank is a comment.
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "#" && i > 0 && (text[i - 1] === " " || text[i - 1] === "\t")) break;
    if (c === ":" && i > 0 && (i + 1 === text.length || text[i + 1] === " " || text[i + 1] === "\t")) {
      return { key: trimEndOf(text.slice(0, i)), rest: text.slice(i + 1).replace(/^[ \t]+/, "") };
    }
  }
  return { error: `Expected "key: value", found: ${text}` };
}
