import { splitLines, tooLargeProblem, type ImportResult } from "./draft";
import { readIni } from "./ansible-ini";
import { inventoryResult, newInventory } from "./ansible-model";
import { readYamlInventory } from "./ansible-yaml";

// Ansible inventory (INI or YAML) to host drafts: each inventory host with the address, port,
// user and key file Ansible would connect with (ansible_host, ansible_port, ansible_user,
// ansible_ssh_private_key_file and their legacy ansible_ssh_* names), after group variables,
// children and `all` have been applied. Not read: group_vars/ and host_vars/ directories (files
// beside the inventory), inventory plugins and scripts, templates and vault-encrypted values.

export type InventoryFormat = "ini" | "yaml";

/**
 * INI unless the first line that is not blank or a comment starts a YAML document, a JSON/flow
 * collection, or is a `key:` / `key: value` line (an INI host line has no ": ").
 */
export function detectInventoryFormat(text: string): InventoryFormat {
  for (const raw of splitLines(text)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    if (line.startsWith("[")) return "ini";
    if (line === "---" || line.startsWith("--- ") || line.startsWith("{") || line.startsWith("%YAML")) return "yaml";
    return /^[^\s=]+:(?:\s|$)/.test(line) || /^["'][^"']*["']\s*:(?:\s|$)/.test(line) ? "yaml" : "ini";
  }
  return "ini";
}

export function parseAnsibleInventory(text: string, format?: InventoryFormat): ImportResult {
  const large = tooLargeProblem(text);
  if (large) return { drafts: [], problems: [large] };
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (/^\s*\$ANSIBLE_VAULT;/.test(body)) {
    return { drafts: [], problems: [{ line: 1, severity: "error", message: "The whole file is encrypted with ansible-vault; decrypt it (ansible-vault view) and import the plain text" }] };
  }
  const inv = newInventory();
  if ((format ?? detectInventoryFormat(body)) === "yaml") readYamlInventory(body, inv);
  else readIni(splitLines(body), inv);
  return inventoryResult(inv);
}
