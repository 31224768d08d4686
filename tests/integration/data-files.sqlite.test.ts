import fs from "node:fs";
import { expect, test } from "vitest";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

// The suite's database was made by `prisma migrate deploy` with the shell's umask, as a
// user's first start is: once netdiag opens it, no other local user can read it.
test("the database, its WAL and the data directory are readable by their owner only once netdiag has opened them", async () => {
  const db = await getDb();
  await db.$queryRawUnsafe("SELECT 1");
  const mode = (p: string) => fs.statSync(p).mode & 0o777;
  const file = (env().databaseFile as string);
  expect(mode(file)).toBe(0o600);
  expect(mode(`${file}-wal`)).toBe(0o600);
  expect(mode(env().dataDir)).toBe(0o700);
});
