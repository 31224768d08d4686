import { addChild, addGroup, addHosts, setGroupVar, setHostVar, type Inventory, type VarValue } from "./ansible-model";

// Ansible's INI inventory, read as lib/ansible/plugins/inventory/ini.py (ansible-core 2.18) reads
// it: lines before any section are hosts of `ungrouped`; `[g]` hosts, `[g:vars]` key=value
// lines, `[g:children]` group names; `#` and `;` start comment lines. A host line is split like
// a shell would (shlex, with `#` ending it) into the host pattern and key=value pairs; a
// `[g:vars]` line is split at its first `=` only, so a `#` there is part of the value, as in
// Ansible. Values go through Python's literal_eval: 22 is a number, '22' text, True a boolean.
// Where Ansible stops at the first error, this reads on and reports each bad line.

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/;

export function readIni(lines: string[], inv: Inventory) {
  const declared = new Set(["all", "ungrouped"]);
  const varsOnly = new Map<string, number>();
  const undeclaredChildren = new Map<string, number>();
  let group = "ungrouped";
  let state: "hosts" | "vars" | "children" | "skip" = "hosts";

  for (let i = 0; i < lines.length && !inv.refused; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? "").trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const error = (message: string) => inv.problems.push({ line: lineNo, severity: "error", message });

    const section = SECTION.exec(line);
    if (section) {
      group = section[1] ?? "";
      const kind = section[2] ?? "hosts";
      if (kind !== "hosts" && kind !== "vars" && kind !== "children") {
        error(`Section [${group}:${kind}] has an unknown type "${kind}" (hosts, vars or children); its lines were skipped`);
        state = "skip";
        continue;
      }
      state = kind;
      addGroup(inv, group);
      if (kind === "vars") {
        if (!declared.has(group) && !varsOnly.has(group)) varsOnly.set(group, lineNo);
      } else {
        declared.add(group);
        varsOnly.delete(group);
        undeclaredChildren.delete(group);
      }
      continue;
    }
    if (line.startsWith("[") && line.endsWith("]")) {
      error(`"${line}" is not a valid section header (no spaces allowed inside the brackets); its lines were skipped`);
      state = "skip";
      continue;
    }
    if (state === "skip") continue;

    if (state === "hosts") {
      const tokens = shlexSplit(line);
      if ("error" in tokens) {
        error(`Cannot split this host line: ${tokens.error}`);
        continue;
      }
      const [pattern, ...assignments] = tokens.words;
      if (pattern === undefined) continue;
      if (pattern.trim() === "---") {
        error('"---" starts a YAML document; is this a YAML inventory?');
        continue;
      }
      if (pattern.endsWith(":")) {
        error(`Host "${pattern}" ends with ":", which Ansible keeps for a port number`);
        continue;
      }
      const bad = assignments.find((a) => !a.includes("="));
      if (bad !== undefined) {
        error(`Expected key=value after the host name, found "${bad}"`);
        continue;
      }
      const hosts = addHosts(inv, pattern, group, lineNo);
      for (const host of hosts ?? []) {
        for (const a of assignments) {
          const eq = a.indexOf("=");
          setHostVar(inv, host, a.slice(0, eq), pythonLiteral(a.slice(eq + 1)), lineNo);
        }
      }
    } else if (state === "vars") {
      const eq = line.indexOf("=");
      if (eq < 0) {
        error(`Expected key=value in [${group}:vars], found "${line}"`);
        continue;
      }
      setGroupVar(inv, group, line.slice(0, eq).trim(), pythonLiteral(line.slice(eq + 1).trim()), lineNo);
    } else {
      const child = GROUP_NAME.exec(line)?.[1];
      if (child === undefined) {
        error(`Expected a group name in [${group}:children], found "${line}"`);
        continue;
      }
      if (!declared.has(child) && !undeclaredChildren.has(child)) undeclaredChildren.set(child, lineNo);
      addChild(inv, group, child, lineNo);
    }
  }

  // Ansible stops with an error on these; nothing is lost by reading on, so they are warnings here.
  for (const [g, line] of varsOnly) {
    inv.problems.push({ line, severity: "warning", message: `[${g}:vars] is for a group no [${g}] or [${g}:children] section defines; Ansible refuses this file` });
  }
  for (const [g, line] of undeclaredChildren) {
    inv.problems.push({ line, severity: "warning", message: `Child group ${g} is not defined by any section; Ansible refuses this file` });
  }
}

/** shlex.split(line, comments=True) in POSIX mode, as Ansible splits host lines. */
export function shlexSplit(s: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let token = "";
  let quoted = false;
  let state: " " | "a" | '"' | "'" = " ";
  const flush = () => {
    if (token !== "" || quoted) words.push(token);
    token = "";
    quoted = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (state === '"' || state === "'") {
      if (c === state) state = "a";
      else if (state === '"' && c === "\\") {
        // Inside double quotes a backslash escapes only " and \ (shlex escapedquotes).
        const n = s[i + 1];
        if (n === undefined) return { error: "no escaped character" };
        token += n === '"' || n === "\\" ? n : `\\${n}`;
        i++;
      } else token += c;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      if (state === "a") flush();
      state = " ";
    } else if (c === "#") {
      break;
    } else if (c === '"' || c === "'") {
      state = c;
      quoted = true;
    } else if (c === "\\") {
      const n = s[i + 1];
      if (n === undefined) return { error: "no escaped character" };
      token += n;
      i++;
      state = "a";
    } else {
      token += c;
      state = "a";
    }
  }
  if (state === '"' || state === "'") return { error: "a quote is not closed" };
  if (state === "a") flush();
  return { words };
}

/** What ast.literal_eval makes of an INI value, as far as connection settings care. */
export function pythonLiteral(v: string): VarValue {
  if (/^[-+]?(?:0|[1-9](?:_?\d)*)$/.test(v)) return { kind: "number", value: Number(v.replace(/_/g, "")) };
  if (v === "True" || v === "False") return { kind: "bool", value: v === "True" };
  if (v === "None") return { kind: "null" };
  const str = /^[rRuU]?(['"])([\s\S]*)\1$/.exec(v);
  if (str && str[2] !== undefined && !new RegExp(`(^|[^\\\\])${str[1]}`).test(str[2])) {
    const raw = /^[rR]/.test(v);
    const inner = str[2];
    return { kind: "text", text: raw ? inner : inner.replace(/\\(.)/g, (_, c: string) => ({ n: "\n", t: "\t", r: "\r", "0": "\0" })[c] ?? c) };
  }
  if (/^(?:\[[\s\S]*\]|\{[\s\S]*\}|\([\s\S]*\))$/.test(v)) return { kind: "other" };
  return { kind: "text", text: v };
}
