import type { ParseResult, SkippedLine } from "@/lib/domain/rows";

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
};

const HEADER = /^== (\S+)$/;
// The value is taken with trim(): /…:[ \t]*(.*?)\s*$/ had three overlapping quantifiers and
// took 15 s on one 4,000-character line (cubic; a 1 MiB line would never finish).
const FIELD = /^\s*(Speed|Duplex|Link detected|driver):/;

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

export function parse(stdout: string): ParseResult<Map<string, LinkSpeed>> {
  const value = new Map<string, LinkSpeed>();
  const skipped: SkippedLine[] = [];
  let current: LinkSpeed | null = null;

  for (const line of stdout.split(/\r?\n/)) {
    const header = HEADER.exec(line);
    if (header?.[1] !== undefined) {
      current = { speedMbps: null, duplex: null, driver: null, linkDetected: null };
      value.set(header[1], current);
      continue;
    }
    const field = FIELD.exec(line);
    if (!field) {
      // Every other ethtool line (link modes, wake-on, `ethtool -i`'s "version: …") is not
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
    } else if (raw !== "") {
      current.driver = raw;
    }
  }
  return { value, skipped };
}
