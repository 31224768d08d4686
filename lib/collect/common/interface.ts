import type { InterfaceRow, SkippedLine } from "@/lib/domain/rows";

/** A row with nothing known but the name; platform collectors fill in what their commands tell. */
export function emptyInterface(name: string): InterfaceRow {
  return {
    name,
    kind: null,
    mac: null,
    mtu: null,
    state: "unknown",
    speedMbps: null,
    duplex: null,
    driver: null,
    addresses: [],
    rxBytes: null,
    txBytes: null,
    rxPackets: null,
    txPackets: null,
    rxErrors: null,
    txErrors: null,
    rxDropped: null,
    txDropped: null,
  };
}

/** Rows keyed by name, created on first mention, in the order names were first seen. */
export class InterfaceTable {
  private readonly rows = new Map<string, InterfaceRow>();
  private readonly addresses = new Map<string, Set<string>>();

  get(name: string): InterfaceRow {
    let row = this.rows.get(name);
    if (!row) {
      row = emptyInterface(name);
      this.rows.set(name, row);
    }
    return row;
  }

  has(name: string): boolean {
    return this.rows.has(name);
  }

  addAddress(name: string, address: string): void {
    const row = this.get(name);
    // A Set beside the row's list: `includes` made a host listing 100k addresses quadratic.
    let seen = this.addresses.get(name);
    if (!seen) {
      seen = new Set(row.addresses);
      this.addresses.set(name, seen);
    }
    if (seen.has(address)) return;
    seen.add(address);
    row.addresses.push(address);
  }

  list(): InterfaceRow[] {
    return [...this.rows.values()];
  }
}

/** Kernel and NIC counters are u64: a larger value is not a count (a corrupt or hostile output). */
export const MAX_COUNTER = 2n ** 64n - 1n;

/** Digits of a u64, without reading a 10,000-digit string into a BigInt first. */
function u64(text: string): bigint | null {
  const digits = text.replace(/^0+(?=\d)/, "");
  if (digits.length > 20) return null;
  const value = BigInt(digits);
  return value <= MAX_COUNTER ? value : null;
}

/** A counter column: digits only, at most 2^64-1 ("-", blanks and anything else are "not reported"). */
export function counterOf(text: string | undefined): bigint | null {
  return text !== undefined && /^\d+$/.test(text) ? u64(text) : null;
}

/**
 * A counter column whose value is reported as skipped when it is there but is not a u64 (a
 * negative or fractional number, digits past 2^64-1): the field stays unknown instead of holding
 * a wrong number. "-" and "" are how the tools print "not counted" and are not reported.
 */
export function readCounter(text: string | undefined, field: string, line: string, skipped: SkippedLine[]): bigint | null {
  const value = counterOf(text);
  if (value === null && text !== undefined && text !== "" && text !== "-") {
    skipped.push({ line, reason: `${field} '${text.slice(0, 40)}' is not a counter (a whole number up to 2^64-1): unknown` });
  }
  return value;
}

/** A whole number above zero that a number can hold exactly (MTUs, speeds, indexes). */
export function positiveInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n > 0 && Number.isSafeInteger(n) ? n : null;
}
