import { isIP } from "node:net";

// Which address a login attempt comes from, for rate limiting.
//
// Next 16.4 does NOT append the socket's address to X-Forwarded-For: base-server.js does
// `req.headers['x-forwarded-for'] ??= socket.remoteAddress`, so a header the client sent is
// passed on untouched and any hop in it may be made up. lib/auth/peer-hook.ts (installed from
// instrumentation.ts) appends the socket's address itself, so the LAST hop is the TCP peer.
// With NETDIAG_TRUSTED_PROXIES=n, the n last hops are reverse proxies that each appended their
// own peer, and the client is the hop before them.

/** X-Forwarded-For with `peer` appended: what the hook writes on every incoming request. */
export function appendPeer(forwardedFor: string | string[] | undefined, peer: string | undefined): string {
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  hops.push(peer || "unknown");
  return hops.join(", ");
}

/**
 * The rate-limit key of an address: IPv4-mapped IPv6 as IPv4, IPv6 by its /64 (one LAN host
 * can use any address of its /64 with SLAAC privacy addresses), anything unparsable as itself.
 */
export function addressKey(raw: string): string {
  let a = raw.trim();
  // "[2001:db8::1]:1234" and "192.0.2.1:1234" as some proxies write them.
  const bracketed = a.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed?.[1]) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.replace(/%.*$/, "").toLowerCase();
  const mapped = a.match(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/);
  if (mapped?.[1]) return mapped[1];
  if (isIP(a) === 4) return a;
  if (isIP(a) === 6) return `${expandIpv6(a).slice(0, 4).join(":")}::/64`;
  return a || "unknown";
}

function expandIpv6(a: string): string[] {
  const [head = "", tail] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(missing, 0)).fill("0"), ...right].map((g) => g.replace(/^0+(?=.)/, ""));
}

/** The client: the hop just before the `trustedProxies` last ones (the last hop with none). */
export function clientAddress(forwardedFor: string | null, trustedProxies: number): string {
  const hops = (forwardedFor ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  if (hops.length === 0) return "unknown";
  // No more hops than trusted proxies: the request did not come through all of them; take the
  // first hop rather than none (with the default of 0 trusted proxies this cannot happen).
  const hop = hops[Math.max(hops.length - 1 - trustedProxies, 0)] ?? "unknown";
  return addressKey(hop);
}
