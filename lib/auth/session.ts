import "server-only";
import { singleton } from "@/lib/singleton";
import { env } from "@/lib/env";
import { AppError, ValidationError } from "@/lib/errors";
import {
  countUsers,
  createFirstUser,
  createSession,
  deleteEndedSessions,
  deleteSession,
  deleteUserSessions,
  findSessionUser,
  findTokenExpiry,
  findTokenUser,
  findUserById,
  findUserByName,
  revokeUserTokens,
  setPasswordHash,
  type UserView,
} from "@/lib/queries/auth";
import { clientAddress as addressFromChain } from "./client-address";
import { BusyError, Gate, SCRYPT_GATE } from "./gate";
import { dummyHash, hashPassword, verifyPassword } from "./password";
import { LoginLimiter } from "./rate-limit";
import { SETUP_CODE_FILE, ensureSetupCode, removeSetupCode, setupCodeMatches } from "./setup-code";
import { isSetupHostAllowed } from "./setup-host";
import { busy, rateLimited } from "./throttle";
import { bearerToken, hashToken, newSessionToken } from "./tokens";

export const SESSION_COOKIE = "netdiag_session";

/** `sessionId` (the stored hash) is set for browser sessions: "the other sessions" are the rest. */
export type Principal = { user: UserView; via: "session" | "token"; sessionId?: string };

type HeaderSource = { get(name: string): string | null };

/** The cookie as sent; a value that is not valid percent-encoding is no session at all. */
export function cookieValue(headers: HeaderSource, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return null;
    }
  }
  return null;
}

const idleMs = () => env().sessionIdleMinutes * 60_000;

/** Who is asking: a Bearer token wins over the cookie, so scripts never depend on browser state. */
export async function authenticate(headers: HeaderSource, now = new Date()): Promise<Principal | null> {
  const token = bearerToken(headers.get("authorization"));
  if (token) {
    const user = await findTokenUser(hashToken(token), now);
    return user ? { user, via: "token" } : null;
  }
  const sid = cookieValue(headers, SESSION_COOKIE);
  if (!sid) return null;
  const sessionId = hashToken(sid);
  const user = await findSessionUser(sessionId, now, idleMs());
  return user ? { user, via: "session", sessionId } : null;
}

const NO_CREDENTIALS = "Log in, or send an API token as 'Authorization: Bearer <token>'";

/**
 * What a refused request is told. A script whose token expired learns that, rather than the
 * generic answer, so its owner knows to make a new token instead of hunting for a typo.
 */
export async function refusal(headers: HeaderSource, now = new Date()): Promise<{ code: string; message: string }> {
  const token = bearerToken(headers.get("authorization"));
  const expiredAt = token ? await findTokenExpiry(hashToken(token), now) : null;
  if (expiredAt) {
    return { code: "token_expired", message: `This API token expired on ${expiredAt.toISOString()}; create a new one in Settings` };
  }
  return { code: "unauthorized", message: NO_CREDENTIALS };
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

/** The client address for rate limiting (see client-address.ts for which hop and why). */
export function clientAddress(headers: HeaderSource): string {
  return addressFromChain(headers.get("x-forwarded-for"), env().trustedProxies);
}

const limiter = singleton("login-limiter", () => new LoginLimiter());
const scryptGate = singleton("scrypt-gate", () => new Gate(SCRYPT_GATE));

/** Runs scrypt under the process-wide cap; a full queue answers 503 with Retry-After. */
async function withScrypt<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await scryptGate.run(task);
  } catch (err) {
    if (err instanceof BusyError) throw busy(err.retryAfterMs);
    throw err;
  }
}

/**
 * Is this the user's password? Counted by the login limiter from before the hash starts, so
 * parallel guesses cannot outrun it. Unknown users are hashed too (against a dummy), so the
 * response time does not reveal which usernames exist.
 */
async function checkPassword(username: string, password: string, address: string, now: Date) {
  const reserved = limiter.reserve(username, address, now.getTime());
  if (!reserved.ok) throw rateLimited(reserved.retryAfterMs);
  let user: Awaited<ReturnType<typeof findUserByName>>;
  let ok: boolean;
  try {
    ({ user, ok } = await withScrypt(async () => {
      const found = await findUserByName(username);
      return { user: found, ok: await verifyPassword(password, found?.passwordHash ?? (await dummyHash())) };
    }));
  } catch (err) {
    // Busy server or database error: no password was judged, so this attempt does not count.
    limiter.cancel(reserved.attempt);
    throw err;
  }
  if (!user || !ok) return null;
  limiter.succeed(reserved.attempt, now.getTime());
  return user;
}

export type LoginResult = { token: string; user: UserView; maxAgeSec: number };

/** Checks credentials under the rate limit and starts a new session (a fresh id on every login). */
export async function login(username: string, password: string, address: string, now = new Date()): Promise<LoginResult> {
  const user = await checkPassword(username, password, address, now);
  if (!user) throw new AppError("unauthorized", 401, "Wrong username or password");
  const maxAgeSec = env().sessionHours * 3600;
  const token = newSessionToken();
  await createSession(hashToken(token), user.id, new Date(now.getTime() + maxAgeSec * 1000), now);
  await deleteEndedSessions(now, idleMs());
  return { token, user: { id: user.id, username: user.username, createdAt: user.createdAt.toISOString() }, maxAgeSec };
}

export async function logout(headers: HeaderSource): Promise<void> {
  const sid = cookieValue(headers, SESSION_COOKIE);
  if (sid) await deleteSession(hashToken(sid));
}

function requireSession(p: Principal): string {
  if (p.via !== "session" || !p.sessionId) {
    throw new AppError("session_required", 403, "Do this from a logged-in browser session, not with an API token");
  }
  return p.sessionId;
}

/** Ends every session of the user, this one included; API tokens too unless `keepTokens`. */
export async function logoutEverywhere(p: Principal, keepTokens: boolean, now = new Date()) {
  requireSession(p);
  const sessionsEnded = await deleteUserSessions(p.user.id);
  const tokensRevoked = keepTokens ? 0 : await revokeUserTokens(p.user.id, now);
  return { sessionsEnded, tokensRevoked };
}

/**
 * A new password, given the current one. Every other session of the user ends; this one and
 * the API tokens stay (a token is revoked on its own, in the token list).
 */
export async function changePassword(p: Principal, current: string, next: string, address: string, now = new Date()) {
  const sessionId = requireSession(p);
  const stored = await findUserById(p.user.id);
  if (!stored) throw new AppError("unauthorized", 401, "Log in again");
  const user = await checkPassword(stored.username, current, address, now);
  if (!user) throw new ValidationError("The current password is wrong", { currentPassword: "Wrong password" });
  if (current === next) throw new ValidationError("Choose a password different from the current one", { newPassword: "Same as the current password" });
  const hash = await withScrypt(() => hashPassword(next));
  return { sessionsEnded: await setPasswordHash(user.id, hash, sessionId) };
}

export async function needsSetup(): Promise<boolean> {
  return (await countUsers()) === 0;
}

/** Whether this Host header may see the setup page (DNS rebinding, see setup-host.ts). */
export function setupHostAllowed(headers: HeaderSource): boolean {
  return isSetupHostAllowed(headers.get("host"), env().allowedHosts);
}

export type SetupRequest = { username: string; password: string; setupCode: string };

/**
 * One-time creation of the admin account, for whoever holds the setup code from the server log,
 * on a Host that is not someone else's DNS name; refused once any account exists.
 */
export async function setupAdmin(req: SetupRequest, headers: HeaderSource, now = new Date()): Promise<UserView> {
  if (!(await needsSetup())) throw new AppError("already_set_up", 409, "An account already exists; log in instead");
  if (!setupHostAllowed(headers)) {
    throw new AppError(
      "host_not_allowed",
      403,
      "Set up netdiag through its IP address or localhost, or add this name to NETDIAG_ALLOWED_HOSTS",
    );
  }
  // Wrong codes count against the address like failed logins: 80 bits need no more than that.
  const reserved = limiter.reserve("(setup)", clientAddress(headers), now.getTime());
  if (!reserved.ok) throw rateLimited(reserved.retryAfterMs);
  if (!(await setupCodeMatches(env().dataDir, req.setupCode))) {
    throw new ValidationError("Wrong setup code: use the one in the server log", { setupCode: "Wrong setup code" });
  }
  limiter.succeed(reserved.attempt, now.getTime());
  return createAdmin(req.username, req.password);
}

async function createAdmin(username: string, password: string): Promise<UserView> {
  const created = await createFirstUser(username, await withScrypt(() => hashPassword(password)));
  if (!created) throw new AppError("already_set_up", 409, "An account already exists; log in instead");
  await removeSetupCode(env().dataDir);
  return created;
}

/**
 * At server start: NETDIAG_ADMIN_USER/PASSWORD give scripted installs their account without
 * the setup page; otherwise, while no account exists, the setup code is printed.
 */
export async function prepareFirstRun(): Promise<void> {
  if (!(await needsSetup())) {
    await removeSetupCode(env().dataDir);
    return;
  }
  const admin = env().admin;
  if (admin) {
    await createAdmin(admin.username, admin.password);
    console.log(`netdiag: created the admin account "${admin.username}" from NETDIAG_ADMIN_USER`);
    return;
  }
  printSetupCode((await ensureSetupCode(env().dataDir)).code);
}

function printSetupCode(code: string): void {
  console.log(`netdiag: no account yet. Open /setup and enter the setup code ${code} (also in ${env().dataDir}/${SETUP_CODE_FILE})`);
}

/** For the setup page: makes sure there is a code to enter (printed when it had to be made). */
export async function setupCodeReady(): Promise<void> {
  const { code, created } = await ensureSetupCode(env().dataDir);
  if (created) printSetupCode(code);
}
