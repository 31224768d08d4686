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

export const setupSchema = z.strictObject({
  username,
  password: z
    .string({ error: "Password must be text" })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1024, "Password is too long"),
});

export const tokenCreateSchema = z.strictObject({
  name: z
    .string({ error: "Name must be text" })
    .trim()
    .min(1, "Name the token (what uses it)")
    .max(64, "Name is at most 64 characters")
    .regex(/^[\p{L}\p{N} ._-]+$/u, "Use letters, digits, spaces, dots, dashes or underscores"),
});

export function parseWith<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const fields = fieldErrors(parsed.error);
  throw new ValidationError(`Invalid ${what}: ${Object.entries(fields).map(([k, m]) => `${k}: ${m}`).join("; ")}`, fields);
}
