import type { LinkModes, ParseResult, SkippedLine } from "@/lib/domain/rows";

/*
 * Fixed POSIX sh program, run through `sh -c` so it also works when the login shell is
 * fish or tcsh. One line with no single quotes: it is wrapped in them below, and tcsh
 * rejects a newline inside quotes.
 * - /usr/sbin and /sbin are appended because non-login SSH sessions often lack them
 *   (Debian puts ethtool in /usr/sbin).
 * - `[ -d ]` skips /sys/class/net/bonding_masters, a plain file when the bonding module
 *   is loaded.
 * - Without ethtool, sysfs values are printed in ethtool's own format so one parser reads
 *   both. sysfs `speed` reads -1 (or fails with EINVAL) when unknown or the link is down;
 *   virtual devices have no device/driver link, so no driver line.
 * - `exit 0`: ethtool exits non-zero per interface that lacks a feature (e.g. `ethtool -i lo`
 *   gives 71); that is not a failure of the whole command.
 */
export const LINK_SPEED_SCRIPT = [
  'PATH="$PATH:/usr/sbin:/sbin";',
  "for d in /sys/class/net/*; do",
  '  [ -d "$d" ] || continue;',
  '  n="${d##*/}";',
  '  printf "== %s\\n" "$n";',
  "  if command -v ethtool >/dev/null 2>&1; then",
  '    ethtool "$n" 2>/dev/null;',
  '    ethtool -i "$n" 2>/dev/null;',
  "  else",
  '    s="$(cat "$d/speed" 2>/dev/null)";',
  '    case "$s" in',
  '      ""|-*) printf "\\tSpeed: Unknown!\\n" ;;',
  '      *) printf "\\tSpeed: %sMb/s\\n" "$s" ;;',
  "    esac;",
  '    case "$(cat "$d/duplex" 2>/dev/null)" in',
  '      full) printf "\\tDuplex: Full\\n" ;;',
  '      half) printf "\\tDuplex: Half\\n" ;;',
  '      *) printf "\\tDuplex: Unknown! (255)\\n" ;;',
  "    esac;",
  '    case "$(cat "$d/carrier" 2>/dev/null)" in',
  '      1) printf "\\tLink detected: yes\\n" ;;',
  '      0) printf "\\tLink detected: no\\n" ;;',
  "    esac;",
  '    if [ -e "$d/device/driver" ]; then',
  '      drv="$(readlink "$d/device/driver")";',
  '      printf "driver: %s\\n" "${drv##*/}";',
  "    fi;",
  "  fi;",
  "done;",
  "exit 0",
]
  .map((line) => line.trim())
  .join(" ");

export const LINK_SPEED_COMMAND = `sh -c '${LINK_SPEED_SCRIPT}'`;

export type LinkSpeed = {
  speedMbps: number | null;
  duplex: "full" | "half" | null;
  driver: string | null;
  linkDetected: boolean | null;
  /** null when the output has none of ethtool's link-mode headings (sysfs fallback, loopback). */
  linkModes: LinkModes | null;
};

const HEADER = /^== (\S+)$/;
// The value is taken with trim(): /…:[ \t]*(.*?)\s*$/ had three overlapping quantifiers and
// took 15 s on one 4,000-character line (cubic; a 1 MiB line would never finish).
const FIELD =
  /^\s*(Speed|Duplex|Link detected|driver|Supported link modes|Advertised link modes|Link partner advertised link modes|Auto-negotiation):/;

type ListKey = "supported" | "advertised" | "partner";
const LIST_OF = new Map<string | undefined, ListKey>([
  ["Supported link modes", "supported"],
  ["Advertised link modes", "advertised"],
  ["Link partner advertised link modes", "partner"],
]);

/*
 * A mode as ethtool prints the kernel's name for it: "<speed>base<medium>/<duplex>" ("1000baseT/Full",
 * "2500baseX/Full", "200000baseLR4_ER4_FR4/Full"), and the one name without a duplex,
 * "10000baseR_FEC". The bounded quantifiers keep one test constant-time whatever the token, with
 * room for speeds past 800000 and mediums twice as long as the longest (11 characters) today.
 */
const MODE = /^\d{1,7}base\w{1,24}(?:\/(?:Full|Half))?$/;
// The kernel defines about 120 link modes; a longer list is not ethtool's, and would otherwise be
// carried (and stored) whole.
const MAX_MODES = 256;

/** Mode lists while one interface is read: Sets keep ethtool's order and drop repeats. */
type ModesDraft = { lists: Partial<Record<ListKey, Set<string>>>; autoneg: boolean | null };

function readSpeed(value: string): number | null | undefined {
  const match = /^(\d+)Mb\/s$/.exec(value);
  if (match?.[1] !== undefined) return Number(match[1]);
  // ethtool prints "Unknown!" (and old versions "Unknown! (65535)") when the driver has no speed.
  if (value.startsWith("Unknown")) return null;
  return undefined;
}

function readDuplex(value: string): LinkSpeed["duplex"] | undefined {
  if (value === "Full") return "full";
  if (value === "Half") return "half";
  if (value.startsWith("Unknown")) return null;
  return undefined;
}

/** Adds the modes of one heading or continuation line; what is not a mode is reported once per line. */
function addModes(list: Set<string>, words: string, line: string, skipped: SkippedLine[]): void {
  const unknown: string[] = [];
  for (const word of words.split(/\s+/)) {
    if (word === "") continue;
    if (!MODE.test(word)) unknown.push(word);
    else if (list.size < MAX_MODES) list.add(word);
    else if (!list.has(word)) {
      skipped.push({ line, reason: `more than ${MAX_MODES} link modes: the rest are not read` });
      return;
    }
  }
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 3).map((word) => `'${word.slice(0, 40)}'`).join(", ");
    skipped.push({ line, reason: `not a link mode: ${shown}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ""}` });
  }
}

function toLinkModes(draft: ModesDraft): LinkModes | null {
  const { supported, advertised, partner } = draft.lists;
  // Only the sysfs fallback, loopback and ethtool -i alone print none of the three headings.
  if (!supported && !advertised && !partner) return null;
  return {
    supported: [...(supported ?? [])],
    advertised: [...(advertised ?? [])],
    // A driver that does not read the partner's page has ethtool leave the heading out.
    partner: partner ? [...partner] : null,
    autoneg: draft.autoneg,
  };
}

export function parse(stdout: string): ParseResult<Map<string, LinkSpeed>> {
  const value = new Map<string, LinkSpeed>();
  const skipped: SkippedLine[] = [];
  let current: LinkSpeed | null = null;
  let draft: ModesDraft = { lists: {}, autoneg: null };
  // The list that ethtool's indented continuation lines ("\t                        1000baseT/Full")
  // still belong to: set by a mode heading, ended by any other line.
  let listing: Set<string> | null = null;
  const finish = () => {
    if (current) current.linkModes = toLinkModes(draft);
  };

  for (const line of stdout.split(/\r?\n/)) {
    const header = HEADER.exec(line);
    if (header?.[1] !== undefined) {
      finish();
      current = { speedMbps: null, duplex: null, driver: null, linkDetected: null, linkModes: null };
      draft = { lists: {}, autoneg: null };
      listing = null;
      value.set(header[1], current);
      continue;
    }
    if (listing && /^\s/.test(line) && !line.includes(":") && line.trim() !== "") {
      addModes(listing, line, line, skipped);
      continue;
    }
    listing = null;
    const field = FIELD.exec(line);
    if (!field) {
      // Every other ethtool line (pause frames, wake-on, `ethtool -i`'s "version: …") is not
      // needed; a line that is none of ethtool's (no "Key:" at all, not indented) is reported.
      if (line.trim() !== "" && !/^\s/.test(line) && !/^[^:]+:/.test(line)) skipped.push({ line, reason: "not ethtool output" });
      continue;
    }
    const key = field[1];
    const raw = line.slice(field[0].length).trim();
    if (!current) {
      skipped.push({ line, reason: "field before any '== <ifname>' header" });
      continue;
    }
    if (key === "Speed") {
      const speed = readSpeed(raw);
      if (speed === undefined) skipped.push({ line, reason: "unrecognized speed" });
      else current.speedMbps = speed;
    } else if (key === "Duplex") {
      const duplex = readDuplex(raw);
      if (duplex === undefined) skipped.push({ line, reason: "unrecognized duplex" });
      else current.duplex = duplex;
    } else if (key === "Link detected") {
      if (raw === "yes" || raw === "no") current.linkDetected = raw === "yes";
      else skipped.push({ line, reason: "unrecognized link state" });
    } else if (key === "Auto-negotiation") {
      if (raw === "on" || raw === "off") draft.autoneg = raw === "on";
      else skipped.push({ line, reason: "unrecognized auto-negotiation state" });
    } else if (key === "driver") {
      if (raw !== "") current.driver = raw;
    } else {
      const listKey = LIST_OF.get(key);
      if (listKey === undefined) continue;
      const list = (draft.lists[listKey] ??= new Set<string>());
      // "Not reported": the heading is there with an empty list, and nothing continues it.
      if (raw !== "Not reported") {
        addModes(list, raw, line, skipped);
        listing = list;
      }
    }
  }
  finish();
  return { value, skipped };
}
