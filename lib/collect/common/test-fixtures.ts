import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

// Test-only: real captured outputs from ../shared/fixtures (never copied into the repository,
// see /work/shared/fixtures/README.md).
const SHARED_ROOT = path.resolve(process.cwd(), "../shared/fixtures");

export const sharedMissingReason: string | null = existsSync(SHARED_ROOT)
  ? null
  : `shared fixtures not found at ${SHARED_ROOT} (they exist only in the netdiag development environment); skipping those cases`;

if (sharedMissingReason) console.warn(sharedMissingReason);

/** A shared capture ("esxi/esxcfg-nics-l__tunupgh-blog.txt") without its "# source: ..." line. */
export function readShared(relative: string): string {
  const text = readFileSync(path.join(SHARED_ROOT, relative), "utf8");
  return text.startsWith("# source:") ? text.slice(text.indexOf("\n") + 1) : text;
}

/** Every capture of one platform directory, as "dir/file" paths. */
export function listShared(dir: string): string[] {
  const full = path.join(SHARED_ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((name) => name.endsWith(".txt"))
    .sort()
    .map((name) => `${dir}/${name}`);
}
