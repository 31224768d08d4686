/** Prefix length of a contiguous IPv4 netmask: "255.255.255.0", "0xffffff00", "ffffff00" (illumos). */
export function prefixFromNetmask(mask: string): number | null {
  let bits: number;
  const text = mask.trim().toLowerCase();
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(text)) {
    const octets = text.split(".").map(Number);
    if (octets.some((o) => o > 255)) return null;
    bits = octets.reduce((acc, o) => acc * 256 + o, 0);
  } else if (/^(?:0x)?[0-9a-f]{8}$/.test(text)) {
    bits = Number.parseInt(text.replace(/^0x/, ""), 16);
  } else {
    return null;
  }
  const binary = bits.toString(2).padStart(32, "0");
  if (!/^1*0*$/.test(binary)) return null;
  return binary.indexOf("0") < 0 ? 32 : binary.indexOf("0");
}
