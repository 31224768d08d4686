import path from "node:path";
import { z } from "zod";
import { databaseFilePath, databaseUrl } from "./database-url";

// The one place that reads process.env (see shared/CONVENTIONS.md). next.config.js
// imports this so a bad value fails the build instead of the first request.
const intFrom = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional().transform((v, ctx) => {
    try {
      return databaseUrl(v);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message });
      return z.NEVER;
    }
  }),
  NETDIAG_DATA_DIR: z.string().trim().optional(),
  /** 32 bytes as 64 hex chars or base64; generated into the data dir when absent. */
  NETDIAG_SECRET_KEY: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === "" || decodeKey(v) !== null, {
      message: "must be 32 bytes, written as 64 hex characters or base64",
    }),
  PORT: intFrom(1, 65535, 3000),
  /** Minutes between scheduled collections of every host; 0 disables. */
  NETDIAG_COLLECT_INTERVAL: intFrom(0, 7 * 24 * 60, 5),
  NETDIAG_COLLECT_CONCURRENCY: intFrom(1, 256, 16),
  NETDIAG_SSH_CONNECT_TIMEOUT_MS: intFrom(500, 120_000, 10_000),
  NETDIAG_SSH_COMMAND_TIMEOUT_MS: intFrom(500, 600_000, 20_000),
});

export function decodeKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, "hex");
  const b = Buffer.from(v, "base64");
  return b.length === 32 ? b : null;
}

export type Env = {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string;
  databaseFile: string;
  dataDir: string;
  secretKey: string | undefined;
  port: number;
  collectIntervalMinutes: number;
  collectConcurrency: number;
  sshConnectTimeoutMs: number;
  sshCommandTimeoutMs: number;
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    databaseFile: databaseFilePath(e.DATABASE_URL),
    dataDir: path.resolve(process.cwd(), e.NETDIAG_DATA_DIR || "data"),
    secretKey: e.NETDIAG_SECRET_KEY || undefined,
    port: e.PORT,
    collectIntervalMinutes: e.NETDIAG_COLLECT_INTERVAL,
    collectConcurrency: e.NETDIAG_COLLECT_CONCURRENCY,
    sshConnectTimeoutMs: e.NETDIAG_SSH_CONNECT_TIMEOUT_MS,
    sshCommandTimeoutMs: e.NETDIAG_SSH_COMMAND_TIMEOUT_MS,
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
