import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Test-only: real captured outputs from public sources, committed verbatim in tests/fixtures
// (see its README), so a clone's tests have every one of them. A module's own lab outputs live
// in its __fixtures__.
const CAPTURES_ROOT = fileURLToPath(new URL("../../../tests/fixtures/", import.meta.url));

/** A capture ("esxi/esxcfg-nics-l__tunupgh-blog.txt") without its "# source: ..." line. */
export function readCapture(relative: string): string {
  const text = readFileSync(path.join(CAPTURES_ROOT, relative), "utf8");
  return text.startsWith("# source:") ? text.slice(text.indexOf("\n") + 1) : text;
}

/**
 * Every capture of one platform directory whose name starts with prefix, as "dir/file". Throws
 * when there is none: a test built on an empty list would pass without testing anything.
 */
export function listCaptures(dir: string, prefix = ""): string[] {
  const full = path.join(CAPTURES_ROOT, dir);
  const files = existsSync(full)
    ? readdirSync(full)
        .filter((name) => name.endsWith(".txt") && name.startsWith(prefix))
        .sort()
        .map((name) => `${dir}/${name}`)
    : [];
  if (files.length === 0) throw new Error(`no capture ${dir}/${prefix}*.txt in ${CAPTURES_ROOT}`);
  return files;
}

/** A reader of one module's own __fixtures__ (outputs captured in the project's lab, verbatim). */
export function ownFixturesOf(moduleUrl: string): (name: string) => string {
  const own = fileURLToPath(new URL("./__fixtures__/", moduleUrl));
  return (name) => readFileSync(path.join(own, name), "utf8");
}

/** Readers for one module: its platform directory of tests/fixtures and its own __fixtures__. */
export function fixturesOf(captureDir: string, moduleUrl: string) {
  return {
    readCapture: (name: string) => readCapture(`${captureDir}/${name}`),
    readOwn: ownFixturesOf(moduleUrl),
  };
}
