import type { ParseResult, SkippedLine } from "@/lib/domain/rows";

/*
 * Hostname and kernel on ESXi, FreeBSD, macOS and illumos, from the command platform detection
 * runs anyway (real captures of it exist for each of them; of `uname -n`/`uname -srm` none do).
 * Only the first three fields sit at the same place everywhere: kernel name, node name,
 * release. The version after them is several words on BSD, macOS and ESXi, one on SunOS, so
 * the machine is found by each system's own layout (uname(1) of each):
 *   FreeBSD, Darwin: -a is -mnrsv, machine printed last
 *     "FreeBSD freebsd 12.1-RELEASE FreeBSD 12.1-RELEASE r354233 GENERIC  amd64"
 *   SunOS: -a is -snrvmpi, the version is one word, so the machine is the 5th field
 *     "SunOS bacon 5.10 Generic_147147-26 sun4u sparc SUNW,Sun-Fire-15000"
 *   VMkernel: machine, processor, platform (busybox prints the same word three times), then "ESXi"
 *     "VMkernel esxi.esxi.localdomain 7.0.3 #1 SMP Release build-22348816 Aug 30 2023 04:36:58 x86_64 x86_64 x86_64 ESXi"
 * The kernel string is "name release machine", what `uname -srm` printed before (and what the
 * Linux collector still stores), so a host's kernel reads the same across platforms and across
 * the change. Where the layout is not one of these (Linux's GNU uname omits unknown fields),
 * the machine is left out rather than guessed.
 */
export const UNAME_A_COMMAND = "uname -a";

export type Uname = {
  /** As `uname -s` prints it: "FreeBSD", "Darwin", "SunOS", "VMkernel", "Linux". */
  kernelName: string;
  hostname: string;
  release: string;
  machine: string | null;
  /** "FreeBSD 12.1-RELEASE amd64", "SunOS 5.10 sun4u", "VMkernel 7.0.3 x86_64". */
  kernel: string;
};

const MACHINE = /^[A-Za-z0-9_.-]+$/;

function machineOf(kernelName: string, fields: readonly string[]): string | null {
  let candidate: string | undefined;
  if (kernelName === "FreeBSD" || kernelName === "Darwin") candidate = fields.length > 3 ? fields.at(-1) : undefined;
  else if (kernelName === "SunOS") candidate = fields[4];
  else if (kernelName === "VMkernel" && fields.at(-1) === "ESXi") candidate = fields.length > 7 ? fields.at(-4) : undefined;
  return candidate !== undefined && MACHINE.test(candidate) ? candidate : null;
}

export function parse(stdout: string): ParseResult<Uname | null> {
  const [first, ...rest] = stdout.split(/\r?\n/).filter((line) => line.trim() !== "");
  const skipped: SkippedLine[] = rest.map((line) => ({ line, reason: "expected a single line" }));
  if (first === undefined) return { value: null, skipped: [{ line: "", reason: "empty output" }] };
  const fields = first.trim().split(/\s+/);
  const [kernelName = "", hostname = "", release = ""] = fields;
  if (!/^[A-Za-z][\w.-]*$/.test(kernelName) || release === "") {
    return { value: null, skipped: [{ line: first, reason: "expected kernel name, node name, release, version…" }, ...skipped] };
  }
  const machine = machineOf(kernelName, fields);
  const kernel = [kernelName, release, machine].filter((part) => part !== null).join(" ");
  return { value: { kernelName, hostname, release, machine, kernel }, skipped };
}
