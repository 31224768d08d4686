import "server-only";
import { singleton } from "@/lib/singleton";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  countUsers,
  createFirstUser,
  createSession,
  deleteExpiredSessions,
  deleteSession,
  findSessionUser,
  findUserByName,
  findTokenUser,
  type UserView,
} from "@/lib/queries/auth";
import { dummyHash, hashPassword, verifyPassword } from "./password";
import { FailureLimiter } from "./rate-limit";
import { bearerToken, hashToken, newSessionToken } from "./tokens";

export const SESSION_COOKIE = "netdiag_session";

export type Principal = { user: UserView; via: "session" | "token" };

type HeaderSource = { get(name: string): string | null };

function cookieValue(headers: HeaderSource, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** Who is asking: a Bearer token wins over the cookie, so scripts never depend on browser state. */
export async function authenticate(headers: HeaderSource, now = new Date()): Promise<Principal | null> {
  const token = bearerToken(headers.get("authorization"));
  if (token) {
    const user = await findTokenUser(hashToken(token), now);
    return user ? { user, via: "token" } : null;
  }
  const sid = cookieValue(headers, SESSION_COOKIE);
  if (!sid) return null;
  const user = await findSessionUser(hashToken(sid), now);
  return user ? { user, via: "session" } : null;
}

export function sessionCookie(token: string, secure: boolean, maxAgeSec: number): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSec}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", secure, 0);
}

/** Https as the browser sees it, including behind a TLS-terminating reverse proxy. */
export function isSecureRequest(url: string, headers: HeaderSource): boolean {
  return url.startsWith("https:") || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** The client address for rate limiting: the first X-Forwarded-For hop (Next sets it from the socket). */
export function clientAddress(headers: HeaderSource): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

const limiter = singleton("login-limiter", () => new FailureLimiter());

export type LoginResult = { token: string; user: UserView; maxAgeSec: number };

/** Checks credentials under the rate limit and starts a new session (a fresh id on every login). */
export async function login(username: string, password: string, address: string, now = new Date()): Promise<LoginResult> {
  const keys = [`user:${username.toLowerCase()}`, `ip:${address}`];
  const wait = limiter.retryAfterMs(keys, now.getTime());
  if (wait > 0) {
    throw new AppError("rate_limited", 429, `Too many failed logins; try again in ${Math.ceil(wait / 60_000)} minute(s)`);
  }
  const user = await findUserByName(username);
  // Hash even for unknown users so response time does not reveal which usernames exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok) {
    limiter.fail(keys, now.getTime());
    throw new AppError("unauthorized", 401, "Wrong username or password");
  }
  limiter.succeed(keys);
  const maxAgeSec = env().sessionHours * 3600;
  const token = newSessionToken();
  await createSession(hashToken(token), user.id, new Date(now.getTime() + maxAgeSec * 1000));
  await deleteExpiredSessions(now);
  return { token, user: { id: user.id, username: user.username, createdAt: user.createdAt.toISOString() }, maxAgeSec };
}

export async function logout(headers: HeaderSource): Promise<void> {
  const sid = cookieValue(headers, SESSION_COOKIE);
  if (sid) await deleteSession(hashToken(sid));
}

export async function needsSetup(): Promise<boolean> {
  return (await countUsers()) === 0;
}

/** One-time creation of the admin account; refused once any account exists. */
export async function setupAdmin(username: string, password: string): Promise<UserView> {
  const created = await createFirstUser(username, await hashPassword(password));
  if (!created) throw new AppError("already_set_up", 409, "An account already exists; log in instead");
  return created;
}

/** NETDIAG_ADMIN_USER/PASSWORD: scripted installs get their account without the setup page. */
export async function ensureAdminFromEnv(): Promise<void> {
  const admin = env().admin;
  if (!admin || !(await needsSetup())) return;
  await setupAdmin(admin.username, admin.password);
  console.log(`netdiag: created the admin account "${admin.username}" from NETDIAG_ADMIN_USER`);
}
