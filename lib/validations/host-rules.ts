import net from "node:net";

// The rules a stored host's fields follow, apart from zod, so code that checks hosts before
// they reach the API (the import preview in lib/import) applies exactly the same ones. No
// "server-only" here: nothing in this file is secret or does I/O.

// Names and usernames are also displayed and logged, and no field is ever put in a shell;
// the strict character sets still refuse shell syntax outright so nothing odd is even stored.
export const HOST_NAME_MAX = 64;
export const HOST_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;
export const USERNAME = /^[A-Za-z0-9_][A-Za-z0-9_.@\\-]{0,63}$/;
export const ADDRESS_MAX = 253;
export const PORT_MIN = 1;
export const PORT_MAX = 65535;
const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export function isValidAddress(value: string): boolean {
  const v = value.startsWith("[") && value.endsWith("]") ? value.slice(1, -1) : value;
  if (net.isIP(v) !== 0) return true;
  if (/^[0-9.]+$/.test(v)) return false; // looks like IPv4 but is not one (e.g. 10.0.0.300)
  return v.length <= ADDRESS_MAX && v.split(".").every((l) => HOST_LABEL.test(l));
}
