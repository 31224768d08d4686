import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/domain/auth";
import { ValidationError } from "@/lib/errors";
import { fieldErrors } from "./host";

const username = z
  .string({ error: "Username must be text" })
  .trim()
  .min(1, "Username is required")
  .max(64, "Username is at most 64 characters")
  .regex(/^[A-Za-z0-9_.@-]+$/, "Use letters, digits and . _ - @ only");

export const loginSchema = z.strictObject({
  username,
  password: z.string({ error: "Password must be text" }).min(1, "Password is required").max(1024, "Password is too long"),
});

const newPassword = z
  .string({ error: "Password must be text" })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "Password is too long");

export const setupSchema = z.strictObject({
  username,
  password: newPassword,
  setupCode: z
    .string({ error: "The setup code must be text" })
    .trim()
    .min(1, "Enter the setup code from the server log")
    .max(64, "That is not a setup code"),
});

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string({ error: "Password must be text" }).min(1, "Enter your current password").max(1024, "Password is too long"),
  newPassword,
});

export const logoutEverywhereSchema = z.strictObject({
  /** Keep API tokens working (default): scripts are not browser sessions. */
  keepTokens: z.boolean({ error: "keepTokens must be true or false" }).default(true),
});

/** Days a new API token lasts; null never expires. The form offers exactly these. */
export const TOKEN_EXPIRY_DAYS = [30, 90, 365] as const;
export const DEFAULT_TOKEN_EXPIRY_DAYS = 90;

export const tokenCreateSchema = z.strictObject({
  name: z
    .string({ error: "Name must be text" })
    .trim()
    .min(1, "Name the token (what uses it)")
    .max(64, "Name is at most 64 characters")
    .regex(/^[\p{L}\p{N} ._-]+$/u, "Use letters, digits, spaces, dots, dashes or underscores"),
  expiresInDays: z
    .union([...TOKEN_EXPIRY_DAYS.map((d) => z.literal(d)), z.null()], {
      error: `Choose ${TOKEN_EXPIRY_DAYS.join(", ")} days, or null for a token that never expires`,
    })
    .default(DEFAULT_TOKEN_EXPIRY_DAYS),
});

/** When a token created at `now` for `days` expires (null: never). */
export function tokenExpiry(days: number | null, now: Date): Date | null {
  return days === null ? null : new Date(now.getTime() + days * 24 * 3600_000);
}

export function parseWith<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  throw new ValidationError(`Invalid ${what}: ${Object.entries(fields).map(([k, m]) => `${k}: ${m}`).join("; ")}`, fields);
}
