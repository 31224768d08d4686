/** First line of each interface block in `ip link` / `ip addr` text output. */
export type LinkHeader = {
  ifindex: number;
  name: string;
  flags: string[];
  /** mtu, master, state from "mtu 9000 qdisc noqueue master br0 state UP ..." */
  attrs: Map<string, string>;
};

const KEYS = new Set(["mtu", "master", "state"]);
// The rest of the line is sliced off, not matched: `\s*(.*)$` overlapped (quadratic).
const HEADER = /^(\d+):\s+(\S+):\s+<([^>]*)>/;

export function parseLinkHeader(line: string): LinkHeader | null {
  const match = HEADER.exec(line);
  if (!match) return null;
  const [, index = "", rawName = "", flags = ""] = match;
  const rest = line.slice(match[0].length);
  // "veth0@if5", "mv0@br0", "eth0.42@eth0": the suffix names the lower device (IFLA_LINK).
  const at = rawName.lastIndexOf("@");
  const name = at > 0 ? rawName.slice(0, at) : rawName;
  const words = rest.split(/\s+/).filter(Boolean);
  const attrs = new Map<string, string>();
  // Looked up by keyword rather than read in pairs: versions add valueless words here.
  words.forEach((word, i) => {
    const value = words[i + 1];
    if (KEYS.has(word) && value !== undefined && !attrs.has(word)) attrs.set(word, value);
  });
  return { ifindex: Number(index), name, flags: flags.split(",").filter(Boolean), attrs };
}

export function positiveInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
