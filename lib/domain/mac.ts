/*
 * MAC spellings seen across platforms, all normalized to "00:1e:c9:0a:0b:0c":
 * - macOS/BSD drop leading zeros per octet: "0:1e:c9:a:b:c"
 * - Windows (arp -a, Get-NetNeighbor): "00-1E-C9-0A-0B-0C"
 * - Cisco-style dotted triplets: "001e.c90a.0b0c"
 * - bare hex from some vendors: "001ec90a0b0c"
 * Anything that is not a 48-bit address ("<incomplete>", "(incomplete)", 20-byte InfiniBand
 * hardware addresses, "0.0.0.0" on ipip tunnels) yields null.
 */
const SEPARATED = /^[0-9a-f]{1,2}(?:([:-])[0-9a-f]{1,2})(?:\1[0-9a-f]{1,2}){4}$/;
const DOTTED = /^[0-9a-f]{1,4}\.[0-9a-f]{1,4}\.[0-9a-f]{1,4}$/;
const BARE = /^[0-9a-f]{12}$/;

export function normalizeMac(input: string | null | undefined): string | null {
  if (!input) return null;
  const text = input.trim().toLowerCase();
  let octets: string[];
  if (SEPARATED.test(text)) {
    octets = text.split(/[:-]/).map((octet) => octet.padStart(2, "0"));
  } else if (DOTTED.test(text)) {
    const hex = text
      .split(".")
      .map((group) => group.padStart(4, "0"))
      .join("");
    octets = hex.match(/../g) ?? [];
  } else if (BARE.test(text)) {
    octets = text.match(/../g) ?? [];
  } else {
    return null;
  }
  return octets.join(":");
}
