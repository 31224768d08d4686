import { MAX_HOSTS, toDraft, tooManyHostsProblem, type HostDraft, type ImportProblem, type ImportResult, type Located } from "./draft";
import { expandHostPattern } from "./ansible-range";

// An Ansible inventory as the INI and YAML readers fill it, and what each host's connection
// variables resolve to, following ansible-core 2.18 (read at c9ac477, Oct 2024):
// - every group is inside `all`; a host in no other group is in `ungrouped`;
// - group variables merge from the shallowest group to the deepest (lib/ansible/inventory/
//   helpers.py, sort_groups: depth, then ansible_group_priority, then name), host variables last;
// - a child that would make a loop is refused (group.py, add_child_group);
// - among synonyms the one listed last in the ssh connection plugin wins when both are set
//   (config/manager.py, _loop_entries): ansible_ssh_host over ansible_host, ansible_ssh_port over
//   ansible_port, ansible_ssh_user over ansible_user.
// Templates ({{ }}) and vault-encrypted values are not evaluated; where they decide a host's
// address, port or user, the preview says so.

export type VarValue =
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "bool"; value: boolean }
  | { kind: "null" }
  | { kind: "vault" }
  /** A list, a mapping, or YAML this reader does not take apart. */
  | { kind: "other" };

export type Var = { value: VarValue; line: number };

type Group = { name: string; vars: Map<string, Var>; parents: string[]; children: string[] };
type Host = { name: string; line: number; groups: string[]; vars: Map<string, Var> };

export type Inventory = {
  groups: Map<string, Group>;
  hosts: Map<string, Host>;
  problems: ImportProblem[];
  /** Lines of vault-encrypted and templated values in variables netdiag does not use. */
  unread: { vault: number[]; template: number[] };
  /** Steps spent walking groups (loop checks, ancestors); bounded against crafted inventories. */
  work: number;
  /** Set when the inventory is refused as a whole (too many hosts, too complex). */
  refused: ImportProblem | null;
};

const MAX_WORK = 5_000_000;

export function newInventory(): Inventory {
  const inv: Inventory = { groups: new Map(), hosts: new Map(), problems: [], unread: { vault: [], template: [] }, work: 0, refused: null };
  addGroup(inv, "all");
  addGroup(inv, "ungrouped");
  return inv;
}

export function addGroup(inv: Inventory, name: string): Group {
  let g = inv.groups.get(name);
  if (!g) {
    g = { name, vars: new Map(), parents: [], children: [] };
    inv.groups.set(name, g);
  }
  return g;
}

function spend(inv: Inventory, steps: number, line: number): boolean {
  inv.work += steps;
  if (inv.work > MAX_WORK && !inv.refused) {
    inv.refused = { line, severity: "error", message: "The group structure is too large to work out (too many nested or shared groups); split the inventory." };
  }
  return !inv.refused;
}

/** Adds the hosts a pattern stands for to a group; the names, or null when the pattern is refused. */
export function addHosts(inv: Inventory, pattern: string, group: string, line: number): string[] | null {
  const expanded = expandHostPattern(pattern, MAX_HOSTS);
  if ("error" in expanded) {
    inv.problems.push({ line, severity: "error", message: `Host pattern ${expanded.error}` });
    return null;
  }
  if (expanded.names.length === 0) inv.problems.push({ line, severity: "warning", message: `Host pattern "${pattern}" stands for no host (its range ends before it begins)` });
  const g = addGroup(inv, group);
  for (const name of expanded.names) {
    let h = inv.hosts.get(name);
    if (!h) {
      if (inv.hosts.size >= MAX_HOSTS) {
        inv.refused ??= tooManyHostsProblem(line);
        return null;
      }
      h = { name, line, groups: [], vars: new Map() };
      inv.hosts.set(name, h);
      // Host(name, port) in inventory/host.py: a port in the pattern only counts where the host is first seen.
      if (expanded.port !== null) h.vars.set("ansible_port", { value: { kind: "number", value: expanded.port }, line });
    }
    if (!h.groups.includes(g.name)) h.groups.push(g.name);
  }
  return expanded.names;
}

export function setHostVar(inv: Inventory, host: string, key: string, value: VarValue, line: number) {
  noteUnread(inv, key, value, line);
  inv.hosts.get(host)?.vars.set(key, { value, line });
}

export function setGroupVar(inv: Inventory, group: string, key: string, value: VarValue, line: number) {
  noteUnread(inv, key, value, line);
  addGroup(inv, group).vars.set(key, { value, line });
}

function noteUnread(inv: Inventory, key: string, value: VarValue, line: number) {
  if (isConnectionVar(key)) return;
  const list = value.kind === "vault" ? inv.unread.vault : value.kind === "text" && isTemplate(value.text) ? inv.unread.template : null;
  if (list && list[list.length - 1] !== line) list.push(line);
}

/** One line for all the values that were not decrypted or evaluated but were not needed either. */
function unreadSummary(inv: Inventory): ImportProblem[] {
  const say = (lines: number[], one: string, many: string) => {
    const shown = lines.slice(0, 10).join(", ") + (lines.length > 10 ? ", …" : "");
    const message =
      lines.length === 1
        ? `1 ${one} (line ${shown}); it is not an address, port, user or key file, so the import does not need it`
        : `${lines.length} ${many} (lines ${shown}); none of them is an address, port, user or key file, so the import does not need them`;
    return { line: lines[0] ?? 1, severity: "warning" as const, message };
  };
  const out: ImportProblem[] = [];
  if (inv.unread.vault.length) out.push(say(inv.unread.vault, "vault-encrypted value was not decrypted", "vault-encrypted values were not decrypted"));
  if (inv.unread.template.length) out.push(say(inv.unread.template, "value with a Jinja template ({{ }}) was not evaluated", "values with Jinja templates ({{ }}) were not evaluated"));
  return out;
}

/** Makes `child` a child of `parent`, unless that would make a loop (Ansible refuses those). */
export function addChild(inv: Inventory, parent: string, child: string, line: number): boolean {
  const p = addGroup(inv, parent);
  const c = addGroup(inv, child);
  if (p.children.includes(child)) return true;
  if (parent === child || reaches(inv, c, parent, line)) {
    if (!inv.refused) inv.problems.push({ line, severity: "error", message: `Group ${child} as a child of ${parent} would make a loop (${parent} is already inside ${child}); Ansible refuses this, netdiag ignores the line` });
    return false;
  }
  p.children.push(child);
  c.parents.push(parent);
  return true;
}

function reaches(inv: Inventory, from: Group, target: string, line: number): boolean {
  const seen = new Set<string>([from.name]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const g = queue[i] as Group;
    if (!spend(inv, g.children.length + 1, line)) return true;
    for (const name of g.children) {
      if (name === target) return true;
      const next = inv.groups.get(name);
      if (next && !seen.has(name)) {
        seen.add(name);
        queue.push(next);
      }
    }
  }
  return false;
}

/** Longest path from `all` (Group.depth): groups with no parent hang under `all` at depth 1. */
function depths(inv: Inventory): Map<string, number> {
  const depth = new Map<string, number>([["all", 0]]);
  const pending = new Map<string, number>();
  const queue: string[] = [];
  for (const g of inv.groups.values()) {
    if (g.name === "all") continue;
    const parents = g.parents.filter((p) => p !== "all").length;
    pending.set(g.name, parents);
    if (parents === 0) {
      depth.set(g.name, 1);
      queue.push(g.name);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i] as string;
    const g = inv.groups.get(name);
    for (const child of g?.children ?? []) {
      if (child === "all") continue;
      depth.set(child, Math.max(depth.get(child) ?? 0, (depth.get(name) ?? 0) + 1));
      const left = (pending.get(child) ?? 1) - 1;
      pending.set(child, left);
      if (left === 0) queue.push(child);
    }
  }
  return depth;
}

function priorityOf(g: Group): number {
  const v = g.vars.get("ansible_group_priority")?.value;
  if (v?.kind === "number") return v.value;
  if (v?.kind === "text" && /^\s*-?\d+\s*$/.test(v.text)) return Number(v.text);
  return 1;
}

const CONNECTION_VARS = [
  "ansible_host",
  "ansible_ssh_host",
  "ansible_port",
  "ansible_ssh_port",
  "ansible_user",
  "ansible_ssh_user",
  "ansible_private_key_file",
  "ansible_ssh_private_key_file",
  "ansible_connection",
] as const;
type ConnectionVar = (typeof CONNECTION_VARS)[number];
type Effective = Partial<Record<ConnectionVar, Var>>;

/**
 * The connection variables a host gets from its groups, every ancestor and `all`, merged in
 * sort_groups order (`rank`). Hosts in the same groups share one answer.
 */
function groupVars(inv: Inventory, h: Host, rank: Map<string, number>, cache: Map<string, Effective>): Effective | null {
  // reconcile_inventory(): `ungrouped` holds only hosts that are in no other group.
  const direct = h.groups.filter((g) => g !== "all" && g !== "ungrouped");
  const start = direct.length ? direct : ["ungrouped"];
  const key = start.join("\n");
  const cached = cache.get(key);
  if (cached) return cached;
  const names = new Set<string>(["all"]);
  const queue = [...start];
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i] as string;
    if (names.has(name)) continue;
    names.add(name);
    const g = inv.groups.get(name);
    if (!spend(inv, (g?.parents.length ?? 0) + 1, h.line)) return null;
    for (const p of g?.parents ?? []) if (!names.has(p)) queue.push(p);
  }
  const groups = [...names].map((n) => inv.groups.get(n)).filter((g): g is Group => g !== undefined);
  if (!spend(inv, groups.length * Math.ceil(Math.log2(groups.length + 1)), h.line)) return null;
  groups.sort((a, b) => (rank.get(a.name) ?? 0) - (rank.get(b.name) ?? 0));
  const merged: Effective = {};
  for (const g of groups) for (const [name, v] of g.vars) if (isConnectionVar(name)) merged[name] = v;
  cache.set(key, merged);
  return merged;
}

/** sort_groups() order for every group at once: depth, then ansible_group_priority, then name. */
function ranks(inv: Inventory): Map<string, number> {
  const depth = depths(inv);
  const keyed = [...inv.groups.values()].map((g) => ({ name: g.name, depth: depth.get(g.name) ?? 0, priority: priorityOf(g) }));
  keyed.sort((a, b) => a.depth - b.depth || a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return new Map(keyed.map((k, i) => [k.name, i]));
}

const isConnectionVar = (name: string): name is ConnectionVar => (CONNECTION_VARS as readonly string[]).includes(name);

/** _loop_entries: the last of the synonyms that is set (not null) wins. */
function pick(vars: Effective, names: readonly ConnectionVar[]): { name: ConnectionVar; v: Var } | null {
  let found: { name: ConnectionVar; v: Var } | null = null;
  for (const name of names) {
    const v = vars[name];
    if (v && v.value.kind !== "null") found = { name, v };
  }
  return found;
}

const isTemplate = (text: string) => /\{\{|\{%/.test(text);

function textOf(v: VarValue): { text: string } | { why: string } {
  if (v.kind === "text") return isTemplate(v.text) ? { why: "is a Jinja template; netdiag does not evaluate templates" } : { text: v.text };
  if (v.kind === "number") return { text: String(v.value) };
  if (v.kind === "vault") return { why: "is vault-encrypted; netdiag cannot decrypt it" };
  return { why: "is not a plain value" };
}

// Connection plugins that still log in over SSH, as netdiag will.
const SSH_LIKE = /^(?:ansible\.builtin\.)?(?:ssh|paramiko|paramiko_ssh|smart)$|^(?:ansible\.netcommon\.)?(?:network_cli|netconf|libssh)$/;

function hostDraft(h: Host, vars: Effective, problems: ImportProblem[]): HostDraft | null {
  const host = h.name;
  const say = (severity: "error" | "warning", line: number, message: string) => problems.push({ line, severity, message, host });

  const addressVar = pick(vars, ["ansible_host", "ansible_ssh_host"]);
  const plain = vars.ansible_host;
  const legacy = vars.ansible_ssh_host;
  if (plain && legacy && addressVar?.name === "ansible_ssh_host" && JSON.stringify(plain.value) !== JSON.stringify(legacy.value)) {
    say("warning", legacy.line, `${host} has both ansible_host (line ${plain.line}) and ansible_ssh_host; Ansible uses ansible_ssh_host, and so does netdiag`);
  }
  let address: Located<string> = { value: host, line: h.line };
  if (addressVar) {
    const t = textOf(addressVar.v.value);
    if ("why" in t) {
      say("error", addressVar.v.line, `${addressVar.name} of ${host} ${t.why}, so the address is unknown`);
      return null;
    }
    address = { value: t.text, line: addressVar.v.line };
  }

  let port: Located<number> | null = null;
  const portVar = pick(vars, ["ansible_port", "ansible_ssh_port"]);
  if (portVar) {
    const t = textOf(portVar.v.value);
    if ("why" in t) {
      say("error", portVar.v.line, `${portVar.name} of ${host} ${t.why}, so the port is unknown`);
      return null;
    }
    port = { value: /^\s*\d+\s*$/.test(t.text) ? Number(t.text) : NaN, line: portVar.v.line };
    if (Number.isNaN(port.value)) {
      say("error", portVar.v.line, `${portVar.name} of ${host} is "${t.text}", not a port number`);
      return null;
    }
  }

  let username: Located<string> | null = null;
  const userVar = pick(vars, ["ansible_user", "ansible_ssh_user"]);
  if (userVar) {
    const t = textOf(userVar.v.value);
    if ("why" in t) say("warning", userVar.v.line, `${userVar.name} of ${host} ${t.why}; the user is left empty`);
    else username = { value: t.text, line: userVar.v.line };
  }

  let identityFile: string | null = null;
  const keyVar = pick(vars, ["ansible_private_key_file", "ansible_ssh_private_key_file"]);
  if (keyVar) {
    const t = textOf(keyVar.v.value);
    if ("why" in t) say("warning", keyVar.v.line, `${keyVar.name} of ${host} ${t.why}; no key file is noted`);
    else identityFile = t.text;
  }

  const connection = vars.ansible_connection;
  if (connection) {
    const t = textOf(connection.value);
    if ("text" in t && !SSH_LIKE.test(t.text)) {
      say("warning", connection.line, `${host} has ansible_connection=${t.text}: Ansible does not log in over SSH there; netdiag will try SSH`);
    }
  }

  const built = toDraft({ name: { value: host, line: h.line }, address, port, username, identityFile }, "ansible");
  problems.push(...built.problems);
  return built.draft;
}

export function inventoryResult(inv: Inventory): ImportResult {
  if (inv.refused) return { drafts: [], problems: [inv.refused] };
  const rank = ranks(inv);
  const cache = new Map<string, Effective>();
  const problems = [...inv.problems, ...unreadSummary(inv)];
  const drafts: HostDraft[] = [];
  for (const h of inv.hosts.values()) {
    const fromGroups = groupVars(inv, h, rank, cache);
    if (!fromGroups) break;
    const vars: Effective = { ...fromGroups };
    for (const [name, v] of h.vars) if (isConnectionVar(name)) vars[name] = v;
    const draft = hostDraft(h, vars, problems);
    if (draft) drafts.push(draft);
  }
  if (inv.refused) return { drafts: [], problems: [inv.refused] };
  const sorted = problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.line - b.p.line || a.i - b.i);
  return { drafts, problems: sorted.map((x) => x.p) };
}
