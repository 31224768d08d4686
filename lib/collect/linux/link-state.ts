import type { LinkState } from "@/lib/domain/rows";

/**
 * RFC 2863 operstate plus interface flags. Loopback, tun/wireguard and many virtual drivers
 * never report an operstate (iproute2 shows UNKNOWN), so the carrier flag decides for them.
 */
export function linkState(operstate: string | undefined, flags: readonly string[] | undefined): LinkState {
  switch (operstate) {
    case "UP":
      return "up";
    case "DOWN":
    case "LOWERLAYERDOWN":
    case "NOTPRESENT":
    case "DORMANT":
      return "down";
  }
  if (flags === undefined) return "unknown";
  if (flags.includes("LOWER_UP")) return "up";
  if (!flags.includes("UP")) return "down";
  return "unknown";
}
