// What one run may store, whatever the host printed: pure, so it is tested without a database
// (run-bounds.test.ts). lib/queries/runs.ts applies it to every run it stores.
import type { Snapshot, CommandOutcome } from "@/lib/domain/snapshot";
import type { InterfaceRow, LinkModes, NeighborRow } from "@/lib/domain/rows";

/*
 * What one run may store, whatever the host printed. A command's output is capped at 8 MiB in
 * lib/ssh (MAX_OUTPUT_BYTES), but that is still far too much to keep: a parser that could not
 * read a 3 MiB line hands it back as a skipped line, and 50,000 garbage lines come back as
 * 50,000 skipped lines. The run keeps, per command, its error and the first skipped lines, each
 * clipped, with a "[truncated N bytes]" marker where something was cut (the 200-character
 * samples of lib/collect/linux/json.ts are the model), so one command's outcome stays under
 * MAX_STORED_OUTCOME_CHARS of JSON (1 KiB command + 2 KiB error + 51 skipped entries of at
 * most 2 x 240 characters, escaped) and the database does not grow by megabytes per collection
 * of a hostile host.
 */
export const MAX_STORED_OUTCOME_CHARS = 64 * 1024;
const MAX_SKIPPED_KEPT = 50;
const MAX_SKIPPED_LINE_CHARS = 200;
const MAX_COMMAND_ERROR_CHARS = 2048;
/** The run's own error (every problem in one sentence). */
export const MAX_RUN_ERROR_CHARS = 8 * 1024;

/** `text` cut to `max` characters, saying how many bytes (UTF-8) were cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [truncated ${Buffer.byteLength(text.slice(max), "utf8")} bytes]`;
}

/**
 * Control characters written as \uXXXX, then clipped: a host's terminal escapes are shown, not
 * run, where the run is displayed, and the stored JSON is at most twice the kept length (`"` and
 * `\` are the only characters JSON still escapes), where a raw NUL would take six.
 */
function sample(text: string, max: number): string {
  const shown = text.slice(0, max + 1).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (shown.length <= max && text.length <= max) return shown;
  return `${shown.slice(0, max)}… [truncated${text.length > max ? ` ${Buffer.byteLength(text.slice(max), "utf8")} bytes` : ""}]`;
}

export function boundOutcome(outcome: CommandOutcome): CommandOutcome {
  const bounded: CommandOutcome = { ...outcome, command: sample(outcome.command, 1024) };
  if (outcome.error !== undefined) bounded.error = sample(outcome.error, MAX_COMMAND_ERROR_CHARS);
  if (outcome.replacedBy !== undefined) bounded.replacedBy = sample(outcome.replacedBy, 1024);
  if (outcome.skipped) {
    const kept = outcome.skipped
      .slice(0, MAX_SKIPPED_KEPT)
      .map((s) => ({ line: sample(s.line, MAX_SKIPPED_LINE_CHARS), reason: sample(s.reason, MAX_SKIPPED_LINE_CHARS) }));
    const more = outcome.skipped.length - kept.length;
    if (more > 0) kept.push({ line: "", reason: `[truncated: ${more} more lines not understood]` });
    bounded.skipped = kept;
  }
  return bounded;
}

// Integer columns: Int is SQLite's 64-bit INTEGER read as a JS number (Prisma checks 32 bits),
// BigInt is a signed 64-bit INTEGER. A kernel counter is an unsigned 64-bit one.
const INT_MAX = 2 ** 31 - 1;
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;
const COUNTERS = ["rxBytes", "txBytes", "rxPackets", "txPackets", "rxErrors", "txErrors", "rxDropped", "txDropped"] as const;
const MAX_NAME_CHARS = 256;
const MAX_WORD_CHARS = 64;
/** C0 and C1 control characters, DEL: a host name or kernel carrying them is not one (an ANSI or OSC escape, a NUL). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Where a value the host reported cannot be stored as it is: the run shows it as this pseudo-command. */
export const OUT_OF_RANGE_COMMAND = "(values the host reported that netdiag cannot store)";

function describeValue(value: unknown): string {
  return clip(String(value), 64);
}

/**
 * The snapshot as the database can hold it, and what was left out, one entry per value. A
 * counter outside 0..2^64-1 is no kernel counter, and one in 2^63..2^64-1 does not fit the
 * signed 64-bit column: both are left out (null), never wrapped or rounded. An MTU or speed
 * outside a 32-bit integer, a host name or kernel with control characters, an interface name
 * longer than any platform allows: the same. Pure; a snapshot already in range comes back equal.
 */
export function boundSnapshot(snapshot: Snapshot): { snapshot: Snapshot; dropped: { line: string; reason: string }[] } {
  const dropped: { line: string; reason: string }[] = [];
  const identity = (field: "hostname" | "kernel" | "distribution"): string | null => {
    const value = snapshot[field] ?? null;
    if (value === null) return null;
    if (value.length <= MAX_NAME_CHARS && !CONTROL.test(value)) return value;
    dropped.push({ line: `${field}: ${JSON.stringify(clip(value, 80))}`, reason: "control characters or too long for a name: not stored" });
    return null;
  };
  const int = (where: string, field: string, value: number | null, min: number): number | null => {
    if (value === null || (Number.isSafeInteger(value) && value >= min && value <= INT_MAX)) return value;
    dropped.push({ line: `${where}: ${field} ${describeValue(value)}`, reason: `not an integer from ${min} to ${INT_MAX}: not stored` });
    return null;
  };
  const word = (where: string, field: string, value: string | null): string | null => {
    if (value === null || value.length <= MAX_WORD_CHARS) return value;
    dropped.push({ line: `${where}: ${field} ${JSON.stringify(clip(value, 80))}`, reason: `longer than ${MAX_WORD_CHARS} characters: not stored` });
    return null;
  };

  const interfaces: InterfaceRow[] = [];
  for (const row of snapshot.interfaces) {
    if (row.name.length > MAX_NAME_CHARS) {
      dropped.push({ line: `interface ${JSON.stringify(clip(row.name, 80))}`, reason: `a name longer than ${MAX_NAME_CHARS} characters: not stored` });
      continue;
    }
    const out: InterfaceRow = {
      ...row,
      kind: word(row.name, "kind", row.kind),
      mac: word(row.name, "mac", row.mac),
      driver: word(row.name, "driver", row.driver),
      // Optional fields stay absent when the parser left them out (rows compare equal).
      ...(row.permanentMac !== undefined ? { permanentMac: word(row.name, "permanent MAC", row.permanentMac) } : {}),
      ...(row.linkModes !== undefined ? { linkModes: boundLinkModes(row.linkModes) } : {}),
      mtu: int(row.name, "mtu", row.mtu, 1),
      speedMbps: int(row.name, "speed (Mbit/s)", row.speedMbps, 0),
      addresses: row.addresses.filter((a) => a.length <= MAX_WORD_CHARS),
    };
    for (const field of COUNTERS) {
      const value = row[field];
      if (value === null || (value >= 0n && value <= I64_MAX)) continue;
      out[field] = null;
      dropped.push({
        line: `${row.name}: ${field} ${describeValue(value)}`,
        reason:
          value < 0n || value > U64_MAX
            ? "outside 0..2^64-1, so no 64-bit counter: not stored"
            : "above 2^63-1, the largest counter the database holds: not stored",
      });
    }
    interfaces.push(out);
  }
  const neighbors: NeighborRow[] = [];
  for (const row of snapshot.neighbors) {
    if (row.ip.length > MAX_WORD_CHARS || (row.interface?.length ?? 0) > MAX_NAME_CHARS) {
      dropped.push({ line: `neighbor ${JSON.stringify(clip(row.ip, 80))}`, reason: "address or interface name too long: not stored" });
      continue;
    }
    neighbors.push({ ...row, mac: word(row.ip, "mac", row.mac) });
  }
  return {
    snapshot: {
      ...snapshot,
      hostname: identity("hostname"),
      kernel: identity("kernel"),
      distribution: identity("distribution"),
      interfaces: keepFirst(interfaces, MAX_INTERFACES, (r) => r.addresses.length > 0 || r.state === "up", "interfaces", dropped),
      neighbors: keepFirst(neighbors, MAX_NEIGHBORS, (r) => r.mac !== null, "neighbor entries", dropped),
    },
    dropped,
  };
}

/*
 * Rows per host and run. Linux keeps at most 1,024 dynamic neighbor entries per table unless
 * gc_thresh3 is raised, and a homelab host with a thousand NICs (a Proxmox node full of taps)
 * is already rare: past these, a host's tables cost every page, findings pass and day of
 * history, and one that reports 50,000 rows is more likely broken or hostile than big. The
 * rows that matter for findings are kept first: interfaces with an address or up, neighbors
 * with a MAC.
 */
export const MAX_INTERFACES = 1024;
export const MAX_NEIGHBORS = 4096;

function keepFirst<T>(rows: T[], max: number, preferred: (row: T) => boolean, what: string, dropped: { line: string; reason: string }[]): T[] {
  if (rows.length <= max) return rows;
  const kept = [...rows.filter(preferred), ...rows.filter((r) => !preferred(r))].slice(0, max);
  dropped.push({
    line: `${rows.length.toLocaleString("en-US")} ${what}`,
    reason: `more than netdiag keeps per host (${max.toLocaleString("en-US")}): the first ${max.toLocaleString("en-US")} are stored and checked, the other ${(rows.length - max).toLocaleString("en-US")} are not`,
  });
  return kept;
}

/** ethtool lists a few dozen modes at most; a host printing thousands gets the first ones kept. */
const MAX_LINK_MODES = 64;
function boundLinkModes(m: LinkModes | null): LinkModes | null {
  if (m === null) return null;
  const keep = (list: string[]) => list.filter((x) => x.length <= MAX_WORD_CHARS).slice(0, MAX_LINK_MODES);
  return { supported: keep(m.supported), advertised: keep(m.advertised), partner: m.partner === null ? null : keep(m.partner), autoneg: m.autoneg };
}
