// Writes prisma/postgres/schema from prisma/schema: one set of models, a second provider.
// Only the datasource provider and the generated client's folder differ; anything else is
// copied as is, so a model is never edited twice. `--check` exits 1 when the committed copy
// is stale (prisma/postgres.test.ts runs it; scripts/new-migration.sh runs the writer).
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const from = path.join(root, "prisma/schema");
const to = path.join(root, "prisma/postgres/schema");
const HEADER = "// Generated from prisma/schema by scripts/pg-schema.mjs: edit that folder, then run it.\n";

/** @param {string} name @param {string} text */
export function toPostgres(name, text) {
  let out = text;
  if (name === "base.prisma") {
    const provider = /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/;
    const output = /(output\s*=\s*)"\.\.\/\.\.\/lib\/generated\/prisma"/;
    if (!provider.test(out) || !output.test(out)) throw new Error("prisma/schema/base.prisma: datasource provider or client output not found");
    out = out.replace(provider, '$1"postgresql"').replace(output, '$1"../../../lib/generated/prisma-pg"');
  }
  return HEADER + out;
}

export function expected() {
  const files = fs.readdirSync(from).filter((f) => f.endsWith(".prisma")).sort();
  return new Map(files.map((f) => [f, toPostgres(f, fs.readFileSync(path.join(from, f), "utf8"))]));
}

function committed() {
  if (!fs.existsSync(to)) return new Map();
  const files = fs.readdirSync(to).filter((f) => f.endsWith(".prisma")).sort();
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(to, f), "utf8")]));
}

const main = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (main) {
  const want = expected();
  if (process.argv.includes("--check")) {
    const have = committed();
    const stale = [...new Set([...want.keys(), ...have.keys()])].filter((f) => want.get(f) !== have.get(f));
    if (stale.length > 0) {
      console.error(`prisma/postgres/schema is stale (${stale.join(", ")}): run node scripts/pg-schema.mjs`);
      process.exit(1);
    }
  } else {
    fs.rmSync(to, { recursive: true, force: true });
    fs.mkdirSync(to, { recursive: true });
    for (const [f, text] of want) fs.writeFileSync(path.join(to, f), text);
  }
}
