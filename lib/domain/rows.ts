// Normalized rows every platform's parsers produce. MACs lower-case, colon-separated,
// zero-padded; speeds in Mb/s; counters as bigint (they pass 2^53 on busy links).

export type LinkState = "up" | "down" | "unknown";

export type InterfaceRow = {
  name: string;
  /** e.g. "ether", "loopback", "veth", "bridge", "vlan", "bond" */
  kind: string | null;
  mac: string | null;
  mtu: number | null;
  state: LinkState;
  speedMbps: number | null;
  duplex: "full" | "half" | null;
  driver: string | null;
  /**
   * The NIC's own (burned-in) address when the platform reports one that differs from or
   * stands beside `mac`: `permaddr` in `ip -d link`, `hwaddr` in FreeBSD ifconfig, the
   * vmnic's MAC on ESXi. null when the platform does not say. Optional: parsers that cannot
   * know leave it out.
   */
  permanentMac?: string | null;
  /** What the NIC and its link partner advertise (ethtool); null/absent when unknown. */
  linkModes?: LinkModes | null;
  /** "10.0.0.5/24", "fe80::1/64" */
  addresses: string[];
  rxBytes: bigint | null;
  txBytes: bigint | null;
  rxPackets: bigint | null;
  txPackets: bigint | null;
  rxErrors: bigint | null;
  txErrors: bigint | null;
  rxDropped: bigint | null;
  txDropped: bigint | null;
};

/**
 * ethtool's link mode lists, normalized to "<speed>base<medium>/<Full|Half>" as ethtool
 * prints them ("1000baseT/Full", "2500baseT/Full", "10000baseSR/Full"). An empty list means
 * the NIC printed the heading with "Not reported"; a missing partner list (null) means the
 * driver does not show it.
 */
export type LinkModes = {
  supported: string[];
  advertised: string[];
  partner: string[] | null;
  /** "Auto-negotiation: on|off" */
  autoneg: boolean | null;
};

/** One vocabulary for every platform's neighbor states. */
export type NeighborState =
  | "reachable"
  | "stale"
  | "delay"
  | "probe"
  | "failed"
  | "incomplete"
  | "permanent"
  | "noarp"
  | "unknown";

export type NeighborRow = {
  ip: string;
  mac: string | null;
  interface: string | null;
  state: NeighborState;
  router: boolean;
};

/** What a parser could not read: the run becomes "partial" and these lines are shown. */
export type SkippedLine = { line: string; reason: string };

export type ParseResult<T> = { value: T; skipped: SkippedLine[] };

export class ParseError extends Error {
  readonly code = "parse";
  constructor(
    message: string,
    readonly line?: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "ParseError";
  }
}
