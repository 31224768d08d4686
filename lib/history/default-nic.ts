// Which NIC a host's traffic chart and its overview sparkline show before anyone picks one (pure).

/** What the choice needs of an interface (InterfaceView has it). */
export type NicSummary = { name: string; kind: string | null; state: string; addresses: readonly string[] };

/** "10.0.0.5/24", "[fe80::1%eth0]" -> the bare address, lower-case, for comparing. */
export const bareAddress = (address: string) => address.trim().replace(/^\[|\]$/g, "").split("/")[0]!.split("%")[0]!.toLowerCase();

export const isLoopback = (n: NicSummary) => n.kind === "loopback" || /^lo\d*$/.test(n.name);

/**
 * The NIC holding the address netdiag logs in to (the host's own traffic, whatever it is named:
 * eth0, br0, vmk0); when the host is registered by name or behind NAT, the first NIC that is
 * up and not a loopback; then any NIC but a loopback; null when there are none.
 */
export function defaultNic(nics: readonly NicSummary[], hostAddress: string): string | null {
  const target = bareAddress(hostAddress);
  const holder = nics.find((n) => n.addresses.some((a) => bareAddress(a) === target));
  const up = nics.find((n) => n.state.toLowerCase() === "up" && !isLoopback(n));
  return (holder ?? up ?? nics.find((n) => !isLoopback(n)) ?? nics[0])?.name ?? null;
}
