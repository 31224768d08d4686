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
