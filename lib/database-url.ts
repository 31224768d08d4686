import path from "node:path";

// Shared by prisma.config.ts (CLI) and lib/env.ts (app) so both open the same file.
// Kept free of zod and "server-only" because the Prisma CLI loads it directly.
const DEFAULT_URL = "file:./data/netdiag.db";

export function databaseUrl(raw: string | undefined = process.env.DATABASE_URL): string {
  const value = raw && raw.trim() !== "" ? raw.trim() : DEFAULT_URL;
  if (!value.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file URL (file:...), got "${value}"`);
  }
  return value;
}

/** Absolute path of the SQLite file; relative URLs resolve against the working directory. */
export function databaseFilePath(raw?: string): string {
  const file = databaseUrl(raw).slice("file:".length).replace(/^\/\/(?=\/)/, "");
  return path.resolve(process.cwd(), file);
}
