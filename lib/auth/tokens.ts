import { createHash, randomBytes } from "node:crypto";

// Session ids and API tokens are 256-bit random strings; only their SHA-256 is stored, so a
// copy of the database does not log anyone in. A prefix tells the two apart in logs and UIs.
export const API_TOKEN_PREFIX = "ndt_";

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** What the token list shows so a user can recognise a token without it being usable. */
export function tokenHint(token: string): string {
  return `${token.slice(0, API_TOKEN_PREFIX.length + 4)}…`;
}

export function bearerToken(authorization: string | null): string | null {
  const m = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1] ?? null;
}
