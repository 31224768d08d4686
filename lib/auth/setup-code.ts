import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { randomInt, timingSafeEqual } from "node:crypto";

// First-run setup code. Until an account exists, anyone who can reach the server could create
// it; the code proves they can also read the server's log (or its data directory). It is
// printed at start and kept in <data dir>/setup-code (mode 0600), so a restart keeps the same
// code and a script (e2e/auth.setup.ts) can read it. Deleted once the account exists.
export const SETUP_CODE_FILE = "setup-code";

// Crockford base32: no I, L, O, U, so a code read off a terminal is typed back unambiguously.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 16 symbols, 80 bits, shown as XXXX-XXXX-XXXX-XXXX. */
export function newSetupCode(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/** What a person types, compared the way they meant it: case, spaces and dashes ignored. */
export function normalizeSetupCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

const fileOf = (dataDir: string) => path.join(dataDir, SETUP_CODE_FILE);

async function readCode(dataDir: string): Promise<string | null> {
  try {
    const text = (await fs.readFile(fileOf(dataDir), "utf8")).trim();
    return normalizeSetupCode(text).length === 16 ? text : null;
  } catch {
    return null;
  }
}

/** The current code, created (0600, never overwriting another process's) when there is none. */
export async function ensureSetupCode(dataDir: string): Promise<{ code: string; created: boolean }> {
  const existing = await readCode(dataDir);
  if (existing) return { code: existing, created: false };
  const code = newSetupCode();
  await fs.mkdir(dataDir, { recursive: true });
  await fs.rm(fileOf(dataDir), { force: true });
  try {
    await fs.writeFile(fileOf(dataDir), `${code}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    const raced = await readCode(dataDir);
    if (raced) return { code: raced, created: false };
    throw err;
  }
  return { code, created: true };
}

export async function setupCodeMatches(dataDir: string, input: string): Promise<boolean> {
  const stored = await readCode(dataDir);
  if (!stored) return false;
  const a = Buffer.from(normalizeSetupCode(stored));
  const b = Buffer.from(normalizeSetupCode(input));
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function removeSetupCode(dataDir: string): Promise<void> {
  await fs.rm(fileOf(dataDir), { force: true });
}
