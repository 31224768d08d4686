import { isIP } from "node:net";

/**
 * May first-run setup answer a request with this Host header? DNS rebinding lets a web page on
 * any site make the browser send requests to netdiag under the page's own name, so setup only
 * answers when the Host is an IP literal, localhost, or a name in NETDIAG_ALLOWED_HOSTS.
 */
export function isSetupHostAllowed(host: string | null, allowedHosts: readonly string[]): boolean {
  if (!host) return false;
  const h = host.trim().toLowerCase();
  const bracketed = h.match(/^\[([^\]]+)\](?::\d{1,5})?$/);
  if (bracketed?.[1]) return isIP(bracketed[1]) === 6;
  const m = h.match(/^([^:]+)(?::\d{1,5})?$/);
  if (!m?.[1]) return false;
  const name = m[1].replace(/\.$/, "");
  if (isIP(name) === 4) return true;
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  return allowedHosts.includes(name);
}
