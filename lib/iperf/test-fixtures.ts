import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Test-only: shared captures (never copied into the repository) and our own lab captures.
const SHARED_DIR = path.resolve(process.cwd(), "../shared/fixtures/iperf3");
const OWN_DIR = fileURLToPath(new URL("./__fixtures__/", import.meta.url));

export const sharedMissingReason: string | null = existsSync(SHARED_DIR)
  ? null
  : `shared fixtures not found at ${SHARED_DIR} (they exist only in the netdiag development environment); skipping those cases`;

if (sharedMissingReason) console.warn(sharedMissingReason);

/** A shared capture without its first "# source: ..." line. */
export function readShared(name: string): string {
  const text = readFileSync(path.join(SHARED_DIR, name), "utf8");
  return text.startsWith("# source:") ? text.slice(text.indexOf("\n") + 1) : text;
}

/** Captured from the lab's hosts (lab/lab.sh), verbatim. */
export function readOwn(name: string): string {
  return readFileSync(path.join(OWN_DIR, name), "utf8");
}
