import "server-only";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

export type UserView = { id: number; username: string; createdAt: string };
export type TokenView = {
  id: number;
  name: string;
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** null: never expires */
  expiresAt: string | null;
  expired: boolean;
};

/** "Last seen" of a session and "last used" of a token are written at most this often. */
const TOUCH_EVERY_MS = 60_000;

type UserRow = { id: number; username: string; createdAt: Date };
const userView = (u: UserRow): UserView => ({ id: u.id, username: u.username, createdAt: u.createdAt.toISOString() });

export async function countUsers(): Promise<number> {
  const db = await getDb();
  return db.user.count();
}

export async function findUserByName(username: string) {
  const db = await getDb();
  return db.user.findUnique({ where: { username } });
}

export async function findUserById(id: number) {
  const db = await getDb();
  return db.user.findUnique({ where: { id } });
}

/** Creates the first account only: returns null when a user already exists (setup is one-time). */
export async function createFirstUser(username: string, passwordHash: string): Promise<UserView | null> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) return null;
    return userView(await tx.user.create({ data: { username, passwordHash } }));
  });
}

export async function createSession(idHash: string, userId: number, expiresAt: Date, now: Date): Promise<void> {
  const db = await getDb();
  await db.session.create({ data: { id: idHash, userId, expiresAt, createdAt: now, lastSeenAt: now } });
}

export async function deleteSession(idHash: string): Promise<void> {
  const db = await getDb();
  await db.session.deleteMany({ where: { id: idHash } });
}

/**
 * The session's user while the session has neither expired nor been idle for `idleMs`; an
 * ended session is deleted. Use moves lastSeenAt forward (at most one write a minute).
 */
export async function findSessionUser(idHash: string, now: Date, idleMs: number): Promise<UserView | null> {
  const db = await getDb();
  const s = await db.session.findUnique({ where: { id: idHash }, include: { user: true } });
  if (!s) return null;
  if (s.expiresAt <= now || now.getTime() - s.lastSeenAt.getTime() >= idleMs) {
    await db.session.deleteMany({ where: { id: idHash } });
    return null;
  }
  if (now.getTime() - s.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.session.updateMany({ where: { id: idHash }, data: { lastSeenAt: now } });
  }
  return userView(s.user);
}

export async function deleteEndedSessions(now: Date, idleMs: number): Promise<void> {
  const db = await getDb();
  await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - idleMs) } }] },
  });
}

/** Ends every session of the user except `keepIdHash` (when given); returns how many ended. */
export async function deleteUserSessions(userId: number, keepIdHash?: string): Promise<number> {
  const db = await getDb();
  const { count } = await db.session.deleteMany({ where: { userId, ...(keepIdHash ? { id: { not: keepIdHash } } : {}) } });
  return count;
}

/** A new password hash, and every other session of the user ended, in one transaction. */
export async function setPasswordHash(userId: number, passwordHash: string, keepIdHash: string): Promise<number> {
  const db = await getDb();
  const [, ended] = await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId, id: { not: keepIdHash } } }),
  ]);
  return ended.count;
}

export async function createApiToken(
  userId: number,
  name: string,
  tokenHash: string,
  hint: string,
  expiresAt: Date | null,
): Promise<TokenView> {
  const db = await getDb();
  const t = await db.apiToken.create({ data: { userId, name, tokenHash, hint, expiresAt } });
  return {
    id: t.id,
    name: t.name,
    hint: t.hint,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    expired: false,
  };
}

/** Tokens not revoked, expired ones included (the list shows them as expired). */
export async function listApiTokens(userId: number, now: Date): Promise<TokenView[]> {
  const db = await getDb();
  const rows = await db.apiToken.findMany({ where: { userId, revokedAt: null }, orderBy: { id: "desc" } });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    hint: t.hint,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    expired: t.expiresAt !== null && t.expiresAt <= now,
  }));
}

export async function revokeApiToken(userId: number, id: number, now: Date): Promise<void> {
  const db = await getDb();
  const { count } = await db.apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0) throw new NotFoundError(`Token ${id}`);
}

export async function revokeUserTokens(userId: number, now: Date): Promise<number> {
  const db = await getDb();
  const { count } = await db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

/** The token's user when it exists, is not revoked and has not expired; records when it was last used. */
export async function findTokenUser(tokenHash: string, now: Date): Promise<UserView | null> {
  const db = await getDb();
  const t = await db.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
  if (!t || t.revokedAt || (t.expiresAt && t.expiresAt <= now)) return null;
  // One write a minute is plenty for "last used", and keeps busy scripts off the write lock.
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await db.apiToken.update({ where: { id: t.id }, data: { lastUsedAt: now } });
  }
  return userView(t.user);
}

/** When the token expired: only for a token that exists, is not revoked and is past its expiry. */
export async function findTokenExpiry(tokenHash: string, now: Date): Promise<Date | null> {
  const db = await getDb();
  const t = await db.apiToken.findUnique({ where: { tokenHash }, select: { expiresAt: true, revokedAt: true } });
  return t && !t.revokedAt && t.expiresAt && t.expiresAt <= now ? t.expiresAt : null;
}
