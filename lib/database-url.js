// @ts-check
// Shared by prisma.config.ts (CLI) and lib/env.js (app) so both open the same file.
// Plain JS without zod or "server-only": the Prisma CLI and next.config.js load it directly.
const path = require("node:path");

const DEFAULT_URL = "file:./data/netdiag.db";

/** @param {string | undefined} [raw] */
function databaseUrl(raw = process.env.DATABASE_URL) {
  const value = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_URL;
  if (!value.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file URL (file:...), got "${value}"`);
  }
  return value;
}

/**
 * Absolute path of the SQLite file; relative URLs resolve against the working directory.
 * @param {string | undefined} [raw]
 */
function databaseFilePath(raw) {
  const file = databaseUrl(raw).slice("file:".length).replace(/^\/\/(?=\/)/, "").split("?")[0] ?? "";
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), file);
}

module.exports = { databaseUrl, databaseFilePath };
