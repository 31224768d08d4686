/*
 * Link speeds as each platform prints them, in Mb/s:
 * - ESXi esxcli "10000", esxcfg-nics "25000Mbps"
 * - Windows Get-NetAdapter "1 Gbps", "100 Mbps", "2.5 Gbps"; JSON ReceiveLinkSpeed in bit/s
 * - illumos dladm show-ether "1G-f", "10G-f", "100M-h"; show-vnic "1000"
 * - BSD media "10Gbase-SR", "1000baseT", "100GBase-SR4", "2500Base-T"
 * Zero means "no link" on every one of them and is reported as null (unknown), like Linux.
 */
const UNIT: Record<string, number> = { k: 0.001, m: 1, g: 1000, t: 1_000_000 };

export function speedWithUnit(text: string): number | null {
  // Trimmed first: the two \s* around the optional unit overlapped (quadratic on a long blank run).
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt])?(?:b(?:its?)?\/?p?s|bps)?$/i.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * (UNIT[(match[2] ?? "m").toLowerCase()] ?? 1);
  return value > 0 ? Math.round(value) : null;
}

/** "1000baseT", "10Gbase-SR", "100GBase-SR4", "2500Base-T" (ifconfig media). */
export function speedFromMedia(media: string): number | null {
  // Not from inside a run of digits: each start there rescanned the run (quadratic).
  const match = /(?<!\d)(\d+(?:\.\d+)?)([GM]?)base/i.exec(media);
  if (!match) return null;
  const value = Number(match[1]) * (match[2]?.toUpperCase() === "G" ? 1000 : 1);
  return value > 0 ? Math.round(value) : null;
}
