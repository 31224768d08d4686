import type { InterfaceRow } from "@/lib/domain/rows";

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
    if (!row.addresses.includes(address)) row.addresses.push(address);
  }

  list(): InterfaceRow[] {
    return [...this.rows.values()];
  }
}

/** A counter column: digits only ("-" and blanks are "not reported"). */
export function counterOf(text: string | undefined): bigint | null {
  return text !== undefined && /^\d+$/.test(text) ? BigInt(text) : null;
}

export function positiveInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n > 0 ? n : null;
}
