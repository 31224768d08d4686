import type { Exec } from "@/lib/domain/snapshot";
import type { Platform } from "@/lib/domain/platform";
import { PLATFORMS } from "@/lib/domain/platform";
import { UNAME_A_COMMAND } from "./linux/uname-a";

/*
 * Platform detection on first connect (and whenever the host is set to "auto"), as a fixed
 * sequence of commands, each tried only when the one before told nothing:
 * 1. `uname -a`: every Unix answers, its first field the kernel name as `uname -s` prints it
 *    (Linux, VMkernel = ESXi, FreeBSD incl. pfSense/OPNsense/TrueNAS CORE, Darwin, SunOS =
 *    Solaris/illumos). Git-for-Windows/MSYS/Cygwin shells on a Windows OpenSSH server answer
 *    MINGW64_NT-…/MSYS_NT-…/CYGWIN_NT-…. `-a` rather than `-s`: real captures of `uname -a`
 *    exist for every one of these systems (tests/fixtures), of `uname -s` hardly any, and the
 *    non-Linux collectors read hostname and kernel from the same output.
 * 2. `cmd /c ver`: Windows OpenSSH runs commands through cmd.exe by default (PowerShell when
 *    configured), where uname does not exist; `cmd /c ver` works from both.
 * The distribution (pfSense, TrueNAS, OmniOS, …) is told later by each platform's collector.
 */
export const DETECT_COMMANDS = [UNAME_A_COMMAND, "cmd /c ver"] as const;
/** Kept for callers of the first step alone. */
export const DETECT_COMMAND = DETECT_COMMANDS[0];

const UNAME: Record<string, Platform> = {
  linux: "linux",
  vmkernel: "esxi",
  freebsd: "freebsd",
  darwin: "darwin",
  sunos: "illumos",
};

/** The platform from the first field of `uname -a` (or all of `uname -s`). */
export function parseUname(stdout: string): Platform | null {
  const first = stdout.trim().split(/\r?\n/)[0]?.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (/^(mingw(32|64)|msys|cygwin)_nt/.test(first)) return "windows";
  return Object.hasOwn(UNAME, first) ? (UNAME[first] ?? null) : null;
}

/** `ver` in any language: "Microsoft Windows [Version 10.0.19045.3803]", "[versión …]". */
export function parseVer(stdout: string): Platform | null {
  // No digit before the version (as in ver.ts): `[^\]]*\d+` overlapped, quadratic on a long line.
  return /^Microsoft Windows \[[^\]\d]*\d+\.\d+\.\d+/m.test(stdout.replace(/\r/g, "").trim()) ? "windows" : null;
}

export type Detection = { platform: Platform | null; seen: string[] };

function firstLineOf(out: { stdout: string; stderr: string }): string {
  const text = out.stdout.trim() || out.stderr.trim();
  return (text.split(/\r?\n/)[0] ?? "").trim().slice(0, 80) || "no output";
}

/**
 * Runs the sequence; exec errors (timeout, dead connection) propagate. `seen` holds what each
 * command said, for the "unsupported platform" message.
 */
export async function detectPlatform(exec: Exec): Promise<Detection> {
  const seen: string[] = [];
  const uname = await exec(DETECT_COMMANDS[0]);
  const unix = uname.exitCode === 0 ? parseUname(uname.stdout) : null;
  if (unix) return { platform: unix, seen };
  seen.push(`${DETECT_COMMANDS[0]}: ${firstLineOf(uname)}`);
  // A Unix that answered uname is not Windows: no need to ask cmd.
  if (uname.exitCode === 0 && uname.stdout.trim() !== "") return { platform: null, seen };
  const ver = await exec(DETECT_COMMANDS[1]);
  const windows = parseVer(ver.stdout);
  if (windows) return { platform: windows, seen };
  seen.push(`${DETECT_COMMANDS[1]}: ${firstLineOf(ver)}`);
  return { platform: null, seen };
}

/** The words for a platform netdiag could not tell or cannot collect. */
export function unsupportedMessage(seen: string[], supported: readonly Platform[] = PLATFORMS): string {
  return `Could not tell the platform (${seen.join("; ")}). netdiag supports ${supported.join(", ")} (FreeBSD includes pfSense, OPNsense and TrueNAS CORE; illumos includes Solaris, SmartOS and OmniOS); if the host is one of them, set its platform on the host form`;
}
