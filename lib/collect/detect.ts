import type { Platform } from "./collector";

/** `uname -s` as each family prints it; Windows (no uname) is detected in a later step. */
const UNAME: Record<string, Platform> = {
  linux: "linux",
  vmkernel: "esxi",
  freebsd: "freebsd",
  darwin: "darwin",
  sunos: "illumos",
};

export const DETECT_COMMAND = "uname -s";

export function parseUnameS(stdout: string): Platform | null {
  const first = stdout.trim().split(/\r?\n/)[0]?.trim().toLowerCase() ?? "";
  return UNAME[first] ?? null;
}
