import "server-only";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

export type UserView = { id: number; username: string; createdAt: string };
export type TokenView = { id: number; name: string; hint: string; createdAt: string; lastUsedAt: string | null };

export async function countUsers(): Promise<number> {
  const db = await getDb();
  return db.user.count();
}

export async function findUserByName(username: string) {
  const db = await getDb();
  return db.user.findUnique({ where: { username } });
}

/** Creates the first account only: returns null when a user already exists (setup is one-time). */
export async function createFirstUser(username: string, passwordHash: string): Promise<UserView | null> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) return null;
    const u = await tx.user.create({ data: { username, passwordHash } });
    return { id: u.id, username: u.username, createdAt: u.createdAt.toISOString() };
  });
}

export async function createSession(idHash: string, userId: number, expiresAt: Date): Promise<void> {
  const db = await getDb();
  await db.session.create({ data: { id: idHash, userId, expiresAt } });
}

export async function deleteSession(idHash: string): Promise<void> {
  const db = await getDb();
  await db.session.deleteMany({ where: { id: idHash } });
}

/** The session's user when the session exists and has not expired. */
export async function findSessionUser(idHash: string, now: Date): Promise<UserView | null> {
  const db = await getDb();
  const s = await db.session.findUnique({ where: { id: idHash }, include: { user: true } });
  if (!s || s.expiresAt <= now) return null;
  return { id: s.user.id, username: s.user.username, createdAt: s.user.createdAt.toISOString() };
}

export async function deleteExpiredSessions(now: Date): Promise<void> {
  const db = await getDb();
  await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
}

export async function createApiToken(userId: number, name: string, tokenHash: string, hint: string): Promise<TokenView> {
  const db = await getDb();
  const t = await db.apiToken.create({ data: { userId, name, tokenHash, hint } });
  return { id: t.id, name: t.name, hint: t.hint, createdAt: t.createdAt.toISOString(), lastUsedAt: null };
}

export async function listApiTokens(userId: number): Promise<TokenView[]> {
  const db = await getDb();
  const rows = await db.apiToken.findMany({ where: { userId, revokedAt: null }, orderBy: { id: "desc" } });
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    hint: t.hint,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(userId: number, id: number, now: Date): Promise<void> {
  const db = await getDb();
  const { count } = await db.apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: now } });
  if (count === 0) throw new NotFoundError(`Token ${id}`);
}

/** The token's user when it exists and is not revoked; records when it was last used. */
export async function findTokenUser(tokenHash: string, now: Date): Promise<UserView | null> {
  const db = await getDb();
  const t = await db.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
  if (!t || t.revokedAt) return null;
  // One write a minute is plenty for "last used", and keeps busy scripts off the write lock.
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: t.id }, data: { lastUsedAt: now } });
  }
  return { id: t.user.id, username: t.user.username, createdAt: t.user.createdAt.toISOString() };
}
