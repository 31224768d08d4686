// Address arithmetic for the detectors: IPv4 and IPv6 as bigints, so "same subnet" and
// "same address" don't depend on how a platform spelled the address.

export type Ip = { family: 4 | 6; value: bigint };
export type Cidr = Ip & { prefix: number; address: string };

function parseV4(s: string): bigint | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseV6(s: string): bigint | null {
  let text = s.toLowerCase();
  let tail: bigint | null = null;
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail = parseV4(dotted[1] ?? "");
    if (tail === null) return null;
    text = `${text.slice(0, dotted.index)}:0:0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0] ?? "");
  const rest = halves.length === 2 ? groups(halves[1] ?? "") : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail !== null) v = (v & ~0xffffffffn) | tail;
  return v;
}

/** "10.0.0.5", "fe80::1%eth0" → family and value; null when it is not an address. */
export function parseIp(text: string): Ip | null {
  const s = text.trim().replace(/%.*$/, "");
  if (s.includes(":")) {
    const v = parseV6(s);
    return v === null ? null : { family: 6, value: v };
  }
  const v = parseV4(s);
  return v === null ? null : { family: 4, value: v };
}

/** "10.0.0.5/24" (a bare address counts as /32 or /128). */
export function parseCidr(text: string): Cidr | null {
  const [addr = "", len] = text.split("/");
  const ip = parseIp(addr);
  if (!ip) return null;
  const max = ip.family === 4 ? 32 : 128;
  const prefix = len === undefined ? max : Number(len);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { ...ip, prefix, address: addr.replace(/%.*$/, "") };
}

/** A comparable identity for an address: equal for equal addresses however they are written. */
export function ipKey(ip: Ip): string {
  return `${ip.family}:${ip.value.toString(16)}`;
}

function bits(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

function networkValue(c: Cidr): bigint {
  const host = bits(c.family) - c.prefix;
  return (c.value >> BigInt(host)) << BigInt(host);
}

export function formatIp(ip: Ip): string {
  if (ip.family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => ((ip.value >> s) & 255n).toString()).join(".");
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: the longest run (of two or more) of zero groups becomes "::".
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(":");
  return `${hex.slice(0, best).join(":")}::${hex.slice(best + bestLen).join(":")}`;
}

/** "10.0.0.0/24" for "10.0.0.5/24". */
export function networkOf(c: Cidr): string {
  return `${formatIp({ family: c.family, value: networkValue(c) })}/${c.prefix}`;
}

export function inSubnet(ip: Ip, c: Cidr): boolean {
  if (ip.family !== c.family) return false;
  return networkValue({ ...c, value: ip.value }) === networkValue(c);
}

/** 169.254.0.0/16 and fe80::/10: valid on one link only, the same on many NICs by design. */
export function isLinkLocal(ip: Ip): boolean {
  if (ip.family === 4) return ip.value >> 16n === 0xa9fen;
  return ip.value >> 118n === 0x3fan;
}

export function isLoopback(ip: Ip): boolean {
  return ip.family === 4 ? ip.value >> 24n === 127n : ip.value === 1n;
}

/** The first or last usable address of the subnet: where routers conventionally sit (.1, .254). */
export function isEdgeOfSubnet(ip: Ip, c: Cidr): boolean {
  if (!inSubnet(ip, c) || c.prefix >= bits(c.family) - 1) return false;
  const host = ip.value - networkValue(c);
  const size = 1n << BigInt(bits(c.family) - c.prefix);
  return host === 1n || (c.family === 4 && host === size - 2n);
}
