import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Test-only: real captured outputs. Shared ones stay in ../shared/fixtures (never copied here,
// see its README); our own lab captures live in __fixtures__.
const SHARED_DIR = path.resolve(process.cwd(), "../shared/fixtures");
const OWN_DIR = fileURLToPath(new URL("./__fixtures__/", import.meta.url));

/** Why shared-fixture cases are skipped, or null when ../shared is present. */
export const sharedMissingReason: string | null = existsSync(SHARED_DIR)
  ? null
  : `shared fixtures not found at ${SHARED_DIR} (they exist only in the netdiag development environment); skipping those cases`;

/** A shared capture ("linux/ping-….txt") without its first "# source: ..." line. */
export function readShared(name: string): string {
  const text = readFileSync(path.join(SHARED_DIR, name), "utf8");
  return text.startsWith("# source:") ? text.slice(text.indexOf("\n") + 1) : text;
}

/** A capture taken in this repository's lab namespaces: stdout followed by stderr, verbatim. */
export function readOwn(name: string): string {
  return readFileSync(path.join(OWN_DIR, name), "utf8");
}
