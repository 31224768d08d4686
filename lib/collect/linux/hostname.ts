import type { ParseResult } from "@/lib/domain/rows";
import { firstLine } from "./first-line";

// POSIX and always present; `hostname` is missing from minimal Arch and Fedora images.
export const HOSTNAME_COMMAND = "uname -n";

export function parse(stdout: string): ParseResult<string | null> {
  return firstLine(stdout);
}
