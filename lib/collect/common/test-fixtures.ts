import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Test-only: real captured outputs. Shared ones stay in ../shared/fixtures (never copied into
// the repository, see its README); a module's own lab captures live in its __fixtures__.
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

// Real outputs this project collected from public sources itself (lab/captures, see its README):
// committed, so always present.
const CAPTURES_ROOT = path.resolve(process.cwd(), "lab/captures");

/** A project capture ("esxi/uname-a__hpegl-metal-os-esxi-iso.txt") without its "# source: ..." line. */
export function readCapture(relative: string): string {
  const text = readFileSync(path.join(CAPTURES_ROOT, relative), "utf8");
  return text.startsWith("# source:") ? text.slice(text.indexOf("\n") + 1) : text;
}

/** Every project capture of one platform directory whose name starts with prefix, as "dir/file". */
export function listCaptures(dir: string, prefix = ""): string[] {
  const full = path.join(CAPTURES_ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((name) => name.endsWith(".txt") && name.startsWith(prefix))
    .sort()
    .map((name) => `${dir}/${name}`);
}

/** Readers for one module: its shared platform directory and its own __fixtures__ (verbatim). */
export function fixturesOf(sharedDir: string | null, moduleUrl: string) {
  const own = fileURLToPath(new URL("./__fixtures__/", moduleUrl));
  return {
    readShared: (name: string) => readShared(sharedDir ? `${sharedDir}/${name}` : name),
    readOwn: (name: string) => readFileSync(path.join(own, name), "utf8"),
  };
}
