import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";

// Every arrow points one way (ARCHITECTURE.md):
//   app, instrumentation --> lib/jobs --> lib/queries --> db
//                                 '--> lib/ssh, lib/collect, lib/iperf, lib/mtu, lib/analysis, lib/notify, lib/import, lib/metrics (pure)
//   everything --> lib/domain (imports nothing of lib/)
// This reads the import statements of every file under lib/ and fails on an edge that points up.

const ROOT = path.resolve(import.meta.dirname, "..");
const LIB = path.join(ROOT, "lib");

type Edge = { from: string; to: string; typeOnly: boolean };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" || name === "__fixtures__" ? [] : files(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[\s\S]*?\s+from\s+)?["']([^"']+)["']/gm;

function edgesOf(file: string): Edge[] {
  const text = readFileSync(file, "utf8");
  const from = path.relative(ROOT, file);
  const out: Edge[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? "";
    let to: string;
    if (spec.startsWith("@/")) to = spec.slice(2);
    else if (spec.startsWith(".")) to = path.relative(ROOT, path.resolve(path.dirname(file), spec));
    else to = spec; // a package
    out.push({ from, to, typeOnly: Boolean(m[2]) });
  }
  return out;
}

/** "lib/queries/hosts.ts" -> "queries"; "lib/db.ts" -> "db"; a package stays itself. */
function layerOf(p: string): string {
  const parts = p.split("/");
  if (parts[0] !== "lib") return parts[0] === "app" || parts[0] === "components" ? parts[0] : p;
  const second = (parts[1] ?? "").replace(/\.(ts|tsx|js)$/, "");
  return second;
}

const PURE = ["domain", "ssh", "collect", "iperf", "mtu", "analysis", "notify", "export", "import", "metrics", "crypto", "errors", "env", "singleton", "validations", "api-client"];
const UP = ["queries", "jobs", "db", "generated", "app", "components", "auth", "api"];

const edges = files(LIB).flatMap(edgesOf);
const describeEdge = (e: Edge) => `${e.from} -> ${e.to}${e.typeOnly ? " (type)" : ""}`;

describe("the layers of lib/", () => {
  test("there is something to check", () => {
    expect(edges.length).toBeGreaterThan(300);
  });

  test("lib/domain imports nothing of lib/", () => {
    const bad = edges.filter((e) => layerOf(e.from) === "domain" && e.to.startsWith("lib/") && layerOf(e.to) !== "domain");
    expect(bad.map(describeEdge)).toEqual([]);
  });

  test("pure layers (ssh, collect, iperf, mtu, analysis, …) never import queries, jobs, the database, auth or app", () => {
    const bad = edges.filter((e) => PURE.includes(layerOf(e.from)) && e.to.startsWith("lib/") && UP.includes(layerOf(e.to)));
    expect(bad.map(describeEdge)).toEqual([]);
  });

  test("lib/queries never imports jobs, ssh or app, nor collect at runtime", () => {
    const bad = edges.filter(
      (e) => layerOf(e.from) === "queries" && (["jobs", "ssh", "app", "components"].includes(layerOf(e.to)) || (layerOf(e.to) === "collect" && !e.typeOnly)),
    );
    expect(bad.map(describeEdge)).toEqual([]);
  });

  test("nothing in lib/ imports app/ or components/", () => {
    const bad = edges.filter((e) => ["app", "components"].includes(layerOf(e.to)));
    expect(bad.map(describeEdge)).toEqual([]);
  });

  test("only lib/ssh imports ssh2, only lib/queries (and lib/db) the database", () => {
    const ssh2 = edges.filter((e) => e.to === "ssh2" && layerOf(e.from) !== "ssh");
    const db = edges.filter((e) => ["db", "generated"].includes(layerOf(e.to)) && !e.typeOnly && !["queries", "db"].includes(layerOf(e.from)));
    expect([...ssh2, ...db].map(describeEdge)).toEqual([]);
  });

  test("only lib/jobs/boss.ts loads pg-boss (statically or with import())", () => {
    const loaders = files(LIB)
      .filter((f) => /["']pg-boss["']/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(ROOT, f));
    expect(loaders).toEqual(["lib/jobs/boss.ts"]);
  });
});
