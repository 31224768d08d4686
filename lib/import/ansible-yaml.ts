import { addChild, addGroup, addHosts, setGroupVar, setHostVar, type Inventory, type VarValue } from "./ansible-model";
import { readYaml, type YamlNode } from "./yaml-subset";

// Ansible's YAML inventory, walked as lib/ansible/plugins/inventory/yaml.py (ansible-core 2.18)
// walks it: every top-level key is a group (usually just `all`); a group has `hosts`
// (pattern -> variables), `children` (name -> group) and `vars`. A string where a mapping is
// expected counts as a mapping with that one key (`hosts: web1`), as in Ansible.

export function readYamlInventory(text: string, inv: Inventory) {
  const { root, problems } = readYaml(text);
  inv.problems.push(...problems);
  if (!root || (root.kind === "scalar" && root.value === null)) {
    inv.problems.push({ line: 1, severity: "error", message: "The YAML inventory is empty" });
    return;
  }
  if (root.kind !== "map") {
    inv.problems.push({ line: root.line, severity: "error", message: "A YAML inventory is a mapping of group names (usually all:) at the top" });
    return;
  }
  const plugin = root.entries.find((e) => e.key === "plugin");
  if (plugin) {
    const name = plugin.value.kind === "scalar" ? String(plugin.value.value) : "?";
    inv.problems.push({ line: plugin.line, severity: "error", message: `This configures the inventory plugin ${name}, which finds hosts when Ansible runs; it lists no hosts netdiag could import` });
    return;
  }
  for (const e of root.entries) {
    if (inv.refused) return;
    walkGroup(inv, e.key, e.value, e.line);
  }
}

/** A section that may be a mapping, null, or (Ansible converts it) a single string key. */
function entriesOf(node: YamlNode): { key: string; line: number; value: YamlNode }[] | null {
  if (node.kind === "map") return node.entries;
  if (node.kind === "scalar" && node.value === null) return [];
  if (node.kind === "scalar") return [{ key: String(node.value), line: node.line, value: { kind: "scalar", line: node.line, value: null } }];
  return null;
}

// A node the YAML reader could not read ("unsupported") was reported there already.

function walkGroup(inv: Inventory, group: string, node: YamlNode, line: number) {
  if (node.kind === "unsupported") return;
  if (node.kind !== "map" && !(node.kind === "scalar" && node.value === null)) {
    inv.problems.push({ line, severity: "warning", message: `"${group}" is not a group definition (a group has hosts, children and vars); skipped` });
    return;
  }
  addGroup(inv, group);
  if (node.kind !== "map") return;
  for (const section of node.entries) {
    if (inv.refused) return;
    const entries = entriesOf(section.value);
    if (section.key !== "hosts" && section.key !== "children" && section.key !== "vars") {
      inv.problems.push({ line: section.line, severity: "warning", message: `"${section.key}" in group ${group} is not hosts, children or vars; skipped, as Ansible does` });
      continue;
    }
    if (section.value.kind === "unsupported") continue;
    if (entries === null) {
      inv.problems.push({ line: section.line, severity: "error", message: `"${section.key}" of group ${group} must be a mapping; skipped` });
      continue;
    }
    for (const e of entries) {
      if (inv.refused) return;
      if (section.key === "vars") setGroupVar(inv, group, e.key, varValue(e.value), e.line);
      else if (section.key === "children") {
        walkGroup(inv, e.key, e.value, e.line);
        addChild(inv, group, e.key, e.line);
      } else walkHost(inv, group, e.key, e.value, e.line);
    }
  }
}

function walkHost(inv: Inventory, group: string, pattern: string, node: YamlNode, line: number) {
  if (node.kind === "unsupported") return;
  if (node.kind !== "map" && !(node.kind === "scalar" && node.value === null)) {
    inv.problems.push({ line, severity: "error", message: `The variables of host ${pattern} must be a mapping (key: value lines below it); the host was skipped` });
    return;
  }
  const hosts = addHosts(inv, pattern, group, line);
  if (!hosts || node.kind !== "map") return;
  for (const host of hosts) for (const e of node.entries) setHostVar(inv, host, e.key, varValue(e.value), e.line);
}

function varValue(node: YamlNode): VarValue {
  if (node.kind === "vault") return { kind: "vault" };
  if (node.kind !== "scalar") return { kind: "other" };
  const v = node.value;
  if (v === null) return { kind: "null" };
  if (typeof v === "boolean") return { kind: "bool", value: v };
  if (typeof v === "number") return { kind: "number", value: v };
  return { kind: "text", text: v };
}
