import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createSecretBox } from "@/lib/crypto/secrets";
import { getDb } from "@/lib/db";
import { decodeKey, env } from "@/lib/env";
import { createHost } from "@/lib/queries/hosts";

// `npm run backup` against the suite's migrated database while another connection keeps
// writing, then `npm run restore` into an empty data directory. No lab host is needed: the
// host below is never connected to, only its encrypted password matters.
const ROOT = path.resolve(__dirname, "../..");
const WORK = path.join(path.dirname((env().databaseFile as string)), "backup-test");
const BACKUP = path.join(WORK, "netdiag-backup.tar");
const FRESH = path.join(WORK, "fresh");
const PASSWORD = "backup-test password 🔑";
// ~3 MB of rows, so the copy is more than a page or two while the writes go on.
const BULK_ROWS = 5_000;

type Ran = { code: number | null; stdout: string; stderr: string };
function run(command: string, args: string[], extraEnv: Record<string, string>): Promise<Ran> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...extraEnv } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Through npm, exactly as a user types it. */
function npm(args: string[], extraEnv: Record<string, string> = {}): Promise<Ran> {
  return run("npm", ["run", "-s", ...args], extraEnv);
}

/** The command package.json runs for `npm run <name>`, without npm's own second of start-up on a busy 2-core box. */
function script(name: "backup" | "restore", args: string[], extraEnv: Record<string, string> = {}): Promise<Ran> {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const [command, ...rest] = (scripts[name] ?? "").split(" ");
  return run(command ?? "", [...rest, ...args], extraEnv);
}

const freshEnv = { DATABASE_URL: `file:${FRESH}/netdiag.db`, NETDIAG_DATA_DIR: FRESH };
let hostId: number;
let writer: Database.Database;

beforeAll(async () => {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  hostId = (await createHost({ name: "backup-test", address: "192.0.2.10", port: 22, username: "u", platform: "linux", password: PASSWORD })).id;
  writer = new Database((env().databaseFile as string), { timeout: 5000 });
  expect(writer.pragma("journal_mode", { simple: true })).toBe("wal");
  // No fsync per commit: thousands of them would slow the box, not test the backup.
  writer.pragma("synchronous = NORMAL");
  const bulk = writer.prepare("INSERT INTO Setting (key, value, updatedAt) VALUES (?, ?, ?)");
  writer.transaction(() => {
    for (let i = 0; i < BULK_ROWS; i++) bulk.run(`backup-test:bulk:${i}`, "x".repeat(500), Date.now());
  })();
});

afterAll(async () => {
  writer.prepare("DELETE FROM Setting WHERE key LIKE 'backup-test:%'").run();
  writer.close();
  await (await getDb()).host.deleteMany({ where: { name: "backup-test" } });
});

test("a backup taken while another connection writes restores into a new data dir with the host and its decrypted password", async () => {
  const insert = writer.prepare("INSERT INTO Setting (key, value, updatedAt) VALUES (?, ?, ?)");
  let written = 0;
  let stop = false;
  let warmedUp!: () => void;
  const warm = new Promise<void>((resolve) => (warmedUp = resolve));
  const loop = (async () => {
    while (!stop) {
      insert.run(`backup-test:live:${written}`, String(written), Date.now());
      written++;
      if (written === 50) warmedUp();
      await new Promise((r) => setImmediate(r));
    }
  })();

  await warm;
  const before = written;
  const started = performance.now();
  const ran = await npm(["backup", "--", BACKUP]);
  const backupMs = performance.now() - started;
  const after = written;
  stop = true;
  await loop;

  expect(ran.stderr).toBe("");
  expect(ran.code).toBe(0);
  expect(ran.stdout).toContain(`backup written to ${BACKUP}`);
  expect(after - before).toBeGreaterThan(0); // the server side really wrote during the backup
  expect(fs.statSync(BACKUP).mode & 0o777).toBe(0o600);
  console.log(`${ran.stdout.split("\n")[0]}; ${backupMs.toFixed(0)} ms with npm's start-up; ${after - before} writes meanwhile`);

  const restored = await npm(["restore", "--", BACKUP], freshEnv);
  expect(restored.stderr).toBe("");
  expect(restored.code).toBe(0);
  // Whichever stored credential restore checks first: other files leave their lab hosts (with keys) behind.
  expect(restored.stdout).toMatch(/integrity_check ok, (host \d+'s (password|private key)|netdiag's own SSH key) decrypts/);

  const db = new Database(`${FRESH}/netdiag.db`, { readonly: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const host = db.prepare("SELECT id, passwordEnc FROM Host WHERE name = 'backup-test'").get() as { id: number; passwordEnc: string };
    expect(host.id).toBe(hostId);
    const key = decodeKey(fs.readFileSync(`${FRESH}/secret.key`, "utf8"));
    expect(key).not.toBeNull();
    expect(createSecretBox(key as Buffer).decrypt(host.passwordEnc, { hostId, field: "password" })).toBe(PASSWORD);
    // A snapshot: every write up to some moment during the backup, none missing before it.
    const live = db.prepare("SELECT key FROM Setting WHERE key LIKE 'backup-test:live:%'").all() as { key: string }[];
    const indices = live.map((r) => Number(r.key.split(":")[2])).sort((a, b) => a - b);
    expect(indices.length).toBeGreaterThanOrEqual(before);
    expect(indices.length).toBeLessThanOrEqual(after);
    expect(indices).toEqual([...Array(indices.length).keys()]);
    expect((db.prepare("SELECT count(*) AS n FROM Setting WHERE key LIKE 'backup-test:bulk:%'").get() as { n: number }).n).toBe(BULK_ROWS);
  } finally {
    db.close();
  }
  for (const f of ["netdiag.db", "secret.key"]) expect(fs.statSync(path.join(FRESH, f)).mode & 0o777).toBe(0o600);
});

test("restoring again keeps the replaced database and key beside the new ones", async () => {
  const before = fs.readdirSync(FRESH);
  fs.writeFileSync(`${FRESH}/secret.key`, `${"ab".repeat(32)}\n`, { mode: 0o600 });
  const ran = await script("restore", [BACKUP], freshEnv);
  expect(ran.code).toBe(0);
  const aside = fs.readdirSync(FRESH).filter((f) => !before.includes(f));
  expect(aside).toEqual(expect.arrayContaining([expect.stringMatching(/^netdiag\.db\.before-restore-/), expect.stringMatching(/^secret\.key\.before-restore-/)]));
  expect(fs.readFileSync(path.join(FRESH, aside.find((f) => f.startsWith("secret.key"))!), "utf8")).toBe(`${"ab".repeat(32)}\n`);
});

test("restore refuses a NETDIAG_SECRET_KEY other than the backup's key, which could not decrypt what it restores", async () => {
  const ran = await script("restore", [BACKUP], { ...freshEnv, NETDIAG_SECRET_KEY: "cd".repeat(32) });
  expect(ran.code).toBe(1);
  expect(ran.stderr).toMatch(/NETDIAG_SECRET_KEY is set to a different key than the backup's/);
  expect(fs.readdirSync(FRESH).filter((f) => f.includes("before-restore"))).toHaveLength(2);
});

test("restore refuses while a process has the database open, naming it, and changes nothing", async () => {
  const live = (env().databaseFile as string);
  const inode = fs.statSync(live).ino;
  const ran = await script("restore", [BACKUP]);
  expect(ran.code).toBe(1);
  expect(ran.stderr).toContain(`${live} is open in`);
  expect(ran.stderr).toContain(`pid ${process.pid}`);
  expect(fs.statSync(live).ino).toBe(inode);
});

test("backup refuses to overwrite a file unless --force, and says why", async () => {
  const size = fs.statSync(BACKUP).size;
  const ran = await script("backup", [BACKUP]);
  expect(ran.code).toBe(1);
  expect(ran.stderr).toMatch(/already exists: choose another name or add --force/);
  expect(fs.statSync(BACKUP).size).toBe(size);
  expect((await script("backup", [BACKUP, "--force"])).code).toBe(0);
  expect(fs.readdirSync(WORK).filter((f) => f.endsWith(".tmp"))).toEqual([]);
});
