import type { ParseResult } from "@/lib/domain/rows";
import { firstLine } from "./first-line";

/** Kernel name, release and machine: "Linux 6.1.0-18-amd64 x86_64". */
export const UNAME_COMMAND = "uname -srm";

export function parse(stdout: string): ParseResult<string | null> {
  return firstLine(stdout);
}
