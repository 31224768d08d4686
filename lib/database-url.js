// @ts-check
// Shared by prisma.config.ts (CLI) and lib/env.js (app) so both open the same database.
// Plain JS without zod or "server-only": the Prisma CLI and next.config.js load it directly.
const path = require("node:path");

const DEFAULT_URL = "file:./data/netdiag.db";

/** @param {string} value */
const isPostgresUrl = (value) => /^postgres(ql)?:\/\//.test(value);

/** @param {string | undefined} [raw] */
function databaseUrl(raw = process.env.DATABASE_URL) {
  const value = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_URL;
  if (!value.startsWith("file:") && !isPostgresUrl(value)) {
    // The URL may carry a password: name the scheme only.
    const scheme = value.split(":")[0] ?? "";
    throw new Error(`DATABASE_URL must be a SQLite file URL (file:...) or a PostgreSQL URL (postgresql://...), got a "${scheme}:" URL`);
  }
  return value;
}

/**
 * "sqlite" (the embedded default) or "postgresql" (scale-out: several processes share it).
 * @param {string | undefined} [raw]
 * @returns {"sqlite" | "postgresql"}
 */
function databaseProvider(raw) {
  return isPostgresUrl(databaseUrl(raw)) ? "postgresql" : "sqlite";
}

/**
 * Absolute path of the SQLite file (relative URLs resolve against the working directory);
 * null on PostgreSQL.
 * @param {string | undefined} [raw]
 */
function databaseFilePath(raw) {
  const url = databaseUrl(raw);
  if (isPostgresUrl(url)) return null;
  const file = url.slice("file:".length).replace(/^\/\/(?=\/)/, "").split("?")[0] ?? "";
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), file);
}

module.exports = { databaseUrl, databaseFilePath, databaseProvider };
